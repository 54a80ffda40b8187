import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { ErrorCard } from "@/components/portal/error-card";
import { APPLICATION_STATE_LABELS, STAGE_LABELS } from "@/lib/domain/codes";
import { countdown } from "@/lib/domain/term-window";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { reopenAction, startAction, withdrawAction } from "./actions";
import { applicantContext } from "./context";
import { STEPS, stepDone, stepHref } from "./steps";
import { Card } from "@/components/ui/card";

export const metadata = { title: "资助申请" };

export default async function ApplicationOverview({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId, "application.view");
  if (!ctx) return <ErrorCard message={error} />;
  const { student, application: app, window, term } = ctx;
  const now = new Date();

  return (
    <>
      <Card tone="portal">
        <h1 className="text-lg font-semibold">
          {student.name} · {term.name}
        </h1>
        <p className="text-sm text-slate-600">
          {student.schoolName} · {STAGE_LABELS[student.stage]} · {student.gradeName}
          {student.className}
        </p>
        <p className="mt-2 text-sm">
          当前状态：
          <strong data-testid="application-state">
            {app ? APPLICATION_STATE_LABELS[app.state] : "未开始"}
          </strong>
        </p>
        <p className="text-sm text-slate-600">{window.message}</p>
        {app?.state === "returned" ? (
          <div role="alert" className="mt-2 rounded bg-amber-50 p-3 text-sm text-amber-800">
            <p>退回原因：{app.returnReason}</p>
            {app.returnDeadline ? (
              <p>
                请在 {formatBeijingDateTime(app.returnDeadline)} 前修改并重新提交（剩余{" "}
                {countdown(now, app.returnDeadline)}）。
              </p>
            ) : null}
          </div>
        ) : null}
      </Card>

      {!app ? (
        window.status === "open" ? (
          <ActionButton action={startAction.bind(null, personId)} label="开始申请" />
        ) : null
      ) : app.state === "draft" || app.state === "returned" ? (
        <Card as="nav" tone="portal" padding="none" aria-label="申请步骤">
          <ol>
            {STEPS.map((s, i) => (
              <li key={s.key} className="border-b border-slate-100 last:border-0">
                <Link
                  href={stepHref(personId, s.key)}
                  className="flex items-center justify-between px-4 py-3"
                >
                  <span>
                    {i + 1}. {s.label}
                  </span>
                  <span className={stepDone(app, s.key) ? "text-green-600" : "text-slate-400"}>
                    {stepDone(app, s.key) ? "已完成" : "待填写"}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        </Card>
      ) : null}

      {app && (app.state === "submitted" || app.state === "returned") ? (
        <ActionButton
          action={withdrawAction.bind(null, personId)}
          label="撤回申请"
          variant="danger"
          confirmText="确定撤回申请吗？撤回后可在申请时间内重新填写提交。"
        />
      ) : null}
      {app && (app.state === "withdrawn" || app.state === "waived") && window.status === "open" ? (
        <ActionButton action={reopenAction.bind(null, personId)} label="重新填写申请" variant="secondary" />
      ) : null}
      {app ? (
        <Link
          href={`/portal/apply/${personId}/timeline`}
          className="block text-center text-sm text-brand-600"
        >
          查看申请记录
        </Link>
      ) : null}
      <Link href="/portal" className="block text-center text-sm text-slate-500">
        返回首页
      </Link>
    </>
  );
}
