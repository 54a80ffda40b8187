/**
 * The figures the money checks of a 中职 monthly list need (lib/domain/list-limits.ts): its paid head count and
 * amount, the programme's amount over the term's lists of the school, and the programme's quota and budget in the
 * term (the school's own row first, else the one for all schools — the rule of buildEntries). Read inside the
 * caller's transaction after the list's lock.
 */
import "server-only";
import type { ListLimits, ListTotals } from "@/lib/domain/list-limits";
import type { Tx } from "./client";

export async function monthlyListFigures(
  tx: Tx,
  rosterId: string,
): Promise<{ totals: ListTotals; limits: ListLimits }> {
  const [row] = await tx.$queryRaw<
    {
      count: number;
      totalFen: bigint;
      termTotalFen: bigint;
      quota: number | null;
      budgetFen: number | null;
    }[]
  >`
    WITH ro AS (SELECT r."termId", r."programmeId", r."schoolId" FROM "Roster" r WHERE r."id" = ${rosterId})
    SELECT
      (SELECT count(*)::int FROM "RosterEntry" e WHERE e."rosterId" = ${rosterId} AND NOT e."overdue") AS "count",
      (SELECT coalesce(sum(coalesce(e."actualAmountFen", e."amountFen")), 0)::bigint FROM "RosterEntry" e
        WHERE e."rosterId" = ${rosterId} AND NOT e."overdue") AS "totalFen",
      (SELECT coalesce(sum(coalesce(e."actualAmountFen", e."amountFen")), 0)::bigint
        FROM "RosterEntry" e JOIN "Roster" r ON r."id" = e."rosterId"
        WHERE r."termId" = ro."termId" AND r."programmeId" = ro."programmeId" AND r."schoolId" = ro."schoolId"
          AND NOT e."overdue") AS "termTotalFen",
      tp."quota", tp."budgetFen"
    FROM ro
    LEFT JOIN LATERAL (
      SELECT t."quota", t."budgetFen" FROM "TermProgramme" t
      WHERE t."termId" = ro."termId" AND t."programmeId" = ro."programmeId"
        AND (t."schoolId" = ro."schoolId" OR t."schoolId" IS NULL)
      ORDER BY t."schoolId" NULLS LAST LIMIT 1
    ) tp ON true`;
  if (!row)
    return { totals: { count: 0, totalFen: 0, termTotalFen: 0 }, limits: { quota: null, budgetFen: null } };
  return {
    totals: { count: row.count, totalFen: Number(row.totalFen), termTotalFen: Number(row.termTotalFen) },
    limits: { quota: row.quota, budgetFen: row.budgetFen },
  };
}

/**
 * The same figures for a 普高 免学杂费 list (one list per school, term and programme: its total is the term's),
 * with the programme's quota and budget in the term chosen by the same rule.
 */
export async function feeWaiverListFigures(
  tx: Tx,
  listId: string,
): Promise<{ totals: ListTotals; limits: ListLimits }> {
  const [row] = await tx.$queryRaw<
    { count: number; totalFen: bigint; quota: number | null; budgetFen: number | null }[]
  >`
    WITH li AS (SELECT l."termId", l."programmeId", l."schoolId" FROM "FeeWaiverList" l WHERE l."id" = ${listId})
    SELECT
      (SELECT count(*)::int FROM "FeeWaiverEntry" e WHERE e."listId" = ${listId}) AS "count",
      (SELECT coalesce(sum(e."amountFen"), 0)::bigint FROM "FeeWaiverEntry" e WHERE e."listId" = ${listId})
        AS "totalFen",
      tp."quota", tp."budgetFen"
    FROM li
    LEFT JOIN LATERAL (
      SELECT t."quota", t."budgetFen" FROM "TermProgramme" t
      WHERE t."termId" = li."termId" AND t."programmeId" = li."programmeId"
        AND (t."schoolId" = li."schoolId" OR t."schoolId" IS NULL)
      ORDER BY t."schoolId" NULLS LAST LIMIT 1
    ) tp ON true`;
  if (!row)
    return { totals: { count: 0, totalFen: 0, termTotalFen: 0 }, limits: { quota: null, budgetFen: null } };
  const totalFen = Number(row.totalFen);
  return {
    totals: { count: row.count, totalFen, termTotalFen: totalFen },
    limits: { quota: row.quota, budgetFen: row.budgetFen },
  };
}

/**
 * Students of the list whose person is already PAID the same programme for the list's period from another roster
 * (an aid record, migration 510: its unique key refuses the payment — 重复资助). Their names, for the refusal.
 */
export async function alreadyAidedElsewhere(tx: Tx, rosterId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ name: string }[]>`
    SELECT p."name"
    FROM "RosterEntry" e
      JOIN "Roster" ro ON ro."id" = e."rosterId"
      JOIN "AidTerm" t ON t."id" = ro."termId"
      JOIN "Student" s ON s."id" = e."studentId"
      JOIN "Person" p ON p."id" = s."personId"
      JOIN "AidRecord" r ON r."personId" = s."personId" AND r."programmeId" = ro."programmeId"
        AND r."period" = aid_record_period(t."academicYear", t."semester"::text, ro."month")
    WHERE e."rosterId" = ${rosterId} AND e."paidAt" IS NULL AND NOT e."overdue" AND r."state" = 'PAID'
      AND NOT (r."rosterId" = e."rosterId" AND r."studentId" = e."studentId")
    ORDER BY p."name"`;
  return rows.map((row) => row.name);
}
