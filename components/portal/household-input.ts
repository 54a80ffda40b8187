import type { ApplicationView } from "@/lib/db/applications.repo";
import { fenToYuan } from "@/lib/domain/household";
import type { HouseholdInput } from "@/lib/schemas/application";

const money = (fen: number | null | undefined) => (fen == null ? "" : fenToYuan(fen).replace(/\.00$/, ""));
const yn = (b: boolean | null | undefined): "yes" | "no" | "" => (b == null ? "" : b ? "yes" : "no");

/** The stored household as the household form's input (the applicant's form and the teacher's paper entry). */
export function toHouseholdInput(app: ApplicationView | null): HouseholdInput {
  const h = app?.household;
  return {
    residence: h?.residence ?? "",
    regionCode: h?.regionCode ?? "",
    address: h?.address ?? "",
    totalAnnualIncome: money(h?.totalAnnualIncomeFen),
    memberCount: h?.memberCount?.toString() ?? "",
    housing: h?.housing ?? "",
    vehicles: h?.vehicles ?? "",
    stateEmployedParent: yn(h?.stateEmployedParent),
    stableIncome: yn(h?.stableIncome),
    boarding: yn(h?.boarding),
    declaredCategories: h?.declaredCategories ?? [],
    notes: h?.notes ?? "",
    familyMembers: (app?.familyMembers ?? []).map((m) => ({
      name: m.name,
      relation: m.relation,
      age: m.age?.toString() ?? "",
      occupation: m.occupation ?? "",
      workStatus: (m.workStatus ?? "") as HouseholdInput["familyMembers"][number]["workStatus"],
      annualIncome: money(m.annualIncomeFen),
      seriousIllness: m.seriousIllness,
      disability: m.disability,
      healthNote: m.healthNote ?? "",
      inSchool: m.inSchool,
    })),
    suddenEvents: (app?.suddenEvents ?? []).map((e) => ({
      kind: e.kind,
      occurredOn: e.occurredOn ? e.occurredOn.toISOString().slice(0, 10) : "",
      amount: money(e.amountFen),
      description: e.description ?? "",
    })),
  };
}
