/**
 * Draining the rollups' marks (migrations 400, 402): one (school, term) per transaction — take the pair of
 * the oldest marks under a transaction-level advisory lock (pg_try_advisory_xact_lock, so workers on
 * several servers take different pairs and never wait for each other), delete every mark of the pair it
 * can see, run every registered refresher for it, stamp "RollupState", commit. The refresh reads the base
 * tables after that delete, so every change whose mark it deleted is in the figures; a mark committed later
 * stays and brings the pair round again; a crash rolls the delete back. Writers only ever append marks:
 * they never wait for a refresh or for each other.
 */
import "server-only";
import { db, type Db } from "../client";
import { drainLoanStats, markAllLoanStatsDirty } from "./loan-stats";
import { ROLLUPS } from "./registry";

export type SchoolTerm = { schoolId: string; termId: string };

/** How long one school-term's refresh may take before its transaction is abandoned (and retried). */
const REFRESH_TIMEOUT_MS = 120_000;
/** The advisory-lock namespace of rollup pairs (the second key is a hash of the pair). */
const ROLLUP_LOCK_SPACE = 727_400;
/** How many of the oldest marks a worker looks through for a pair no other worker holds. */
const CANDIDATE_MARKS = 200;

/** Refreshes the oldest pending (school, term) not taken by another worker; null when none is free. */
export async function refreshNextDirty(client: Db = db()): Promise<SchoolTerm | null> {
  return client.$transaction(
    async (tx) => {
      // The try-lock is volatile, so it is not pushed into the subquery: it runs on the candidate pairs in
      // order and LIMIT 1 stops at the first it gets.
      const [claimed] = await tx.$queryRaw<SchoolTerm[]>`
        SELECT pair."schoolId", pair."termId"
          FROM (SELECT oldest."schoolId", oldest."termId", min(oldest."markedAt") AS "first"
                  FROM (SELECT "schoolId", "termId", "markedAt" FROM "RollupDirty"
                         ORDER BY "markedAt" LIMIT ${CANDIDATE_MARKS}) oldest
                 GROUP BY oldest."schoolId", oldest."termId"
                 ORDER BY "first") pair
         WHERE pg_try_advisory_xact_lock(${ROLLUP_LOCK_SPACE}::int, hashtext(pair."schoolId" || '|' || pair."termId"))
         LIMIT 1`;
      if (!claimed) return null;
      await tx.$executeRaw`
        DELETE FROM "RollupDirty" WHERE "schoolId" = ${claimed.schoolId} AND "termId" = ${claimed.termId}`;
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
      JOIN "AidTerm" t ON aid_term_list_year(t."academicYear", t."semester") = e."listYear"`;
}

/** Marks still waiting (tests, the rebuild). */
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

/**
 * `npm run rollups:rebuild`, the end of the seed: every (school, term) recomputed now. Safe beside running
 * workers: pairs they hold are waited for, not refreshed twice at once.
 */
export async function rebuildRollups(client?: Db, maxMs = 6 * 3600_000): Promise<{ pairs: number }> {
  const until = Date.now() + maxMs;
  // The provinces' loan statistics too (lib/db/rollups/loan-stats.ts), one province at a time.
  await markAllLoanStatsDirty(client);
  await drainLoanStats({ client, maxMs: until - Date.now() });
  await markAllDirty(client);
  let pairs = 0;
  for (;;) {
    const done = await drainRollups({ client });
    pairs += done;
    if ((await countDirty(client)) === 0) return { pairs };
    if (Date.now() > until) throw new Error("rollups: school-terms still pending at the end of the rebuild");
    if (done === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
