import { ErrorCard } from "@/components/portal/error-card";
import { StepHeader } from "@/components/portal/step-header";
import { ProgrammeChoice } from "@/components/portal/programme-choice";
import { programmeAmountText } from "@/lib/domain/programme-amount";
import { openProgrammesFor } from "@/lib/services/application-portal";
import { programmesAction } from "../actions";
import { applicantContext, readOnlyReason } from "../context";

export const metadata = { title: "选择资助项目" };

export default async function ProgrammesPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId);
  if (!ctx) return <ErrorCard message={error} />;
  const open = await openProgrammesFor(ctx);
  const readOnly = readOnlyReason(ctx);
  const chosen = new Set(ctx.application?.programmes.map((p) => p.programme.id));
  const options = open.map((p) => ({
    id: p.programme.id,
    name: p.programme.name,
    description: p.programme.description,
    amount: programmeAmountText(p),
    checked: chosen.has(p.programme.id),
  }));
  return (
    <>
      <StepHeader personId={personId} title="选择资助项目" index={3} total={6} readOnly={readOnly} />
      {options.length === 0 ? (
        <p className="rounded-xl bg-white p-4 text-sm">本学期暂无对该学段开放的资助项目。</p>
      ) : (
        <ProgrammeChoice
          action={programmesAction.bind(null, personId)}
          options={options}
          readOnly={!!readOnly}
          version={ctx.application?.version ?? 0}
        />
      )}
    </>
  );
}
