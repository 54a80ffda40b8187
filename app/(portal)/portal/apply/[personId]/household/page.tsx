import { ErrorCard } from "@/components/portal/error-card";
import { HouseholdForm } from "@/components/portal/household-form";
import { StepHeader } from "@/components/portal/step-header";
import type { ApplicationView } from "@/lib/db/applications.repo";
import { fenToYuan } from "@/lib/domain/household";
import type { HouseholdInput } from "@/lib/schemas/application";
import { confirmedCategories } from "@/lib/services/application-portal";
import { householdAction } from "../actions";
import { applicantContext } from "../context";

export const metadata = { title: "家庭经济情况" };

const money = (fen: number | null | undefined) => (fen == null ? "" : fenToYuan(fen).replace(/\.00$/, ""));
const yn = (b: boolean | null | undefined): "yes" | "no" | "" => (b == null ? "" : b ? "yes" : "no");

function toInput(app: ApplicationView | null): HouseholdInput {
  const h = app?.household;
  return {
    residence: h?.residence ?? "", address: h?.address ?? "", totalAnnualIncome: money(h?.totalAnnualIncomeFen), memberCount: h?.memberCount?.toString() ?? "",
    housing: h?.housing ?? "", vehicles: h?.vehicles ?? "", stateEmployedParent: yn(h?.stateEmployedParent), stableIncome: yn(h?.stableIncome),
    declaredCategories: h?.declaredCategories ?? [], notes: h?.notes ?? "",
    familyMembers: (app?.familyMembers ?? []).map((m) => ({
      name: m.name, relation: m.relation, age: m.age?.toString() ?? "", occupation: m.occupation ?? "", workStatus: (m.workStatus ?? "") as HouseholdInput["familyMembers"][number]["workStatus"],
      annualIncome: money(m.annualIncomeFen), seriousIllness: m.seriousIllness, disability: m.disability, healthNote: m.healthNote ?? "", inSchool: m.inSchool,
    })),
    suddenEvents: (app?.suddenEvents ?? []).map((e) => ({ kind: e.kind, amount: money(e.amountFen), description: e.description ?? "" })),
  };
}

export default async function HouseholdPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId);
  if (!ctx) return <ErrorCard message={error} />;
  const confirmed = await confirmedCategories(ctx);
  return (
    <>
      <StepHeader personId={personId} title="家庭经济情况" index={4} total={6} />
      <HouseholdForm initial={toInput(ctx.application)} confirmedCategories={confirmed} action={householdAction.bind(null, personId)} nextHref={`/portal/apply/${personId}/evidence`} />
    </>
  );
}
