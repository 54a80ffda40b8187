import { ErrorCard } from "@/components/portal/error-card";
import { StepHeader } from "@/components/portal/step-header";
import { ProgrammeChoice } from "@/components/portal/programme-choice";
import { listOpenProgrammes } from "@/lib/db/applications.repo";
import { fenToYuan } from "@/lib/domain/household";
import { programmesAction } from "../actions";
import { applicantContext } from "../context";

export const metadata = { title: "选择资助项目" };

export default async function ProgrammesPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId);
  if (!ctx) return <ErrorCard message={error} />;
  const open = await listOpenProgrammes(ctx.term.id, ctx.student.stage, ctx.student.schoolId);
  const chosen = new Set(ctx.application?.programmes.map((p) => p.programme.id));
  const options = open.map((p) => ({
    id: p.programme.id,
    name: p.programme.name,
    description: p.programme.description,
    amount:
      p.amountMode === "FIXED"
        ? `${fenToYuan(p.fixedAmountFen ?? 0)}元`
        : `按认定等级：${[p.amountSpecialFen, p.amountHardshipFen, p.amountGeneralFen]
            .filter((x) => x != null)
            .map((x) => fenToYuan(x!))
            .join(" / ")}元`,
    checked: chosen.has(p.programme.id),
  }));
  return (
    <>
      <StepHeader personId={personId} title="选择资助项目" index={3} total={6} />
      {options.length === 0 ? (
        <p className="rounded-xl bg-white p-4 text-sm">本学期暂无对该学段开放的资助项目。</p>
      ) : (
        <ProgrammeChoice
          action={programmesAction.bind(null, personId)}
          options={options}
          version={ctx.application?.version ?? 0}
        />
      )}
    </>
  );
}
