/**
 * The loan statistics rollup (migration 665): the 国家助学贷款 statistics page of a province reads "LoanStat"
 * instead of its millions of loan records. Statement triggers on LoanRecord and RepaymentRecord append marks
 * (province, academic year) to "LoanStatDirty"; the rollup job (lib/services/rollup-job.ts) drains them the
 * way lib/db/rollups/refresh.ts drains the school-term marks: one province per transaction under a
 * transaction-level advisory lock, its marks deleted, then
 *   - each marked academic year recomputed from the records of that year (one GROUPING SETS statement for
 *     the approved figures, one for the entry progress, one for the time axis), and
 *   - the all-years rows (academicYear 0): their additive figures summed from the yearly rows; their
 *     distinct borrowers recounted over every approved record of the province only when a mark says an
 *     approved loan changed (repayments, pending and refused records never change them).
 * Distinct borrowers are counted per row (year × group, or all years × group) with count(DISTINCT) over the
 * blind index, so every figure equals the direct SQL over the records (tests/integration/loans-seeded.test.ts).
 */
import "server-only";
import { db, type Db, type Tx } from "../client";

/** The advisory-lock namespace of provinces being refreshed (the second key is a hash of the region id). */
const LOAN_STAT_LOCK_SPACE = 727_665;
/** A province's full recount reads every approved record (3,000,000 in bench/loans-statistics.ts). */
const REFRESH_TIMEOUT_MS = 600_000;
const CANDIDATE_MARKS = 200;

/** Recomputes one academic year's rows of a province from its records. */
async function refreshYear(tx: Tx, regionId: string, year: number): Promise<void> {
  await tx.$executeRaw`DELETE FROM "LoanStat" WHERE "regionId" = ${regionId} AND "academicYear" = ${year}`;
  await tx.$executeRaw`
    INSERT INTO "LoanStat" ("regionId", "academicYear", "grouping", "category", "key", "name", "loans",
                            "students", "amountFen", "repaidFen")
    WITH repaid AS (
      SELECT r."loanId", sum(r."amountFen") AS "repaid"
        FROM "RepaymentRecord" r JOIN "LoanRecord" l ON l."id" = r."loanId"
       WHERE l."regionId" = ${regionId} AND l."academicYear" = ${year} AND l."reviewState" = 'APPROVED'
         AND r."reviewState" = 'APPROVED'
       GROUP BY r."loanId"
    ), loans AS (
      SELECT l."bank", coalesce(l."institutionCategory"::text, '') AS "cat", l."institutionCode" AS "code",
             l."institutionName", l."idNumberHash", l."amountFen", coalesce(p."repaid", 0) AS "repaid"
        FROM "LoanRecord" l LEFT JOIN repaid p ON p."loanId" = l."id"
       WHERE l."regionId" = ${regionId} AND l."academicYear" = ${year} AND l."reviewState" = 'APPROVED'
    )
    SELECT ${regionId}, ${year}::int,
           CASE WHEN GROUPING("bank") = 0 THEN 'bank' WHEN GROUPING("code") = 0 THEN 'institution'
                WHEN GROUPING("cat") = 0 THEN 'category' ELSE 'year' END,
           CASE WHEN GROUPING("code") = 0 THEN "cat" ELSE '' END,
           CASE WHEN GROUPING("bank") = 0 THEN "bank" WHEN GROUPING("code") = 0 THEN "code"
                WHEN GROUPING("cat") = 0 THEN "cat" ELSE ${String(year)} END,
           CASE WHEN GROUPING("code") = 0 THEN max("institutionName") END,
           count(*), count(DISTINCT "idNumberHash"), sum("amountFen"), sum("repaid")
      FROM loans
     GROUP BY GROUPING SETS ((), ("bank"), ("cat"), ("cat", "code"))
    HAVING count(*) > 0`;
  await tx.$executeRaw`
    INSERT INTO "LoanStat" ("regionId", "academicYear", "grouping", "key", "name", "loans", "pending", "refused")
    SELECT ${regionId}, ${year}::int, 'progress', "institutionCode", max("institutionName"),
           count(*) FILTER (WHERE "reviewState" = 'APPROVED'),
           count(*) FILTER (WHERE "reviewState" = 'PENDING'),
           count(*) FILTER (WHERE "reviewState" = 'REFUSED')
      FROM "LoanRecord"
     WHERE "regionId" = ${regionId} AND "academicYear" = ${year}
     GROUP BY "institutionCode"`;
  // The time axis: approved loans by the calendar year they were granted, approved repayments by the
  // calendar year (Beijing time; repaidAt is stored in UTC) they were made.
  await tx.$executeRaw`
    INSERT INTO "LoanStat" ("regionId", "academicYear", "grouping", "key", "loans", "amountFen", "repaidFen")
    SELECT ${regionId}, ${year}::int, 'flow', f."calendarYear"::text, sum(f."loans"), sum(f."amount"), sum(f."repaid")
      FROM (
        SELECT extract(year FROM l."grantedOn")::int AS "calendarYear", 1 AS "loans", l."amountFen" AS "amount",
               0 AS "repaid"
          FROM "LoanRecord" l
         WHERE l."regionId" = ${regionId} AND l."academicYear" = ${year} AND l."reviewState" = 'APPROVED'
        UNION ALL
        SELECT extract(year FROM r."repaidAt" + interval '8 hours')::int, 0, 0, r."amountFen"
          FROM "RepaymentRecord" r JOIN "LoanRecord" l ON l."id" = r."loanId"
         WHERE l."regionId" = ${regionId} AND l."academicYear" = ${year} AND l."reviewState" = 'APPROVED'
           AND r."reviewState" = 'APPROVED'
      ) f
     GROUP BY f."calendarYear"`;
}

/** The all-years rows (academicYear 0) of a province; distinct borrowers recounted when `borrowers`. */
async function refreshAllYears(tx: Tx, regionId: string, borrowers: boolean): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "LoanStat" ("regionId", "academicYear", "grouping", "category", "key", "name", "loans",
                            "amountFen", "repaidFen", "pending", "refused")
    SELECT "regionId", 0, "grouping", "category", "key", max("name"), sum("loans"), sum("amountFen"),
           sum("repaidFen"), sum("pending"), sum("refused")
      FROM "LoanStat"
     WHERE "regionId" = ${regionId} AND "academicYear" <> 0
       AND "grouping" IN ('bank', 'category', 'institution', 'progress')
     GROUP BY "regionId", "grouping", "category", "key"
    ON CONFLICT ("regionId", "academicYear", "grouping", "category", "key") DO UPDATE
      SET "name" = excluded."name", "loans" = excluded."loans", "amountFen" = excluded."amountFen",
          "repaidFen" = excluded."repaidFen", "pending" = excluded."pending", "refused" = excluded."refused"`;
  await tx.$executeRaw`
    DELETE FROM "LoanStat" s
     WHERE s."regionId" = ${regionId} AND s."academicYear" = 0
       AND NOT EXISTS (SELECT 1 FROM "LoanStat" y
                        WHERE y."regionId" = s."regionId" AND y."academicYear" <> 0 AND y."grouping" = s."grouping"
                          AND y."category" = s."category" AND y."key" = s."key")`;
  if (!borrowers) return;
  await tx.$executeRaw`
    UPDATE "LoanStat" s SET "students" = d."students"
      FROM (
        SELECT CASE WHEN GROUPING("bank") = 0 THEN 'bank' WHEN GROUPING("code") = 0 THEN 'institution'
                    ELSE 'category' END AS "grouping",
               CASE WHEN GROUPING("code") = 0 THEN "cat" ELSE '' END AS "category",
               CASE WHEN GROUPING("bank") = 0 THEN "bank" WHEN GROUPING("code") = 0 THEN "code" ELSE "cat" END AS "key",
               count(DISTINCT "idNumberHash")::int AS "students"
          FROM (SELECT "bank", coalesce("institutionCategory"::text, '') AS "cat", "institutionCode" AS "code",
                       "idNumberHash"
                  FROM "LoanRecord"
                 WHERE "regionId" = ${regionId} AND "reviewState" = 'APPROVED') l
         GROUP BY GROUPING SETS (("bank"), ("cat"), ("cat", "code"))
      ) d
     WHERE s."regionId" = ${regionId} AND s."academicYear" = 0 AND s."grouping" = d."grouping"
       AND s."category" = d."category" AND s."key" = d."key"`;
}

/** Refreshes the province with the oldest marks that no other worker holds; its id, or null when none. */
export async function refreshNextLoanRegion(client: Db = db()): Promise<string | null> {
  return client.$transaction(
    async (tx) => {
      const [claimed] = await tx.$queryRaw<{ regionId: string }[]>`
        SELECT region."regionId"
          FROM (SELECT oldest."regionId", min(oldest."markedAt") AS "first"
                  FROM (SELECT "regionId", "markedAt" FROM "LoanStatDirty"
                         ORDER BY "markedAt" LIMIT ${CANDIDATE_MARKS}) oldest
                 GROUP BY oldest."regionId"
                 ORDER BY "first") region
         WHERE pg_try_advisory_xact_lock(${LOAN_STAT_LOCK_SPACE}::int, hashtext(region."regionId"))
         LIMIT 1`;
      if (!claimed) return null;
      const { regionId } = claimed;
      const marks = await tx.$queryRaw<{ academicYear: number; borrowers: boolean }[]>`
        DELETE FROM "LoanStatDirty" WHERE "regionId" = ${regionId} RETURNING "academicYear", "borrowers"`;
      for (const year of new Set(marks.map((mark) => mark.academicYear)))
        await refreshYear(tx, regionId, year);
      await refreshAllYears(
        tx,
        regionId,
        marks.some((mark) => mark.borrowers),
      );
      await tx.$executeRaw`
        INSERT INTO "LoanStatState" ("regionId", "refreshedAt")
        SELECT "id", now() FROM "Region" WHERE "id" = ${regionId}
        ON CONFLICT ("regionId") DO UPDATE SET "refreshedAt" = excluded."refreshedAt"`;
      return regionId;
    },
    { timeout: REFRESH_TIMEOUT_MS, maxWait: 10_000 },
  );
}

/** Refreshes marked provinces until none is left or `maxMs` has passed; how many it refreshed. */
export async function drainLoanStats(opts: { maxMs?: number; client?: Db } = {}): Promise<number> {
  const until = Date.now() + (opts.maxMs ?? Number.POSITIVE_INFINITY);
  let done = 0;
  while (Date.now() < until) {
    if (!(await refreshNextLoanRegion(opts.client))) break;
    done++;
  }
  return done;
}

/** Marks every province and academic year that has loan records, borrowers recounted (the rebuild). */
export async function markAllLoanStatsDirty(client: Db = db()): Promise<number> {
  return client.$executeRaw`
    INSERT INTO "LoanStatDirty" ("regionId", "academicYear", "borrowers")
    SELECT DISTINCT "regionId", "academicYear", true FROM "LoanRecord"`;
}

/** 数据截至 of a province's figures: the oldest pending mark, else now. */
export async function loanStatsAsOf(regionId: string): Promise<Date> {
  const [row] = await db().$queryRaw<{ since: Date | null }[]>`
    SELECT min("markedAt") AS "since" FROM "LoanStatDirty" WHERE "regionId" = ${regionId}`;
  return row?.since ?? new Date();
}
