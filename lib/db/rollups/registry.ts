/**
 * The registered rollups (docs/architecture.md, "Rollups"). Each entry recomputes its table(s) for ONE
 * school and term inside the refresh transaction: DELETE that school-term's rows, INSERT … SELECT them
 * from the base tables. To add a rollup: a migration with the table (keyed by schoolId, termId, …) and,
 * if it reads a base table nobody watches yet, a `SELECT rollup_watch(…)` (migration 400); a file here
 * beside progress.ts with its refresh function; one line in ROLLUPS.
 */
import "server-only";
import type { Tx } from "../client";
import { refreshApplicationStates } from "./application-states";
import { refreshProgress } from "./progress";
import { refreshStatistics } from "./statistics";

export type Rollup = {
  /** The table(s) it keeps, for logs and the rebuild report. */
  name: string;
  refresh: (tx: Tx, schoolId: string, termId: string) => Promise<void>;
};

export const ROLLUPS: readonly Rollup[] = [
  { name: "ProgressRollup", refresh: refreshProgress },
  { name: "ApplicationStateStat", refresh: refreshApplicationStates },
  { name: "SpecialGroupStat, AidStudentStat, AidProgrammeStat", refresh: refreshStatistics },
];
