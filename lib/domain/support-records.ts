/**
 * 备案 and training records of the support desk (seed 001 in /work/shared/seeds: 第七条 each city reports its
 * support contact every September; 第十七条 county and school users attend a training at least once a year).
 * Pure rules: when a year's filing is due and overdue, and which days a "training year" spans.
 */
import { beijingDay } from "./support";

export type DayString = string;

/** The filing of year Y is due in September of Y: overdue from 1 October (Beijing time). */
export const filingDueDay = (year: number): DayString => `${year}-09-30`;

export type FilingStatus = "FILED" | "NOT_YET_DUE" | "DUE" | "OVERDUE";

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  FILED: "已备案",
  NOT_YET_DUE: "未备案（9月报送）",
  DUE: "未备案（本月应报送）",
  OVERDUE: "逾期未备案",
};

/** The filing year of `now`: the calendar year in Beijing. */
export const filingYear = (now: Date): number => Number(beijingDay(now).slice(0, 4));

/** A city's state for `year`: filed, or missing and (from 1 September) due, and (after 30 September) overdue. */
export function filingStatus(year: number, filed: boolean, now: Date): FilingStatus {
  if (filed) return "FILED";
  const today = beijingDay(now);
  if (today > filingDueDay(year)) return "OVERDUE";
  if (today >= `${year}-09-01`) return "DUE";
  return "NOT_YET_DUE";
}

/** Which year counts for "trained this year": the calendar year, or the academic year from 1 September. */
export type TrainingYearKind = "calendar" | "academic";
export const TRAINING_YEAR_KINDS: readonly TrainingYearKind[] = ["calendar", "academic"];

/** The days [from, to] of the training year containing `now` (Beijing), with its Chinese name. */
export function trainingYear(
  kind: TrainingYearKind,
  now: Date,
): { from: DayString; to: DayString; label: string } {
  const today = beijingDay(now);
  const year = Number(today.slice(0, 4));
  if (kind === "calendar")
    return { from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年（自然年）` };
  const start = today >= `${year}-09-01` ? year : year - 1;
  return { from: `${start}-09-01`, to: `${start + 1}-08-31`, label: `${start}–${start + 1}学年` };
}

export type TrainingWay = "ONSITE" | "ONLINE" | "VIDEO";
export const TRAINING_WAYS: readonly TrainingWay[] = ["ONSITE", "ONLINE", "VIDEO"];
export const TRAINING_WAY_LABELS: Record<TrainingWay, string> = {
  ONSITE: "现场培训",
  ONLINE: "线上直播",
  VIDEO: "视频录播",
};

/** At most this many attendees per recorded session. */
export const TRAINING_MAX_ATTENDEES = 500;
