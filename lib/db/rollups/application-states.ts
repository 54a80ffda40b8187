/**
 * The applications-per-state rollup (migration 670): one "ApplicationStateStat" row per state with any
 * regular application of the school and term. The console home's school overview (lib/db/home.repo.ts
 * `listSchoolSummaries`) reads it instead of grouping the school's applications on every page view.
 */
import "server-only";
import type { Tx } from "../client";

export async function refreshApplicationStates(tx: Tx, schoolId: string, termId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "ApplicationStateStat" WHERE "schoolId" = ${schoolId} AND "termId" = ${termId}`;
  await tx.$executeRaw`
    INSERT INTO "ApplicationStateStat" ("schoolId", "termId", "state", "applications")
    SELECT a."schoolId", a."termId", a."state", count(*)::int
      FROM "Application" a
     WHERE a."schoolId" = ${schoolId} AND a."termId" = ${termId} AND a."kind" = 'REGULAR'
     GROUP BY a."schoolId", a."termId", a."state"`;
}
