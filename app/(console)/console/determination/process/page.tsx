import { ServerForm } from "@/components/ui/server-form";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { inputCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS, REVIEW_STEP_LABELS } from "@/lib/domain/codes";
import { processFlowText } from "@/lib/domain/process-order";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { loadReviewProcess } from "@/lib/services/review-steps";
import { signOffDeterminationAction, recordReviewStepAction } from "../actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "审核环节与签字" };

export default async function ProcessPage() {
  const { user } = await requirePageAccess("determination.queue");
  const r = await loadReviewProcess(user);
  if (!r.ok) return <ErrorPanel code="—" title="无法打开" message={r.message} />;
  const { steps, lastChange, term, isVillage, grades } = r.data;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">审核环节与签字 · {term.name}</h1>
        <DeterminationNav current="/console/determination/process" />
        <p className="text-sm text-slate-600">
          流程：{processFlowText(isVillage)}。系统按此顺序检查：上一环节完成前不能记录下一环节。
        </p>
      </header>
      <Card tone="bordered" className="space-y-3" aria-labelledby="steps-title">
        <h2 id="steps-title" className="font-semibold">
          已记录的环节
        </h2>
        {steps.length === 0 ? (
          <p className="text-sm text-slate-600">尚无记录。</p>
        ) : (
          <ol className="space-y-1 text-sm" data-testid="steps">
            {steps.map((s) => (
              <li key={s.id}>
                {formatBeijingDateTime(s.at)} · {s.label}
                {s.grade ? `（${s.grade.name}）` : ""} · {s.actor.displayName}（{ROLE_LABELS[s.actor.role]}）
                {s.comment ? `：${s.comment}` : ""}
                {Array.isArray(s.members) ? (
                  <span className="text-slate-500">
                    {" "}
                    · 成员：{(s.members as { name: string }[]).map((m) => m.name).join("、")}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {lastChange ? (
          <p className="text-xs text-slate-500">最近一次认定结果改动：{formatBeijingDateTime(lastChange)}</p>
        ) : null}
      </Card>
      {isAllowed(user.role, "determination.committee_step") ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="step-title">
          <h2 id="step-title" className="font-semibold">
            记录认定小组审核
          </h2>
          <ServerForm action={recordReviewStepAction} submitLabel="记录">
            <label className="block text-sm" htmlFor="f-kind">
              环节
            </label>
            <select id="f-kind" name="kind" className={inputCls}>
              {(
                [
                  "GRADE_COMMITTEE",
                  "SCHOOL_COMMITTEE",
                  ...(isVillage ? (["CENTRE_SCHOOL_REVIEW"] as const) : []),
                  "REPORTED_UPWARD",
                ] as const
              ).map((k) => (
                <option key={k} value={k}>
                  {REVIEW_STEP_LABELS[k]}
                </option>
              ))}
            </select>
            <label className="block text-sm" htmlFor="f-grade">
              年级（年级认定小组必选）
            </label>
            <select id="f-grade" name="gradeId" className={inputCls}>
              <option value="">全校</option>
              {grades.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
            <label className="block text-sm">
              小组成员（不少于3人，用顿号分隔）
              <input name="members" className={inputCls} maxLength={300} />
            </label>
            <label className="block text-sm">
              审核意见
              <textarea name="comment" className={inputCls} rows={2} maxLength={500} />
            </label>
          </ServerForm>
        </Card>
      ) : null}
      {isAllowed(user.role, "determination.sign_off") ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="sign-title">
          <h2 id="sign-title" className="font-semibold">
            校长签字确认
          </h2>
          <ServerForm action={signOffDeterminationAction} submitLabel="签字确认认定结果">
            <label className="block text-sm">
              签字意见
              <input
                name="comment"
                className={inputCls}
                maxLength={300}
                defaultValue="同意认定结果，可以公示"
              />
            </label>
          </ServerForm>
        </Card>
      ) : null}
    </>
  );
}
