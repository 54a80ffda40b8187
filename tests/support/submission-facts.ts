import type { SubmissionFacts } from "@/lib/domain/submission";

/** What lib/domain/submission.ts is told about an application with nothing missing (a family of four, two members listed). */
export const COMPLETE_SUBMISSION: SubmissionFacts = {
  enrolmentConfirmed: true,
  policyAcknowledged: true,
  programmeCount: 1,
  requiredFields: ["household.totalAnnualIncome", "household.memberCount", "familyMembers"],
  household: {
    totalAnnualIncomeFen: 3_000_000,
    memberCount: 4,
    residence: "RURAL",
    stateEmployedParent: false,
    stableIncome: false,
    boarding: null,
  },
  familyMemberCount: 2,
  commitmentSigned: true,
};
