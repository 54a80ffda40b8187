/**
 * What must be done before an application can be submitted (SPEC §4), and the
 * required fields of the chosen programmes. Returns Chinese problems, each
 * saying what to do.
 */
import { mustApplyInPerson, IN_PERSON_MESSAGE } from "./household";

export type SubmissionFacts = {
  enrolmentConfirmed: boolean;
  policyAcknowledged: boolean;
  programmeCount: number;
  /** Union of the chosen programmes' required fields. */
  requiredFields: readonly string[];
  household: {
    totalAnnualIncomeFen: number | null;
    memberCount: number | null;
    residence: string | null;
    stateEmployedParent: boolean | null;
    stableIncome: boolean | null;
  } | null;
  familyMemberCount: number;
  commitmentSigned: boolean;
};

export const REQUIRED_FIELD_LABELS: Record<string, string> = {
  "household.totalAnnualIncome": "家庭年总收入",
  "household.memberCount": "家庭人口数",
  "household.residence": "家庭居住地（城镇/农村）",
  familyMembers: "家庭成员信息",
};

export function submissionProblems(f: SubmissionFacts): string[] {
  const problems: string[] = [];
  if (!f.enrolmentConfirmed) problems.push("请先确认学籍信息。");
  if (!f.policyAcknowledged) problems.push("请先阅读并确认资助政策。");
  if (f.programmeCount === 0) problems.push("请至少选择一个资助项目。");
  const h = f.household;
  if (h && mustApplyInPerson(h)) problems.push(IN_PERSON_MESSAGE);
  if (!h) problems.push("请填写家庭经济情况。");
  const missing = f.requiredFields.filter((field) => {
    switch (field) {
      case "household.totalAnnualIncome":
        return h?.totalAnnualIncomeFen == null;
      case "household.memberCount":
        return h?.memberCount == null;
      case "household.residence":
        return !h?.residence;
      case "familyMembers":
        return f.familyMemberCount === 0;
      default:
        return false;
    }
  });
  if (missing.length)
    problems.push(`所选资助项目要求填写：${missing.map((m) => REQUIRED_FIELD_LABELS[m] ?? m).join("、")}。`);
  if (h?.stateEmployedParent == null || h?.stableIncome == null)
    problems.push("请回答家庭就业与稳定收入情况的问题。");
  if (!f.commitmentSigned) problems.push("请阅读并签署诚信承诺。");
  return problems;
}
