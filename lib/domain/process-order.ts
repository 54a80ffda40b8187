/**
 * The order of the multi-level determination process (招远细则 六.2,
 * docs/policy-sources.md): class evaluation → grade committee → grade publicity
 * (≥ 2 working days, ended) → school committee → leader's signature →
 * (village schools only: town centre school review) → school publicity
 * (≥ 5 working days) → report upward. Pure: the facts are read by
 * lib/db/process-order.repo.ts; the database holds the parts that must never
 * be violated (prisma/migrations/151.do.process-order.sql).
 */
import type { ReviewStepKindCode } from "./codes";
import { normaliseName } from "./person-name";

export type ProcessFacts = {
  isVillage: boolean;
  /** GRADE_COMMITTEE: the grade's classes with verified applicants whose class evaluation is not submitted. */
  classesWithoutEvaluation: string[];
  /** SCHOOL_COMMITTEE: grades with applicants whose grade publicity has not ended ("高一（公示至 2026-11-27）"). */
  gradesWithoutEndedPublicity: string[];
  committeeAt: Date | null;
  signOffAt: Date | null;
  centreReviewAt: Date | null;
  /** REPORTED_UPWARD: a school publicity of the results has ended and been finalised. */
  schoolPublicityFinal: boolean;
};

/** Why the step cannot be recorded now (Chinese), or null. */
export function stepOrderProblem(kind: ReviewStepKindCode, f: ProcessFacts): string | null {
  switch (kind) {
    case "GRADE_COMMITTEE":
      return f.classesWithoutEvaluation.length
        ? `以下班级尚未提交班级评议：${f.classesWithoutEvaluation.join("、")}。班级评议提交后，年级认定小组才能审核。`
        : null;
    case "SCHOOL_COMMITTEE":
      return f.gradesWithoutEndedPublicity.length
        ? `年级公示（不少于2个工作日）结束后，校级认定小组才能审核。尚未公示或公示未结束的年级：${f.gradesWithoutEndedPublicity.join("、")}。`
        : null;
    case "LEADER_SIGNOFF":
      return f.committeeAt ? null : "校级认定小组审核后，校长才能签字。";
    case "CENTRE_SCHOOL_REVIEW":
      if (!f.isVillage) return "本校不是村小（教学点），认定结果无需镇中心校审核。";
      return f.signOffAt && (!f.committeeAt || f.signOffAt >= f.committeeAt)
        ? null
        : "校长签字后，才能记录镇中心校审核。";
    case "REPORTED_UPWARD":
      return f.schoolPublicityFinal
        ? null
        : "学校公示（不少于5个工作日）期满并确定最终结果后，才能上报主管部门。";
    case "CLASS_EVALUATION":
      return null;
  }
}

/** For village schools the school publicity also waits for the town centre school's review after the signature. */
export function centreReviewProblem(
  f: Pick<ProcessFacts, "isVillage" | "signOffAt" | "centreReviewAt">,
): string | null {
  if (!f.isVillage) return null;
  if (!f.centreReviewAt || (f.signOffAt && f.centreReviewAt < f.signOffAt))
    return "本校为村小（教学点），校长签字后须经镇中心校审核，才能进行学校公示。";
  return null;
}

/** The school publicity may not start until every grade publicity has ended (no overlap). */
export function schoolPublicityOverlapProblem(startDate: string, lastGradeEnd: string | null): string | null {
  if (lastGradeEnd && startDate <= lastGradeEnd)
    return `年级公示至 ${lastGradeEnd} 结束，学校公示须在其后开始，请选择 ${lastGradeEnd} 之后的日期。`;
  return null;
}

/** The flow as shown on the process page; the centre school's review only for village schools. */
export function processFlowText(isVillage: boolean): string {
  return [
    "班级评议",
    "年级认定小组审核调整",
    "年级公示（不少于2个工作日）",
    "校级认定小组审核",
    "校长签字",
    ...(isVillage ? ["镇中心校审核"] : []),
    "学校公示（不少于5个工作日）",
    "上报",
  ].join(" → ");
}

/** An applicant may not sit on the committee evaluating them (the class evaluation's rule, for every committee). */
export function applicantMemberProblem(
  members: readonly { name: string }[],
  applicantNames: readonly string[],
  committee: string,
): string | null {
  const applicants = new Set(applicantNames.map(normaliseName));
  const clash = [...new Set(members.map((m) => m.name).filter((n) => applicants.has(normaliseName(n))))];
  return clash.length ? `申请人不能担任${committee}成员：${clash.join("、")}。请换成非申请人。` : null;
}
