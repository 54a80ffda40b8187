import { ErrorCard } from "@/components/portal/error-card";
import { HouseholdForm } from "@/components/portal/household-form";
import { toHouseholdInput } from "@/components/portal/household-input";
import { StepHeader } from "@/components/portal/step-header";
import { confirmedCategories, residenceRegions } from "@/lib/services/application-portal";
import { householdAction } from "../actions";
import { applicantContext, readOnlyReason } from "../context";

export const metadata = { title: "家庭经济情况" };

export default async function HouseholdPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId);
  if (!ctx) return <ErrorCard message={error} />;
  const confirmed = await confirmedCategories(ctx);
  const readOnly = readOnlyReason(ctx);
  const askBoarding = (ctx.application?.programmes ?? []).some((p) =>
    p.programme.requiredFields.includes("household.boarding"),
  );
  return (
    <>
      <StepHeader personId={personId} title="家庭经济情况" index={4} total={6} readOnly={readOnly} />
      <HouseholdForm
        initial={toHouseholdInput(ctx.application)}
        version={ctx.application?.version ?? 0}
        confirmedCategories={confirmed}
        action={householdAction.bind(null, personId)}
        nextHref={`/portal/apply/${personId}/evidence`}
        regions={await residenceRegions()}
        askBoarding={askBoarding}
        readOnly={!!readOnly}
      />
    </>
  );
}
