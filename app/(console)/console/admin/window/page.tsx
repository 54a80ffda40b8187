import { inputCls } from "@/components/ui/form-styles";
import { ServerForm } from "@/components/ui/server-form";
import { requirePageAccess } from "@/lib/auth/access";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { loadWindow } from "@/lib/services/term-window";
import { extendWindowAction } from "./actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "申请时间" };

export default async function WindowPage() {
  const { user } = await requirePageAccess("term.extend_window");
  const r = await loadWindow(user);
  if (!r.ok) return <p className="text-red-600">{r.message}</p>;
  const { termName, termDates, dates, extended } = r.data;
  return (
    <>
      <header>
        <h1 className="text-xl font-semibold">申请时间 · {termName}</h1>
        <p className="text-sm text-slate-600">
          本校学生和家长按下面的截止时间申请，页面上的倒计时随之变化。延长会记入审计日志。
        </p>
      </header>
      <Card aria-labelledby="dates-title" className="space-y-1">
        <h2 id="dates-title" className="font-semibold">
          本校当前时间
        </h2>
        <dl className="grid grid-cols-[8rem_1fr] gap-1 text-sm">
          <dt className="text-slate-600">申请开始</dt>
          <dd>{formatBeijingDateTime(dates.applyStart)}</dd>
          <dt className="text-slate-600">申请截止</dt>
          <dd data-testid="apply-end">
            {formatBeijingDateTime(dates.applyEnd)}
            {extended ? `（已延长；学期统一截止 ${formatBeijingDateTime(termDates.applyEnd)}）` : ""}
          </dd>
          <dt className="text-slate-600">班主任核实截止</dt>
          <dd>{formatBeijingDateTime(dates.verifyDeadline)}</dd>
        </dl>
      </Card>
      <Card aria-labelledby="extend-title" className="space-y-2">
        <h2 id="extend-title" className="font-semibold">
          延长本校申请时间
        </h2>
        <ServerForm action={extendWindowAction} submitLabel="延长申请时间">
          <label className="block text-sm" htmlFor="w-end">
            新的截止日期（当天 23:59 截止，须早于班主任核实截止时间）
          </label>
          <input
            id="w-end"
            name="applyEnd"
            type="date"
            min={formatBeijingDate(dates.applyEnd)}
            max={formatBeijingDate(dates.verifyDeadline)}
            className={inputCls}
          />
          <label className="block text-sm" htmlFor="w-reason">
            延长原因
          </label>
          <input id="w-reason" name="reason" maxLength={200} className={`${inputCls} w-full`} />
        </ServerForm>
      </Card>
    </>
  );
}
