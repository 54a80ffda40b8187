/**
 * Draining the rollups' dirty marks (migration 400): one (school, term) per transaction — claim its
 * "RollupDirty" row (DELETE … RETURNING, FOR UPDATE SKIP LOCKED, so workers on several servers take
 * different pairs), run every registered refresher for it, stamp "RollupState", commit. A writer that
 * marks the pair meanwhile waits for that commit and then marks it again, so nothing is lost; a crash
 * rolls the claim back. The transaction holds the pair's mark for one school's refresh (milliseconds
 * to a few hundred for a 40,000-student university).
 */
import "server-only";
import { db, type Db } from "../client";
import { ROLLUPS } from "./registry";

export type SchoolTerm = { schoolId: string; termId: string };

/** How long one school-term's refresh may take before its transaction is abandoned (and retried). */
const REFRESH_TIMEOUT_MS = 120_000;

/** Refreshes the oldest pending (school, term) not taken by another worker; null when none is left. */
export async function refreshNextDirty(client: Db = db()): Promise<SchoolTerm | null> {
  return client.$transaction(
    async (tx) => {
      const [claimed] = await tx.$queryRaw<SchoolTerm[]>`
        DELETE FROM "RollupDirty" d
         USING (SELECT "schoolId", "termId" FROM "RollupDirty" ORDER BY "markedAt" LIMIT 1 FOR UPDATE SKIP LOCKED) next
         WHERE d."schoolId" = next."schoolId" AND d."termId" = next."termId"
        RETURNING d."schoolId", d."termId"`;
      if (!claimed) return null;
      for (const rollup of ROLLUPS) await rollup.refresh(tx, claimed.schoolId, claimed.termId);
      // Only for a school and term that still exist (a deleted school's mark just cleared its rows).
      await tx.$executeRaw`
        INSERT INTO "RollupState" ("schoolId", "termId", "refreshedAt")
        SELECT sc."id", t."id", now() FROM "School" sc CROSS JOIN "AidTerm" t
         WHERE sc."id" = ${claimed.schoolId} AND t."id" = ${claimed.termId}
        ON CONFLICT ("schoolId", "termId") DO UPDATE SET "refreshedAt" = excluded."refreshedAt"`;
      return claimed;
    },
    { timeout: REFRESH_TIMEOUT_MS, maxWait: 10_000 },
  );
}

/**
 * Marks every (school, term) a rollup may hold: every school for the current term, and every pair that
 * has applications, rosters, publicity or 未资助原因 records, or a special-group list of the term's year
 * (the statistics count it, migration 431). The rebuild then drains them.
 */
export async function markAllDirty(client: Db = db()): Promise<number> {
  return client.$executeRaw`
    INSERT INTO "RollupDirty" ("schoolId", "termId")
    SELECT s."id", t."id" FROM "School" s CROSS JOIN "AidTerm" t WHERE t."isCurrent"
    UNION SELECT "schoolId", "termId" FROM "Application"
    UNION SELECT "schoolId", "termId" FROM "Roster"
    UNION SELECT "schoolId", "termId" FROM "PublicityBatch"
    UNION SELECT "schoolId", "termId" FROM "NoAidRecord"
    UNION SELECT e."schoolId", t."id" FROM "SpecialGroupEntry" e
      JOIN "AidTerm" t ON aid_term_list_year(t."academicYear", t."semester") = e."listYear"
    ON CONFLICT DO NOTHING`;
}

/** Pairs still waiting (tests, the rebuild's report). */
export async function countDirty(client: Db = db()): Promise<number> {
  const [row] = await client.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "RollupDirty"`;
  return row?.n ?? 0;
}

/** Refreshes pending (school, term) pairs until none is left or `maxMs` has passed; how many it did. */
export async function drainRollups(opts: { maxMs?: number; client?: Db } = {}): Promise<number> {
  const until = Date.now() + (opts.maxMs ?? Number.POSITIVE_INFINITY);
  let done = 0;
  while (Date.now() < until) {
    const refreshed = await refreshNextDirty(opts.client);
    if (!refreshed) break;
    done++;
  }
  return done;
}

/** `npm run rollups:rebuild`, the end of the seed, after a restore: every (school, term) recomputed now. */
export async function rebuildRollups(client?: Db): Promise<{ pairs: number }> {
  await markAllDirty(client);
  const pairs = await drainRollups({ client });
  const left = await countDirty(client);
  if (left > 0) throw new Error(`rollups: ${left} school-terms still pending after the rebuild`);
  return { pairs };
}
