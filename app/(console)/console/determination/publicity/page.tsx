import Link from "next/link";
import { ServerForm } from "@/components/ui/server-form";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { cardCls, inputCls, linkCls, tdCls, thCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadBatches, loadCalendar, publicityPhase } from "@/lib/services/publicity";
import { calendarDayAction, deleteCalendarDayAction, publicityAction } from "../actions";

export const metadata = { title: "公示与异议" };
const PHASE = { before: "未开始", open: "公示中", ended: "公示期满" } as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function PublicityPage() {
  const { user } = await requirePageAccess("publicity.manage");
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
      <section className={cardCls} aria-labelledby="new-title">
        <h2 id="new-title" className="font-semibold">
          发布公示
        </h2>
        <p className="text-sm text-slate-600">
          年级公示不少于2个工作日（须先记录年级认定小组审核），学校公示不少于5个工作日（须校长签字）。工作日不含周末和法定节假日，调休上班日计入。公示页只显示姓名、班级和认定等级。
        </p>
        <ServerForm action={publicityAction} submitLabel="发布公示">
          <div className="grid gap-3 md:grid-cols-2">
            <div>
              <label className="block text-sm" htmlFor="f-scope">
                范围
              </label>
              <select id="f-scope" name="scope" className={inputCls}>
                <option value="SCHOOL">学校公示</option>
                <option value="GRADE">年级公示</option>
              </select>
            </div>
            <div>
              <label className="block text-sm" htmlFor="f-pgrade">
                年级（年级公示）
              </label>
              <select id="f-pgrade" name="gradeId" className={inputCls}>
                <option value="">—</option>
                {grades.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
            <label className="block text-sm">
              开始日期
              <input
                type="date"
                name="startDate"
                className={inputCls}
                defaultValue={formatBeijingDate(new Date())}
              />
            </label>
            <label className="block text-sm">
              公示工作日数
              <input name="workingDays" inputMode="numeric" className={inputCls} defaultValue="5" />
            </label>
          </div>
        </ServerForm>
      </section>
      <section className={cardCls} aria-labelledby="cal-title">
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
          action={calendarDayAction}
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
      </section>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th className={thCls}>公示</th>
              <th className={thCls}>公示期</th>
              <th className={thCls}>人数</th>
              <th className={thCls}>状态</th>
              <th className={thCls}>未处理异议</th>
              <th className={thCls}></th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} className="border-t border-slate-100">
                <td className={tdCls}>{b.title}</td>
                <td className={tdCls}>
                  {day(b.startDate)} 至 {day(b.endDate)}（{b.workingDays}个工作日）
                </td>
                <td className={tdCls}>{b._count.items}</td>
                <td className={tdCls}>{b.state === "FINAL" ? "结果已确定" : PHASE[publicityPhase(b)]}</td>
                <td className={tdCls}>{b._count.objections}</td>
                <td className={tdCls}>
                  <Link className={linkCls} href={`/console/determination/publicity/${b.id}`}>
                    异议处理
                  </Link>{" "}
                  ·{" "}
                  <Link className={linkCls} href={`/publicity/${b.id}`}>
                    公示页
                  </Link>
                </td>
              </tr>
            ))}
            {batches.length === 0 ? (
              <tr>
                <td className={tdCls} colSpan={6}>
                  尚未发布公示。
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
