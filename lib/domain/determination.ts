/**
 * Determination process rules (revocation, the multi-level process) that
 * do not need a database: code lists with Chinese labels, the override rule
 * and the order of the review steps.
 */
import { HARDSHIP_LEVEL_LABELS, type HardshipLevel } from "./codes";

export const REVIEW_STEP_KINDS = [
  "CLASS_EVALUATION",
  "GRADE_COMMITTEE",
  "SCHOOL_COMMITTEE",
  "LEADER_SIGNOFF",
  "CENTRE_SCHOOL_REVIEW",
  "REPORTED_UPWARD",
] as const;
export type ReviewStepKindCode = (typeof REVIEW_STEP_KINDS)[number];
export const REVIEW_STEP_LABELS: Record<ReviewStepKindCode, string> = {
  CLASS_EVALUATION: "班级评议",
  GRADE_COMMITTEE: "年级认定小组审核调整",
  SCHOOL_COMMITTEE: "校级认定小组审核",
  LEADER_SIGNOFF: "校长（学校领导小组）签字",
  CENTRE_SCHOOL_REVIEW: "镇中心校审核",
  REPORTED_UPWARD: "上报主管部门",
};

/** Z 五(三): the behaviours that cancel a determination. */
export const REVOKE_REASONS = [
  "FALSE_INFORMATION",
  "HOUSE_CAR_BUSINESS",
  "EXTRAVAGANT_SPENDING",
  "OTHER",
] as const;
export type RevokeReasonCode = (typeof REVOKE_REASONS)[number];
export const REVOKE_REASON_LABELS: Record<RevokeReasonCode, string> = {
  FALSE_INFORMATION: "隐瞒家庭经济实际情况、提供虚假信息",
  HOUSE_CAR_BUSINESS: "因家庭建房、购房、购车或做生意等造成暂时困难",
  EXTRAVAGANT_SPENDING: "因生活奢侈浪费等造成暂时困难",
  OTHER: "其它不符合认定条件的情况",
};

export const NO_AID_REASONS = ["WAIVED", "LEFT_SCHOOL", "AIDED_ELSEWHERE", "NOT_ELIGIBLE", "OTHER"] as const;
export type NoAidReasonCode = (typeof NO_AID_REASONS)[number];
export const NO_AID_REASON_LABELS: Record<NoAidReasonCode, string> = {
  WAIVED: "本人（监护人）自愿放弃",
  LEFT_SCHOOL: "已离校或转学",
  AIDED_ELSEWHERE: "已在其他学校或渠道受助",
  NOT_ELIGIBLE: "经认定不符合资助条件",
  OTHER: "其他原因",
};

/**
 * 定量评价与定性评价相结合 (Z): a final level different from the simulated one
 * needs a written reason. Returns the Chinese message when it is missing.
 */
export function overrideProblem(
  simulated: HardshipLevel,
  final: HardshipLevel,
  reason: string | null | undefined,
): string | null {
  if (simulated === final) return null;
  const r = (reason ?? "").trim();
  if (r.length >= 4) return null;
  return `认定等级（${HARDSHIP_LEVEL_LABELS[final]}）与模拟等级（${HARDSHIP_LEVEL_LABELS[simulated]}）不同，请在“调整理由”中写明原因（至少4个字）`;
}

/**
 * What blocks the school publicity: the school committee must have reviewed,
 * the leader must have signed after it and after the last change of a final
 * level (a result cannot be published before sign-off).
 */
export function schoolPublicityProblem(s: {
  committeeAt: Date | null;
  signOffAt: Date | null;
  lastChangeAt: Date | null;
}): string | null {
  if (!s.committeeAt) return "校级认定小组尚未审核，不能公示。";
  if (!s.signOffAt || s.signOffAt < s.committeeAt) return "校长尚未签字确认认定结果，不能公示。";
  if (s.lastChangeAt && s.lastChangeAt > s.signOffAt)
    return "校长签字后认定结果又有改动，请校长重新签字后再公示。";
  return null;
}

/** The leader signs only after the school committee reviewed. */
export function signOffProblem(committeeAt: Date | null): string | null {
  return committeeAt ? null : "校级认定小组审核后，校长才能签字。";
}
