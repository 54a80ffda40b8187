import { ActionButton } from "@/components/ui/action-button";
import { ActionForm } from "@/components/ui/action-form";
import { ErrorCard } from "@/components/portal/error-card";
import { StepHeader } from "@/components/portal/step-header";
import { policyFor } from "@/lib/domain/policy-text";
import { acknowledgeAction, waiveAction } from "../actions";
import { applicantContext, readOnlyReason } from "../context";
import { Card } from "@/components/ui/card";

export const metadata = { title: "资助政策" };

export default async function PolicyPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId);
  if (!ctx) return <ErrorCard message={error} />;
  const policy = policyFor(ctx.student.stage);
  const readOnly = readOnlyReason(ctx);
  return (
    <>
      <StepHeader personId={personId} title="阅读资助政策" index={2} total={6} readOnly={readOnly} />
      <Card as="article" tone="portal" className="space-y-2 text-sm leading-relaxed">
        <p className="font-medium">{policy.summary}</p>
        <ul className="list-disc space-y-1 pl-5">
          {policy.points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </Card>
      {readOnly ? null : (
        <>
          <ActionButton action={acknowledgeAction.bind(null, personId)} label="我已阅读，申请资助" />
          <Card as="details" tone="portal">
            <summary className="cursor-pointer text-sm text-slate-600">不需要资助？放弃申请</summary>
            <div className="mt-3">
              <ActionForm
                action={waiveAction.bind(null, personId)}
                submitLabel="确认放弃申请"
                fields={[{ name: "reason", label: "放弃原因（可不填）", maxLength: 200 }]}
              />
            </div>
          </Card>
        </>
      )}
    </>
  );
}
