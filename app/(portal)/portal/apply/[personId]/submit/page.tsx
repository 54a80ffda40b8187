import { ErrorCard } from "@/components/portal/error-card";
import { StepHeader } from "@/components/portal/step-header";
import { CommitmentForm } from "@/components/portal/commitment-form";
import { fenToYuan } from "@/lib/domain/household";
import { COMMITMENT_TEXT } from "@/lib/domain/print-forms";
import Link from "next/link";
import { problemItemsBeforeSubmit } from "@/lib/services/application-portal";
import { submitAction } from "../actions";
import { applicantContext, readOnlyReason } from "../context";
import { STEPS, stepHref } from "../steps";
import { Card } from "@/components/ui/card";

export const metadata = { title: "诚信承诺并提交" };

export default async function SubmitPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId);
  if (!ctx) return <ErrorCard message={error} />;
  const app = ctx.application;
  if (!app) return <ErrorCard message="请先开始申请。" />;
  const readOnly = readOnlyReason(ctx);
  const missing = readOnly ? [] : problemItemsBeforeSubmit(app, true);
  const stepLabel = (key: string) => STEPS.find((s) => s.key === key)?.label ?? "";
  return (
    <>
      <StepHeader personId={personId} title="诚信承诺并提交" index={6} total={6} readOnly={readOnly} />
      <Card tone="portal" className="space-y-1 text-sm">
        <p>资助项目：{app.programmes.map((p) => p.programme.name).join("、") || "未选择"}</p>
        <p>
          家庭年总收入：
          {app.household?.totalAnnualIncomeFen != null
            ? `${fenToYuan(app.household.totalAnnualIncomeFen)} 元`
            : "未填写"}
          ，人口 {app.household?.memberCount ?? "—"} 人，人均月收入{" "}
          {app.household?.perCapitaMonthlyIncomeFen != null
            ? `${fenToYuan(app.household.perCapitaMonthlyIncomeFen)} 元`
            : "—"}
        </p>
        <p>
          家庭成员：{app.familyMembers.length} 人；佐证材料：{app._count.evidence} 份
        </p>
      </Card>
      {missing.length ? (
        <section
          aria-labelledby="missing-title"
          className="space-y-1 rounded-xl bg-amber-50 p-4 text-sm text-amber-800"
        >
          <h2 id="missing-title" className="font-medium">
            提交前还需要完成 {missing.length} 项：
          </h2>
          <ul className="list-disc space-y-1 pl-5" data-testid="missing-items">
            {missing.map((m) => (
              <li key={m.message}>
                {m.message}
                {m.step !== "submit" ? (
                  <Link href={stepHref(personId, m.step)} className="ml-1 text-brand-700 underline">
                    去“{stepLabel(m.step)}”修改
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {readOnly ? null : <CommitmentForm action={submitAction.bind(null, personId)} text={COMMITMENT_TEXT} />}
    </>
  );
}
