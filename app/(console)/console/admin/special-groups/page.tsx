import Link from "next/link";
import { ImportUpload } from "@/components/console/admin/import-upload";
import {
  ApplicationStateCell,
  EmptyListRow,
  SpecialListPager,
  SpecialStudentCell,
  specialCategoryNames,
} from "@/components/console/admin/special-student-cells";
import { SpecialEntryForm } from "@/components/console/admin/special-entry-form";
import { inputCls } from "@/components/ui/form-styles";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import {
  SPECIAL_CATEGORIES,
  SPECIAL_CATEGORY_LABELS,
  NO_AID_REASON_LABELS,
  SPECIAL_SOURCE_LABELS,
} from "@/lib/domain/codes";
import { loadSpecialGroupChecks, specialGroupStudents } from "@/lib/services/special-groups";
import { Tr, Td, DataTable } from "@/components/ui/table";
import { Card } from "@/components/ui/card";

export const metadata = { title: "特殊群体名单" };

/** The authorised, audited download of a hand-added entry's evidence. */
function EvidenceLink({ id, label }: { id: string; label: string }) {
  return (
    <a
      className="text-brand-700 underline"
      href={`/console/admin/special-groups/evidence/${id}`}
      target="_blank"
      rel="noopener noreferrer"
    >
      {label}
    </a>
  );
}

/** The list year of special-group students added by import or by hand. */
function ListYearInput({ year, className }: { year: number | string; className: string }) {
  return (
    <input name="listYear" aria-label="名单年度" defaultValue={year} maxLength={4} className={className} />
  );
}

export default async function SpecialGroupsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; noaid?: string }>;
}) {
  const { user } = await requirePageAccess("special_group.view");
  const sp = await searchParams;
  const withoutAidOnly = sp.noaid === "1";
  const r = await specialGroupStudents(user, { page: Number(sp.page) || 1, withoutAidOnly });
  if (!r.ok) return <p className="text-red-600">{r.message}</p>;
  const canEdit = isAllowed(user.role, "special_group.import");
  const checks = await loadSpecialGroupChecks(user, canEdit);
  if (!checks.ok) return <p className="text-red-600">{checks.message}</p>;
  const { unmatched, mismatches } = checks.data;
  const { rows, total, page, pageSize, term } = r.data;
  const year = new Date().getFullYear();
  const categoryOptions = SPECIAL_CATEGORIES.map((c) => (
    <option key={c} value={c}>
      {SPECIAL_CATEGORY_LABELS[c]}
    </option>
  ));
  return (
    <>
      <header>
        <h1 className="text-xl font-semibold">特殊群体名单与大数据比对</h1>
        <p className="text-sm text-slate-600">
          名单按身份证件号与本校学生精确比对（不按姓名匹配）。比对上的学生在申请时自动预填特殊群体身份。
        </p>
      </header>

      {canEdit ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card aria-label="导入中央下发名单" className="space-y-2">
            <h2 className="font-semibold">导入中央下发名单</h2>
            <p className="text-xs text-slate-500">
              .xlsx 第一行为列名，需含“姓名”“身份证件号”；可含“类别”“年度”列，否则使用下面选择的类别和年度。
            </p>
            <ImportUpload
              endpoint="/console/admin/special-groups/import"
              jobBase="/console/admin/special-groups/jobs"
              kind="special"
            >
              <div className="flex flex-wrap gap-2 text-sm">
                <select name="category" aria-label="类别" className={inputCls} defaultValue="">
                  <option value="">按文件中的“类别”列</option>
                  {categoryOptions}
                </select>
                <ListYearInput year={year} className={`${inputCls} w-24`} />
              </div>
            </ImportUpload>
          </Card>
          <Card aria-label="学校自采集" className="space-y-2">
            <h2 className="font-semibold">学校自采集（逐条添加）</h2>
            <SpecialEntryForm endpoint="/console/admin/special-groups/entry">
              <div className="grid gap-2 text-sm md:grid-cols-2">
                <select name="category" aria-label="特殊群体类别" className={inputCls}>
                  {categoryOptions}
                </select>
                <ListYearInput year={year} className={inputCls} />
                <input name="name" aria-label="姓名" placeholder="姓名" maxLength={50} className={inputCls} />
                <input
                  name="idNumber"
                  aria-label="身份证号"
                  placeholder="身份证号"
                  maxLength={22}
                  className={inputCls}
                />
                <textarea
                  name="note"
                  aria-label="佐证说明"
                  placeholder="佐证材料说明（如：低保证编号、核验人和日期）"
                  maxLength={500}
                  className={`${inputCls} md:col-span-2`}
                />
                <label className="space-y-1 md:col-span-2">
                  <span className="block text-slate-700">
                    佐证材料文件（必传：JPG、PNG图片或PDF，不超过10MB）
                  </span>
                  <input
                    type="file"
                    name="evidence"
                    aria-label="佐证材料文件"
                    accept="image/jpeg,image/png,application/pdf"
                    className="block text-sm"
                  />
                </label>
              </div>
            </SpecialEntryForm>
          </Card>
        </div>
      ) : null}

      <section aria-label="特殊群体学生" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">
            {term ? term.name : "本学期"}特殊群体学生（{total} 人）
          </h2>
          <div className="flex gap-3 text-sm">
            <Link className="text-brand-700 underline" href={withoutAidOnly ? "?" : "?noaid=1"}>
              {withoutAidOnly ? "显示全部" : "只看未资助"}
            </Link>
            <Link className="text-brand-700 underline" href="/console/determination/no-aid-reasons">
              未资助原因上报
            </Link>
          </div>
        </div>
        <DataTable columns={["学生", "类别", "本学期申请", "资助", "未资助原因"]}>
          {rows.map((s) => (
            <Tr key={s.studentId} className="align-top">
              <SpecialStudentCell student={s} />
              <Td>
                {specialCategoryNames(s)}
                {s.categories
                  .filter((c) => c.evidenceId)
                  .map((c) => (
                    <div key={c.evidenceId} className="text-xs">
                      <EvidenceLink
                        id={c.evidenceId!}
                        label={`${SPECIAL_CATEGORY_LABELS[c.category]}（${c.listYear}）佐证材料`}
                      />
                    </div>
                  ))}
              </Td>
              <ApplicationStateCell application={s.application} />
              <Td>{s.aided ? "已列入资助名单" : <span className="text-amber-700">未资助</span>}</Td>
              <Td>
                {s.aided ? (
                  "—"
                ) : s.noAid ? (
                  NO_AID_REASON_LABELS[s.noAid.reason]
                ) : (
                  <span className="text-red-700">未填写</span>
                )}
              </Td>
            </Tr>
          ))}
          {rows.length === 0 ? (
            <EmptyListRow colSpan={5} className="text-slate-600">
              暂无比对上的特殊群体学生。
            </EmptyListRow>
          ) : null}
        </DataTable>
        <SpecialListPager
          page={page}
          pageSize={pageSize}
          total={total}
          query={withoutAidOnly ? "&noaid=1" : ""}
        />
      </section>

      {mismatches.length ? (
        <section
          aria-labelledby="mismatch-title"
          className="space-y-2 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200"
          data-testid="name-mismatches"
        >
          <h2 id="mismatch-title" className="font-semibold text-amber-900">
            姓名不一致的比对结果（{mismatches.length} 条，请核对）
          </h2>
          <p className="text-sm text-amber-900">
            以下名单记录按身份证件号比对到了本校学生，但名单上的姓名与学生姓名不同：可能是名单录入错误，也可能是证件号填错而恰好对应了另一名学生。请核对证件号和佐证材料后再据此认定。
          </p>
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="text-left text-amber-900">
                <tr>
                  <th className="px-2 py-1">名单上的姓名</th>
                  <th className="px-2 py-1">比对到的学生</th>
                  <th className="px-2 py-1">班级</th>
                  <th className="px-2 py-1">证件号</th>
                  <th className="px-2 py-1">类别</th>
                  <th className="px-2 py-1">来源</th>
                </tr>
              </thead>
              <tbody>
                {mismatches.map((m) => (
                  <tr key={m.entryId} className="border-t border-amber-200" data-testid="name-mismatch">
                    <td className="whitespace-nowrap px-2 py-1">{m.listName}</td>
                    <td className="whitespace-nowrap px-2 py-1 font-medium">{m.studentName}</td>
                    <td className="whitespace-nowrap px-2 py-1">
                      {m.gradeName}
                      {m.className}
                    </td>
                    <td className="px-2 py-1 text-xs">{m.idNumberMasked}</td>
                    <td className="px-2 py-1">{SPECIAL_CATEGORY_LABELS[m.category]}</td>
                    <td className="whitespace-nowrap px-2 py-1">
                      {SPECIAL_SOURCE_LABELS[m.source]} {m.listYear}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {canEdit && unmatched.length ? (
        <section aria-label="未比对上的名单" className="space-y-2">
          <h2 className="font-semibold">名单中未比对上的人员（非本校学生，最近 {unmatched.length} 条）</h2>
          <ul className="grid gap-1 text-sm text-slate-600 md:grid-cols-2">
            {unmatched.map((u) => (
              <li key={u.id}>
                {u.name} · {u.idNumberMasked} · {SPECIAL_CATEGORY_LABELS[u.category]} · {u.listYear} ·{" "}
                {SPECIAL_SOURCE_LABELS[u.source]}
                {u.evidenceId ? (
                  <>
                    {" "}
                    · <EvidenceLink id={u.evidenceId} label="佐证材料" />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
