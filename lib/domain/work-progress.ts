/**
 * 工作进展查看 (work progress): the figures of a school or a region for the current term, their sums, the
 * 回收率, and when a school is behind schedule. Pure; the figures come from the progress rollup
 * (lib/db/rollups/progress.ts defines each one).
 */
import { formatBeijingDateTime } from "./time";

export const PROGRESS_FIGURES = [
  "studentsInSchool",
  "applied",
  "waived",
  "inProgress",
  "notStarted",
  "awaitingVerification",
  "verified",
  "awaitingDetermination",
  "determinedSpecial",
  "determinedHardship",
  "determinedGeneral",
  "determinedNone",
  "publicised",
  "rosterApproved",
  "paid",
  "specialGroup",
  "specialAided",
  "specialNoAidWithReason",
  "specialNoAidWithoutReason",
  "vocationalInSchool",
  "vocationalOverdue",
] as const;
export type ProgressFigure = (typeof PROGRESS_FIGURES)[number];
export type ProgressFigures = Record<ProgressFigure, number>;

export function emptyFigures(): ProgressFigures {
  return Object.fromEntries(PROGRESS_FIGURES.map((f) => [f, 0])) as ProgressFigures;
}

/** Adds `more` into `into` (a region's figures are exactly the sum of its schools'). */
export function addFigures(into: ProgressFigures, more: ProgressFigures): ProgressFigures {
  for (const f of PROGRESS_FIGURES) into[f] += more[f];
  return into;
}

/**
 * 回收率 (forms back, seed 003: 《教育资助申请表》回收率应为100%): (applied + waived) / students in school, as a
 * whole percentage rounded down (100% only when every form is back), capped at 100; no students → null.
 * The class teacher's monitor counts the same way (lib/domain/teacher-review.ts).
 */
export function collectionPercent(f: Pick<ProgressFigures, "applied" | "waived" | "studentsInSchool">) {
  if (f.studentsInSchool <= 0) return null;
  return Math.min(100, Math.floor(((f.applied + f.waived) * 100) / f.studentsInSchool));
}

/** 当期 (current) 中职 students: in school − overdue. */
export const vocationalCurrent = (f: Pick<ProgressFigures, "vocationalInSchool" | "vocationalOverdue">) =>
  f.vocationalInSchool - f.vocationalOverdue;

export type Deadlines = { verifyDeadline: Date; reviewDeadline: Date };

/**
 * Why a school is behind schedule at `now` (empty: on schedule). A school is behind when a deadline of the
 * term (or the school's own, SchoolTermSetting) has passed with its work not done:
 *   - the class teachers' verification deadline passed with applications still submitted, not verified;
 *   - the determination deadline passed with verified applications not yet determined.
 */
export function behindSchedule(
  f: Pick<ProgressFigures, "awaitingVerification" | "awaitingDetermination">,
  deadlines: Deadlines,
  now: Date,
): string[] {
  const reasons: string[] = [];
  if (now > deadlines.verifyDeadline && f.awaitingVerification > 0)
    reasons.push(
      `核实截止（${formatBeijingDateTime(deadlines.verifyDeadline)}）已过，${f.awaitingVerification}份申请未核实`,
    );
  if (now > deadlines.reviewDeadline && f.awaitingDetermination > 0)
    reasons.push(
      `认定截止（${formatBeijingDateTime(deadlines.reviewDeadline)}）已过，${f.awaitingDetermination}份已核实申请未认定`,
    );
  return reasons;
}

/** "2026-11-24 20:15:03" in Beijing time: how fresh the figures are (数据截至). */
export function formatAsOf(d: Date): string {
  const b = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${b.slice(0, 10)} ${b.slice(11, 19)}`;
}
