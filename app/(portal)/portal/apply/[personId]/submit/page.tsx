import { ErrorCard } from "@/components/portal/error-card";
import { StepHeader } from "@/components/portal/step-header";
import { CommitmentForm } from "@/components/portal/commitment-form";
import { fenToYuan } from "@/lib/domain/household";
import { problemsBeforeSubmit } from "@/lib/services/application-portal";
import { submitAction } from "../actions";
import { applicantContext } from "../context";

export const metadata = { title: "诚信承诺并提交" };

export const COMMITMENT_TEXT =
  "本人承诺：所填写的家庭经济情况及上传的佐证材料真实、准确、完整。如有虚假，本人愿意承担相应责任，学校可取消资助资格并追回已发放的资助资金。";

export default async function SubmitPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId);
  if (!ctx) return <ErrorCard message={error} />;
  const app = ctx.application;
  if (!app) return <ErrorCard message="请先开始申请。" />;
  const missing = problemsBeforeSubmit(app, true);
  return (
    <>
      <StepHeader personId={personId} title="诚信承诺并提交" index={6} total={6} />
      <section className="space-y-1 rounded-xl bg-white p-4 text-sm ring-1 ring-slate-200">
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
      </section>
      {missing.length ? (
        <ul
          role="alert"
          className="list-disc space-y-1 rounded-xl bg-amber-50 p-4 pl-8 text-sm text-amber-800"
        >
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <CommitmentForm action={submitAction.bind(null, personId)} text={COMMITMENT_TEXT} />
    </>
  );
}
