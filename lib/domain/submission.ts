/**
 * What must be done before an application can be submitted, and the
 * required fields of the chosen programmes. Returns Chinese problems, each
 * saying what to do and on which step of the applicant flow it is done.
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
    /** The child boards at school (asked for the boarding subsidy). */
    boarding?: boolean | null;
  } | null;
  familyMemberCount: number;
  commitmentSigned: boolean;
};

/** The steps of the applicant flow (app/(portal)/portal/apply/[personId]/steps.ts). */
export type SubmissionStep = "confirm" | "policy" | "programmes" | "household" | "evidence" | "submit";
export type SubmissionProblem = { step: SubmissionStep; message: string };

export const REQUIRED_FIELD_LABELS: Record<string, string> = {
  "household.totalAnnualIncome": "家庭年总收入",
  "household.memberCount": "家庭人口数",
  "household.residence": "家庭居住地（城镇/农村）",
  "household.boarding": "孩子是否在校寄宿",
  familyMembers: "家庭成员信息",
};

export const RESIDENCE_MISSING = "请选择家庭居住地（城镇/农村），认定时按城乡分别计分。";
export const NOT_BOARDING_MESSAGE =
  "寄宿生生活补助只面向在校寄宿的学生：孩子不在校寄宿，请在“选择资助项目”中取消该项目。";

/** Every problem with the step where it is fixed, in the order of the steps. */
export function submissionProblemItems(f: SubmissionFacts): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const add = (step: SubmissionStep, message: string) => problems.push({ step, message });
  if (!f.enrolmentConfirmed) add("confirm", "请先确认学籍信息。");
  if (!f.policyAcknowledged) add("policy", "请先阅读并确认资助政策。");
  if (f.programmeCount === 0) add("programmes", "请至少选择一个资助项目。");
  const h = f.household;
  if (h && f.requiredFields.includes("household.boarding") && h.boarding === false)
    add("programmes", NOT_BOARDING_MESSAGE);
  if (h && mustApplyInPerson(h)) add("household", IN_PERSON_MESSAGE);
  if (!h) add("household", "请填写家庭经济情况。");
  // The residence is scored (城镇/农村), so every application needs it, whatever the programmes say.
  if (h && !h.residence) add("household", RESIDENCE_MISSING);
  const missing = f.requiredFields.filter((field) => {
    switch (field) {
      case "household.totalAnnualIncome":
        return h?.totalAnnualIncomeFen == null;
      case "household.memberCount":
        return h?.memberCount == null;
      case "household.boarding":
        return h != null && h.boarding == null;
      case "familyMembers":
        return f.familyMemberCount === 0;
      default:
        return false;
    }
  });
  if (missing.length)
    add(
      "household",
      `所选资助项目要求填写：${missing.map((m) => REQUIRED_FIELD_LABELS[m] ?? m).join("、")}。`,
    );
  if (h && (h.stateEmployedParent == null || h.stableIncome == null))
    add("household", "请回答家庭就业与稳定收入情况的问题。");
  if (!f.commitmentSigned) add("submit", "请阅读并签署诚信承诺。");
  return problems;
}

export function submissionProblems(f: SubmissionFacts): string[] {
  return submissionProblemItems(f).map((p) => p.message);
}
