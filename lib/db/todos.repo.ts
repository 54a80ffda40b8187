/**
 * The counts behind the console home's 待办事项 (lib/domain/todos.ts): one query per kind of list, each
 * counting every to-do of that kind at once (count … FILTER), within the caller's scope (their school, or the
 * schools of the supervisor's region subtree, as the lists' pages show them).
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { FeeWaiverCounts, VocationalCounts, VocationalStageCounts } from "@/lib/domain/todos";
import { db } from "./client";
import { Prisma } from "./generated/client";
import { countLists } from "./vocational-list-query.repo";

type ListScope = Extract<Scope, { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "SUPERVISOR" }>;

const scopeSql = (scope: ListScope) =>
  scope.role === "SUPERVISOR"
    ? Prisma.sql`starts_with(g."path", ${scope.regionPath})`
    : Prisma.sql`sc."id" = ${scope.schoolId}`;

/**
 * The 中职 monthly lists of calendar month `year`-`month` per to-do, counted by the same SQL the lists' pages
 * filter with (lib/db/vocational-list-query.repo.ts `countLists`, the predicates of `matchesTodo` in
 * lib/domain/vocational-list-view.ts), so a count always equals the rows its link lists.
 */
export async function vocationalTodoCounts(
  scope: ListScope,
  at: { year: number; month: number },
): Promise<VocationalCounts & { byStage: VocationalStageCounts }> {
  const owner = scope.role === "SUPERVISOR" ? { regionPath: scope.regionPath } : { schoolId: scope.schoolId };
  const { byTodo, byStage } = await countLists({ owner, year: at.year, month: at.month });
  return {
    awaitingPublicity: byTodo.awaiting_publicity,
    attachmentMissing: byTodo.attachment_missing,
    awaitingConfirmation: byTodo.awaiting_confirmation,
    withdrawalPending: byTodo.withdrawal_pending,
    byStage: {
      SCHOOL_REVIEW: byStage.SCHOOL_REVIEW ?? 0,
      SCHOOL_REFUSED: byStage.SCHOOL_REFUSED ?? 0,
      SUPERVISOR_REVIEW: byStage.SUPERVISOR_REVIEW ?? 0,
      SUPERVISOR_REFUSED: byStage.SUPERVISOR_REFUSED ?? 0,
    },
  };
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
