/**
 * Determination process rules (revocation, the multi-level process) that
 * do not need a database: the override rule and the order of the review
 * steps. Their code lists and labels are in ./codes.ts.
 */
import { HARDSHIP_LEVEL_LABELS, type HardshipLevel } from "./codes";

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
