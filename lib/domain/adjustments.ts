/**
 * Adjustment within the year (动态调整; seed 003 三.2: 认定工作每学年进行一次，如遇特殊原因学期内可作调整).
 * Pure rules: the sudden events and their labels, when an adjustment may be opened, and which of a
 * student's determinations gives the level on a given day.
 */
import type { HardshipLevel } from "./codes";
import type { WindowStatus } from "./term-window";

export const ADJUSTMENT_EVENTS = [
  "SERIOUS_ILLNESS",
  "ACCIDENT",
  "FAMILY_CHANGE",
  "NATURAL_DISASTER",
  "INCOME_LOSS",
  "OTHER",
] as const;
export type AdjustmentEvent = (typeof ADJUSTMENT_EVENTS)[number];
export const ADJUSTMENT_EVENT_LABELS: Record<AdjustmentEvent, string> = {
  SERIOUS_ILLNESS: "突发重大疾病",
  ACCIDENT: "意外事故",
  FAMILY_CHANGE: "家庭变故",
  NATURAL_DISASTER: "自然灾害",
  INCOME_LOSS: "家庭收入骤减",
  OTHER: "其他突发情况",
};

export const ADJUSTMENT_STATES = ["OPEN", "EFFECTIVE", "WITHDRAWN"] as const;
export type AdjustmentState = (typeof ADJUSTMENT_STATES)[number];
export const ADJUSTMENT_STATE_LABELS: Record<AdjustmentState, string> = {
  OPEN: "调整中",
  EFFECTIVE: "已生效",
  WITHDRAWN: "已撤回",
};

export const ADJUSTMENT_IN_WINDOW = "申报期内请走正常申请，动态调整只在申报期结束后发起。";
export const ADJUSTMENT_BEFORE_WINDOW = "本学期申报尚未开始，请在申报期内走正常申请。";

/** Why an adjustment may not be opened now (the application window decides), or null. */
export function adjustmentWindowProblem(window: WindowStatus): string | null {
  if (window.status === "open") return ADJUSTMENT_IN_WINDOW;
  if (window.status === "before") return ADJUSTMENT_BEFORE_WINDOW;
  return null;
}

/** Why the application of record cannot be adjusted, or null: it must be a settled determination. */
export function adjustableProblem(earlier: { state: string; revoked: boolean } | null): string | null {
  if (!earlier)
    return "该学生本学期没有已认定的申请，无法发起动态调整（申报期内未申请的学生请下一认定周期申请）。";
  if (earlier.revoked || earlier.state === "revoked") return "该学生的认定资格已取消，不能发起动态调整。";
  if (earlier.state !== "determined") return "该学生本学期的申请尚未完成认定，请先完成认定再调整。";
  return null;
}

/** One level of a student in a term: the regular determination (effectiveFrom null) or an effective adjustment. */
export type LevelPeriod = { level: HardshipLevel | null; effectiveFrom: string | null };

/**
 * The level on `day` (YYYY-MM-DD, Beijing): the latest adjustment that took effect on or before that day,
 * else the regular determination. Periods of the same day: the later in the list (oldest first) wins.
 */
export function levelOn(periods: LevelPeriod[], day: string): HardshipLevel | null {
  let best: LevelPeriod | null = null;
  for (const period of periods) {
    if (period.effectiveFrom !== null && period.effectiveFrom > day) continue;
    // A later period (by effective date, then by its place in the list) wins.
    if (!best || (period.effectiveFrom ?? "") >= (best.effectiveFrom ?? "")) best = period;
  }
  return best?.level ?? null;
}
