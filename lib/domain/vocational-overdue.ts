/**
 * 中职 逾期 / 当期 students (seed 002 §三): a full-time 在读 student is overdue (逾期) from the month their
 * enrolment year-month plus 学制 years reaches — enrolled 2021-09 with 2 years → overdue from 2023-09; in
 * August 2023 still current (当期). 当期 = 在校 − 逾期. Months are Beijing calendar months. The rollup applies
 * the same rule in SQL (`vocational_overdue_from`, prisma/migrations/401.do.progress-rollup.sql); an
 * integration test proves they agree. Pure.
 */
import { BEIJING_OFFSET_MS } from "./time";

/** A calendar month, "YYYY-MM". */
export type MonthKey = string;

const key = (year: number, month: number): MonthKey => `${year}-${String(month).padStart(2, "0")}`;

/** The Beijing calendar month of an instant. */
export function beijingMonth(at: Date): MonthKey {
  const d = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return key(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** The month of a DATE column value (stored as UTC midnight of that day). */
export function dateMonth(day: Date): MonthKey {
  return key(day.getUTCFullYear(), day.getUTCMonth() + 1);
}

/** The first month the student counts as overdue: enrolment month + 学制 years. */
export function overdueFrom(enrolledOn: Date, programmeYears: number): MonthKey {
  return key(enrolledOn.getUTCFullYear() + programmeYears, enrolledOn.getUTCMonth() + 1);
}

/** Whether an in-school student enrolled `enrolledOn` with `programmeYears` years is overdue at `at`. */
export function isOverdue(enrolledOn: Date, programmeYears: number, at: Date): boolean {
  return beijingMonth(at) >= overdueFrom(enrolledOn, programmeYears);
}

/** From the in-school students counted by their overdue-from month: 在校, 逾期 and 当期 at `at`. */
export function vocationalCounts(
  byOverdueFrom: readonly { overdueFrom: MonthKey; students: number }[],
  at: Date,
): { inSchool: number; overdue: number; current: number } {
  const month = beijingMonth(at);
  let inSchool = 0;
  let overdue = 0;
  for (const row of byOverdueFrom) {
    inSchool += row.students;
    if (month >= row.overdueFrom) overdue += row.students;
  }
  return { inSchool, overdue, current: inSchool - overdue };
}
