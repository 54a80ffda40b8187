import Link from "next/link";
import { ServerForm } from "@/components/ui/server-form";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { inputCls, linkCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadBatches, loadCalendar, planPublicity, publicityPhase } from "@/lib/services/publicity";
import { PublicityPreview } from "@/components/determination/publicity-preview";
import { saveCalendarDayAction, deleteCalendarDayAction, createPublicityAction } from "../actions";
import { HeadRow, Td, Tr } from "@/components/ui/table";
import { Card } from "@/components/ui/card";

export const metadata = { title: "公示与异议" };
const PHASE = { before: "未开始", open: "公示中", ended: "公示期满" } as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

type Search = {
  scope?: string;
  gradeId?: string;
  startDate?: string;
  workingDays?: string;
  preview?: string;
};

export default async function PublicityPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requirePageAccess("publicity.manage");
  const sp = await searchParams;
  const form = {
    scope: sp.scope === "GRADE" ? "GRADE" : "SCHOOL",
    gradeId: sp.gradeId ?? "",
    startDate: sp.startDate ?? formatBeijingDate(new Date()),
    workingDays: sp.workingDays ?? "5",
  };
  // Nothing is published from the settings: first the list it would show, then "确认发布".
  const plan = sp.preview ? await planPublicity(user, form) : null;
  const r = await loadBatches(user);
  if (!r.ok) return <ErrorPanel code="—" title="无法打开" message={r.message} />;
  const { batches, grades, term } = r.data;
  const cal = await loadCalendar(user);
  const days = cal.ok ? cal.data : [];
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">公示与异议 · {term.name}</h1>
        <DeterminationNav current="/console/determination/publicity" />
      </header>
      <Card tone="bordered" className="space-y-3" aria-labelledby="new-title">
        <h2 id="new-title" className="font-semibold">
          发布公示
        </h2>
        <p className="text-sm text-slate-600">
          年级公示不少于2个工作日（须先记录年级认定小组审核），学校公示不少于5个工作日（须校长签字）。工作日不含周末和法定节假日，调休上班日计入。公示页只显示姓名、班级和认定等级。先预览将公示的名单，确认无误后再发布。
        </p>
        <form method="get" aria-label="公示设置" className="space-y-3">
          <div className="grid gap-3 md:grid-cols-2">
            <div>
              <label className="block text-sm" htmlFor="f-scope">
                范围
              </label>
              <select id="f-scope" name="scope" className={inputCls} defaultValue={form.scope}>
                <option value="SCHOOL">学校公示</option>
                <option value="GRADE">年级公示</option>
              </select>
            </div>
            <div>
              <label className="block text-sm" htmlFor="f-pgrade">
                年级（年级公示）
              </label>
              <select id="f-pgrade" name="gradeId" className={inputCls} defaultValue={form.gradeId}>
                <option value="">—</option>
                {grades.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label className="block text-sm" htmlFor="f-pstart">
                开始日期
              </label>
              <input
                id="f-pstart"
                type="date"
                name="startDate"
                className={inputCls}
                defaultValue={form.startDate}
              />
            </div>
            <div>
              <label className="block text-sm" htmlFor="f-pdays">
                公示工作日数
              </label>
              <input
                id="f-pdays"
                name="workingDays"
                inputMode="numeric"
                className={inputCls}
                defaultValue={form.workingDays}
              />
            </div>
          </div>
          <input type="hidden" name="preview" value="1" />
          <button
            type="submit"
            className="rounded-md bg-white px-4 py-2 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            预览公示名单
          </button>
        </form>
        {plan && !plan.ok ? (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
            {plan.message}
          </p>
        ) : null}
        {plan?.ok ? <PublicityPreview plan={plan.data} form={form} publish={createPublicityAction} /> : null}
      </Card>
      <Card tone="bordered" className="space-y-3" aria-labelledby="cal-title">
        <h2 id="cal-title" className="font-semibold">
          本校校历调整
        </h2>
        <p className="text-sm text-slate-600">
          工作日按国务院公布的法定节假日和调休计算；本校另有放假或调休上班的日期在此登记。
        </p>
        {days.length ? (
          <ul className="space-y-1 text-sm">
            {days.map((d) => (
              <li key={d.id} className="flex items-center gap-3">
                {d.day} · {d.working ? "上班" : "放假"}
                {d.note ? `（${d.note}）` : ""}
                <ServerForm
                  action={deleteCalendarDayAction.bind(null, d.id)}
                  submitLabel="删除"
                  variant="secondary"
                  className="inline"
                />
              </li>
            ))}
          </ul>
        ) : null}
        <ServerForm
          action={saveCalendarDayAction}
          submitLabel="登记日期"
          variant="secondary"
          className="flex flex-wrap items-end gap-2"
        >
          <div>
            <label className="block text-sm" htmlFor="f-cal-day">
              日期
            </label>
            <input id="f-cal-day" type="date" name="day" className={inputCls} />
          </div>
          <div>
            <label className="block text-sm" htmlFor="f-cal-working">
              类型
            </label>
            <select id="f-cal-working" name="working" className={inputCls}>
              <option value="no">放假</option>
              <option value="yes">调休上班</option>
            </select>
          </div>
          <div>
            <label className="block text-sm" htmlFor="f-cal-note">
              说明
            </label>
            <input id="f-cal-note" name="note" className={inputCls} maxLength={50} />
          </div>
        </ServerForm>
      </Card>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <HeadRow weight="medium" columns={["公示", "公示期", "人数", "状态", "未处理异议", ""]} />
          <tbody>
            {batches.map((b) => (
              <Tr key={b.id}>
                <Td>{b.title}</Td>
                <Td>
                  {day(b.startDate)} 至 {day(b.endDate)}（{b.workingDays}个工作日）
                </Td>
                <Td>{b._count.items}</Td>
                <Td>{b.state === "FINAL" ? "结果已确定" : PHASE[publicityPhase(b)]}</Td>
                <Td>{b._count.objections}</Td>
                <Td>
                  <Link className={linkCls} href={`/console/determination/publicity/${b.id}`}>
                    异议处理
                  </Link>{" "}
                  ·{" "}
                  <Link className={linkCls} href={`/publicity/${b.id}`}>
                    公示页
                  </Link>
                </Td>
              </Tr>
            ))}
            {batches.length === 0 ? (
              <tr>
                <Td colSpan={6}>尚未发布公示。</Td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
