/**
 * The counts behind the console home's 待办事项 (lib/domain/todos.ts): one query per kind of list, each
 * counting every to-do of that kind at once (count … FILTER), within the caller's scope (their school, or the
 * schools of the supervisor's region subtree).
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { FeeWaiverCounts, VocationalCounts } from "@/lib/domain/todos";
import { db } from "./client";
import { Prisma } from "./generated/client";

type ListScope = Extract<Scope, { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "SUPERVISOR" }>;

const scopeSql = (scope: ListScope) =>
  scope.role === "SUPERVISOR"
    ? Prisma.sql`starts_with(g."path", ${scope.regionPath})`
    : Prisma.sql`sc."id" = ${scope.schoolId}`;

/**
 * The 中职 monthly lists of calendar month `year`-`month` (a list's month lies in the first year of its term's
 * academic year "2026-2027" from September, in the second from January): awaiting publicity (both reviews
 * passed, not published), without attachment in May/December (not published, no file), awaiting 公示确认
 * (published, 待确认), with a withdrawal request awaiting review.
 */
export async function vocationalTodoCounts(
  scope: ListScope,
  at: { year: number; month: number },
): Promise<VocationalCounts> {
  const [row] = await db().$queryRaw<VocationalCounts[]>`
    SELECT
      count(*) FILTER (WHERE v."schoolReview" = 'PASSED' AND v."supervisorReview" = 'PASSED'
                         AND v."publicity" = 'UNPUBLISHED')::int AS "awaitingPublicity",
      count(*) FILTER (WHERE v."month" IN (5, 12) AND v."publicity" = 'UNPUBLISHED'
                         AND NOT EXISTS (SELECT 1 FROM "VocationalListAttachment" f WHERE f."rosterId" = v."rosterId"))::int
        AS "attachmentMissing",
      count(*) FILTER (WHERE v."publicity" = 'PUBLISHED' AND v."confirmation" = 'PENDING')::int AS "awaitingConfirmation",
      count(*) FILTER (WHERE v."withdrawal" = 'PENDING')::int AS "withdrawalPending"
    FROM "VocationalList" v
    JOIN "Roster" r ON r."id" = v."rosterId"
    JOIN "AidTerm" t ON t."id" = r."termId"
    JOIN "School" sc ON sc."id" = r."schoolId"
    JOIN "Region" g ON g."id" = sc."regionId"
    WHERE v."month" = ${at.month}
      AND split_part(t."academicYear", '-', CASE WHEN v."month" >= 9 THEN 1 ELSE 2 END) = ${String(at.year)}
      AND ${scopeSql(scope)}`;
  return row!;
}

/** The 普高 免学杂费 lists of the term by review state. */
export async function feeWaiverTodoCounts(scope: ListScope, termId: string): Promise<FeeWaiverCounts> {
  const [row] = await db().$queryRaw<FeeWaiverCounts[]>`
    SELECT
      count(*) FILTER (WHERE l."schoolReview" = 'PENDING')::int AS "schoolPending",
      count(*) FILTER (WHERE l."schoolReview" = 'PASSED' AND l."supervisorReview" = 'PENDING')::int AS "supervisorPending",
      count(*) FILTER (WHERE l."schoolReview" = 'REFUSED' OR l."supervisorReview" = 'REFUSED')::int AS "refused"
    FROM "FeeWaiverList" l
    JOIN "School" sc ON sc."id" = l."schoolId"
    JOIN "Region" g ON g."id" = sc."regionId"
    WHERE l."termId" = ${termId} AND ${scopeSql(scope)}`;
  return row!;
}

/** The stages the school teaches (which to-dos concern it). */
export async function schoolStages(schoolId: string) {
  const school = await db().school.findUnique({ where: { id: schoolId }, select: { stages: true } });
  return school?.stages ?? [];
}
