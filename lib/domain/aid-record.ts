/**
 * Aid records (受助情况, migration 510): one per person, programme and period. A period is "YYYY-MM" for a
 * monthly 中职 list and "<academic year>-<AUTUMN|SPRING>" for every other roster (SQL aid_record_period).
 */
import { SEMESTER_LABELS } from "./codes";

export type AidRecordState = "PAID" | "REVERSED";

export const AID_RECORD_STATE_LABELS: Record<AidRecordState, string> = {
  PAID: "已发放",
  REVERSED: "已冲销",
};

export type AidPeriod =
  | { kind: "MONTH"; year: number; month: number }
  | { kind: "SEMESTER"; academicYear: string; semester: "AUTUMN" | "SPRING" };

/** The parts of a period text; null for a text that is no period. */
export function parseAidPeriod(period: string): AidPeriod | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) return { kind: "MONTH", year: Number(month[1]), month: Number(month[2]) };
  const semester = /^(\d{4}-\d{4})-(AUTUMN|SPRING)$/.exec(period);
  if (semester)
    return { kind: "SEMESTER", academicYear: semester[1]!, semester: semester[2] as "AUTUMN" | "SPRING" };
  return null;
}

/** "2026年12月" or "2026-2027学年秋季学期" (the text itself when it is no period). */
export function aidPeriodLabel(period: string): string {
  const parsed = parseAidPeriod(period);
  if (!parsed) return period;
  return parsed.kind === "MONTH"
    ? `${parsed.year}年${parsed.month}月`
    : `${parsed.academicYear}学年${SEMESTER_LABELS[parsed.semester]}`;
}
