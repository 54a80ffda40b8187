/**
 * The school's determination queue (applications under review and determined) and the grades and
 * classes its filter lists. Every query ANDs the caller's Scope.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ApplicationState, HardshipLevel } from "@/lib/domain/codes";
import { db, readDb } from "./client";
import { Prisma } from "./generated/client";
import { classWhere, schoolWhere } from "./scope";

const QUEUE_STATES: ApplicationState[] = ["verified", "reviewed", "determined", "revoked"];

export type QueueRow = {
  id: string;
  state: ApplicationState;
  version: number;
  name: string;
  studentNo: string;
  className: string;
  classId: string;
  gradeName: string;
  simulatedLevel: HardshipLevel | null;
  simulatedScore: number | null;
  finalLevel: HardshipLevel | null;
  overrideReason: string | null;
  gradeAdjustedLevel: HardshipLevel | null;
  classRank: number | null;
};

/**
 * One page of the determination queue. Reads from the replica ({@link readDb}): a read-only list; the
 * simulations its page fills in are written with a guard against determined rows (saveSimulations), and
 * every determination action re-reads its application (and version) on the primary.
 * Plain SQL with joins (not Prisma's nested select, which PostgreSQL answers with JSON aggregates the
 * client parses again): the admin opens this page all day (bench/README.md §4, staff pages).
 */
export async function listQueue(
  scope: Scope,
  termId: string,
  opts: { gradeId?: string; classId?: string; state?: ApplicationState; page: number; pageSize: number },
): Promise<{ rows: QueueRow[]; total: number }> {
  if (scope.role !== "SCHOOL_ADMIN" && scope.role !== "SCHOOL_LEADER")
    throw new Error("the determination queue is a school's");
  const where = Prisma.sql`WHERE a."schoolId" = ${scope.schoolId} AND a."termId" = ${termId}
    AND ${opts.state ? Prisma.sql`a."state" = ${opts.state}::"ApplicationState"` : Prisma.sql`a."state" IN (${Prisma.join(QUEUE_STATES.map((st) => Prisma.sql`${st}::"ApplicationState"`))})`}
    ${opts.classId ? Prisma.sql`AND a."classId" = ${opts.classId}` : opts.gradeId ? Prisma.sql`AND c."gradeId" = ${opts.gradeId}` : Prisma.empty}`;
  const gradeJoin =
    opts.gradeId && !opts.classId ? Prisma.sql`JOIN "SchoolClass" c ON c."id" = a."classId"` : Prisma.empty;
  const reader = await readDb();
  const countSql = Prisma.sql`SELECT count(*)::int AS "n" FROM "Application" a ${gradeJoin} ${where}`;
  // Class name, person name, id through the trigger-kept copies of the names (migration 070):
  // the index (schoolId, termId, sortClassName, sortName, id) returns the page without sorting the school's
  // queue. The page is taken first (a materialised CTE) and its details looked up per row: planning the
  // six-table join cost PostgreSQL 2.5–4 ms per request, more than running it (bench/README.md §4). The
  // queue's size comes with the page (an InitPlan, run once).
  const found = await reader.$queryRaw<(QueueRow & { total: number })[]>`
    WITH page AS MATERIALIZED (
      SELECT a."id", a."state", a."version", a."personId", a."studentId", a."classId", a."sortClassName", a."sortName"
        FROM "Application" a ${gradeJoin} ${where}
       ORDER BY a."sortClassName", a."sortName", a."id"
       LIMIT ${opts.pageSize} OFFSET ${(opts.page - 1) * opts.pageSize})
    SELECT a."id", a."state"::text AS "state", a."version",
           (SELECT p."name" FROM "Person" p WHERE p."id" = a."personId") AS "name",
           (SELECT st."studentNo" FROM "Student" st WHERE st."id" = a."studentId") AS "studentNo",
           c."name" AS "className", a."classId", g."name" AS "gradeName",
           d."simulatedLevel"::text AS "simulatedLevel", d."simulatedScore", d."finalLevel"::text AS "finalLevel",
           d."overrideReason", d."gradeAdjustedLevel"::text AS "gradeAdjustedLevel",
           (SELECT r."rank" FROM "ClassEvaluationRank" r WHERE r."applicationId" = a."id" LIMIT 1) AS "classRank",
           (${countSql}) AS "total"
      FROM page a
      JOIN "SchoolClass" c ON c."id" = a."classId"
      JOIN "Grade" g ON g."id" = c."gradeId"
      LEFT JOIN "Determination" d ON d."applicationId" = a."id"
     ORDER BY a."sortClassName", a."sortName", a."id"`;
  // A page past the end has no row to carry the count.
  const total = found[0]?.total ?? (await reader.$queryRaw<{ n: number }[]>`${countSql}`)[0]?.n ?? 0;
  return { total, rows: found.map(({ total: _total, ...row }) => row) };
}

/** The school's classes, or one grade's (a large school has hundreds: the queue's filter lists one grade's). */
export function listClasses(scope: Scope, gradeId?: string) {
  return db().schoolClass.findMany({
    where: { AND: [classWhere(scope), gradeId ? { gradeId } : {}] },
    orderBy: [{ grade: { name: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, gradeId: true, grade: { select: { name: true } } },
  });
}

/** One class of the caller's scope (its grade), or null. */
export function findClass(scope: Scope, classId: string) {
  return db().schoolClass.findFirst({
    where: { AND: [classWhere(scope), { id: classId }] },
    select: { id: true, gradeId: true },
  });
}

export function listGrades(scope: Scope) {
  return db().grade.findMany({
    where: { school: schoolWhere(scope) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
