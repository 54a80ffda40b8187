import { ImportUpload } from "@/components/console/admin/import-upload";
import { requirePageAccess } from "@/lib/auth/access";
import Link from "next/link";
import { loadStudentRosterPage } from "@/lib/services/student-roster-export";
import { ENROLMENT_STATUS_LABELS, SPECIAL_CATEGORY_LABELS, STAGE_LABELS } from "@/lib/domain/codes";
import { maskStudentNo } from "@/lib/domain/mask";
import { ROSTER_HEADERS } from "@/lib/domain/student-roster-row";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { Tr, Td, DataTable } from "@/components/ui/table";
import { StudentRows } from "./student-rows";
import { Card } from "@/components/ui/card";
import { Button, LinkButton } from "@/components/ui/button";

export const metadata = { title: "学生名册导入" };

const PAGE_SIZE = 50;

export default async function StudentsImportPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const { user } = await requirePageAccess("roster.import");
  const sp = await searchParams;
  const q = (sp.q ?? "").trim().slice(0, 30);
  const page = Math.max(1, Number(sp.page) || 1);
  const loaded = await loadStudentRosterPage(user, { q, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  if (!loaded.ok) return <p className="text-red-600">{loaded.message}</p>;
  const { jobs, grades, roster } = loaded.data;
  const link = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">在校生信息导入</h1>
        <p className="text-sm text-slate-600">
          上传 .xlsx
          名册：第一行为列名，从第二行起每行一名学生。可使用本系统模板，也可直接上传全国学籍系统导出的学生信息（按列名识别，列的顺序不限）。
          学生按身份证件号识别：已在系统中的学生（包括从其他学校转来、升学来的）会保留原有的认定和资助记录。
        </p>
      </header>

      <section className="flex flex-wrap gap-3 text-sm">
        <LinkButton variant="secondary" href="/console/admin/students/template">
          下载导入模板
        </LinkButton>
        <LinkButton variant="secondary" href="/console/admin/students/export">
          导出本校名册（含完整证件号，将记入审计日志）
        </LinkButton>
      </section>

      <Card className="space-y-3">
        <h2 className="font-semibold">导入名册</h2>
        <ImportUpload
          endpoint="/console/admin/students/import"
          jobBase="/console/admin/students/jobs"
          kind="roster"
        >
          <fieldset className="space-y-1 text-sm">
            <legend className="font-medium text-slate-700">有错误行时</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" value="GOOD_ROWS" defaultChecked />{" "}
              只导入正确的行，错误行下载后改正再导入
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" value="ALL_OR_NOTHING" /> 有任何错误则全部不导入
            </label>
          </fieldset>
        </ImportUpload>
      </Card>

      <section className="space-y-2 text-sm">
        <h2 className="font-semibold">模板列</h2>
        <p className="text-slate-600">
          {ROSTER_HEADERS.join("、")}。必填：姓名、证件号码、全国学籍号、年级、班级、入学年月（如
          2025-09）。证件类型默认居民身份证；性别可由身份证号推出；学制留空按学段默认；就读状态默认在读。
        </p>
        <p className="text-slate-600">
          本校已设置的年级：
          {grades.length
            ? grades.map((g) => `${STAGE_LABELS[g.stage]}·${g.name}（${g.classes} 个班）`).join("；")
            : "还没有年级，请先在“年级与班级”中添加。"}
          {grades.length ? (
            <>
              {" "}
              班级名称须与
              <a href="/console/admin/structure" className="text-brand-700 underline">
                年级与班级
              </a>
              中的一致。
            </>
          ) : null}
        </p>
      </section>

      <section aria-label="本校学生" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">本校学生（{roster.total} 人）</h2>
          <form method="get" className="flex gap-2 text-sm">
            <label htmlFor="roster-q" className="sr-only">
              按姓名查找
            </label>
            <input
              id="roster-q"
              name="q"
              defaultValue={q}
              maxLength={30}
              placeholder="按姓名查找"
              className="rounded-md border border-slate-300 px-2 py-1.5"
            />
            <Button variant="small" type="submit">
              查找
            </Button>
          </form>
        </div>
        <DataTable columns={["姓名", "证件号码", "全国学籍号", "年级班级", "状态", "特殊群体"]}>
          <StudentRows
            rows={roster.rows.map((s) => ({
              id: s.id,
              name: s.name,
              idNumber: s.idNumberMasked,
              studentNo: maskStudentNo(s.studentNo),
              className: `${s.gradeName}${s.className}`,
              status: ENROLMENT_STATUS_LABELS[s.status],
              categories: s.categories.map((c) => SPECIAL_CATEGORY_LABELS[c]),
            }))}
          />
          {roster.rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="px-3 py-4 text-slate-600">
                {q ? `没有姓名包含“${q}”的学生。` : "还没有学生，请导入名册。"}
              </td>
            </tr>
          ) : null}
        </DataTable>
        {roster.total > PAGE_SIZE ? (
          <nav aria-label="分页" className="flex gap-3 text-sm">
            {page > 1 ? <Link href={link(page - 1)}>上一页</Link> : null}
            <span>
              第 {page} / {Math.ceil(roster.total / PAGE_SIZE)} 页
            </span>
            {page * PAGE_SIZE < roster.total ? <Link href={link(page + 1)}>下一页</Link> : null}
          </nav>
        ) : null}
      </section>

      <section className="space-y-2">
        <h2 className="font-semibold">最近的导入</h2>
        {jobs.length === 0 ? (
          <p className="text-sm text-slate-600">还没有导入记录。</p>
        ) : (
          <DataTable columns={["时间", "文件", "结果", "错误行"]}>
            {jobs.map((j) => (
              <Tr key={j.id}>
                <Td className="whitespace-nowrap">{formatBeijingDateTime(j.createdAt)}</Td>
                <Td>{j.fileName}</Td>
                <Td>
                  {j.state === "RUNNING" ? (j.queued ? "排队中" : `导入中（${j.progress}%）`) : j.message}
                </Td>
                <Td>
                  {j.rejected > 0 ? (
                    <a
                      className="text-brand-700 underline"
                      href={`/console/admin/students/jobs/${j.id}/rejected`}
                    >
                      下载 {j.rejected} 行
                    </a>
                  ) : (
                    "—"
                  )}
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
