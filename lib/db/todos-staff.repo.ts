/**
 * The counts behind the console home's application to-dos (lib/domain/todos-staff.ts), one statement per
 * viewer, within the caller's scope: the teacher's own classes (TeacherClass), the aid officer's or leader's
 * school, the support handler's own queue. Each count is the predicate of the page its to-do links to.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { SchoolTodoCounts, TeacherClassCounts } from "@/lib/domain/todos-staff";
import { db } from "./client";
import { queueWhere, handlerWhere } from "./support.repo";

type TeacherScope = Extract<Scope, { role: "TEACHER" }>;
type SchoolScope = Extract<Scope, { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" }>;

/**
 * Per class of the teacher's own: the regular applications to verify, the 动态调整 to verify (listed on the
 * adjustments page, not the monitor) and the returned ones whose deadline falls in
 * [now, nearBefore] — counted as the monitor's state chips count them (an application filed in this class by
 * a student still in it: lib/db/teacher.repo.ts `monitorOverview`) — whether the class evaluation is due (the
 * rule of lib/db/process-order.repo.ts: verified applicants, no submitted evaluation), and the open enrolment
 * errors not passed on to the school. `termId` null (no current term): only the enrolment errors count.
 */
export async function teacherClassTodoCounts(
  scope: TeacherScope,
  termId: string | null,
  now: Date,
  nearBefore: Date,
): Promise<TeacherClassCounts[]> {
  const term = termId ?? "";
  return db().$queryRaw<TeacherClassCounts[]>`
    SELECT c."id" AS "classId", g."name" || c."name" AS "label",
      (SELECT count(*)::int FROM "Application" a JOIN "Student" s ON s."id" = a."studentId"
        WHERE a."classId" = c."id" AND s."classId" = c."id" AND a."termId" = ${term} AND a."kind" = 'REGULAR'
          AND a."state" = 'submitted') AS "submitted",
      (SELECT count(*)::int FROM "Application" a
        WHERE a."classId" = c."id" AND a."termId" = ${term} AND a."kind" = 'ADJUSTMENT'
          AND a."state" = 'submitted') AS "adjustmentsSubmitted",
      (SELECT count(*)::int FROM "Application" a JOIN "Student" s ON s."id" = a."studentId"
        WHERE a."classId" = c."id" AND s."classId" = c."id" AND a."termId" = ${term} AND a."kind" = 'REGULAR'
          AND a."state" = 'returned' AND a."returnDeadline" >= ${now} AND a."returnDeadline" <= ${nearBefore}
      ) AS "returnedNearDeadline",
      (EXISTS (SELECT 1 FROM "Application" a WHERE a."classId" = c."id" AND a."termId" = ${term}
                 AND a."kind" = 'REGULAR' AND a."state" IN ('verified', 'reviewed', 'determined'))
        AND NOT EXISTS (SELECT 1 FROM "ClassEvaluation" e WHERE e."classId" = c."id" AND e."termId" = ${term}
                          AND e."submittedAt" IS NOT NULL)) AS "evaluationDue",
      (SELECT count(*)::int FROM "EnrolmentIssue" i JOIN "Student" s ON s."id" = i."studentId"
        WHERE s."classId" = c."id" AND i."state" = 'OPEN' AND NOT i."escalated") AS "openEnrolmentIssues"
    FROM "SchoolClass" c
    JOIN "Grade" g ON g."id" = c."gradeId"
    JOIN "TeacherClass" tc ON tc."classId" = c."id" AND tc."teacherId" = ${scope.userId}
    WHERE c."schoolId" = ${scope.schoolId}
    ORDER BY g."sortOrder", g."name", c."name"`;
}

/**
 * The school's application to-dos: applications by the determination queue's states, escalated enrolment
 * errors, 在校生 imports since `importsSince` that failed or rejected rows, whether the leader's signature
 * waits (a school committee step later than the last signature), and the open objections per publicity (of
 * any term: an objection stays to answer).
 */
export async function schoolTodoCounts(
  scope: SchoolScope,
  termId: string | null,
  importsSince: Date,
): Promise<SchoolTodoCounts> {
  const term = termId ?? "";
  const rows = await db().$queryRaw<SchoolTodoCounts[]>`
    SELECT
      (SELECT count(*)::int FROM "Application" a
        WHERE a."schoolId" = ${scope.schoolId} AND a."termId" = ${term} AND a."state" = 'verified') AS "verified",
      (SELECT count(*)::int FROM "Application" a
        WHERE a."schoolId" = ${scope.schoolId} AND a."termId" = ${term} AND a."state" = 'reviewed') AS "reviewed",
      (SELECT count(*)::int FROM "EnrolmentIssue" i JOIN "Student" s ON s."id" = i."studentId"
        WHERE s."schoolId" = ${scope.schoolId} AND i."state" = 'OPEN' AND i."escalated") AS "escalatedEnrolmentIssues",
      (SELECT count(*)::int FROM "ImportJob" j
        WHERE j."schoolId" = ${scope.schoolId} AND j."kind" = 'ROSTER' AND j."createdAt" >= ${importsSince}
          AND (j."state" = 'FAILED' OR (j."state" = 'DONE' AND j."rejected" > 0))) AS "rosterImportProblems",
      COALESCE((SELECT max(r."at") FILTER (WHERE r."kind" = 'SCHOOL_COMMITTEE')
                         > COALESCE(max(r."at") FILTER (WHERE r."kind" = 'LEADER_SIGNOFF'), '-infinity')
                  FROM "ReviewStep" r WHERE r."schoolId" = ${scope.schoolId} AND r."termId" = ${term}),
               false) AS "signOffPending",
      (SELECT coalesce(json_agg(json_build_object('batchId', per."batchId", 'title', per."title", 'open', per."open")
                                ORDER BY per."first", per."batchId"), '[]'::json)
         FROM (SELECT b."id" AS "batchId", b."title", count(*)::int AS "open", min(o."createdAt") AS "first"
                 FROM "Objection" o JOIN "PublicityBatch" b ON b."id" = o."batchId"
                WHERE b."schoolId" = ${scope.schoolId} AND o."state" = 'OPEN'
                GROUP BY b."id", b."title") per) AS "objections"`;
  return rows[0]!;
}

/**
 * The support problems the handler must act on, as their queue page lists them
 * (lib/db/support.repo.ts `listHandlerProblems` with `mineOnly`): open, in their own queue or taken by them.
 * null when the caller handles no support problems.
 */
export async function supportQueueCount(scope: Scope, regionId: string | null): Promise<number | null> {
  const handler = handlerWhere(scope);
  if (!handler) return null;
  const queue = queueWhere(scope, regionId);
  return db().supportProblem.count({
    where: {
      AND: [
        handler,
        { state: { in: ["QUEUED", "TAKEN"] } },
        queue ? { OR: [queue, { ownerId: scope.userId }] } : { ownerId: scope.userId },
      ],
    },
  });
}
