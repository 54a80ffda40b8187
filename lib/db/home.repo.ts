/** What the home pages show, per role, always within the caller's scope. */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ApplicationState, Stage } from "@/lib/domain/codes";
import { db } from "./client";
import { Prisma } from "./generated/client";
import { applicationWhere, studentWhere } from "./scope";

export type ApplicantChild = {
  personId: string;
  name: string;
  schoolId: string;
  schoolName: string;
  gradeName: string;
  className: string;
  stage: Stage;
  idNumberMasked: string;
  application: {
    id: string;
    state: ApplicationState;
    updatedAt: Date;
    returnReason: string | null;
    returnDeadline: Date | null;
  } | null;
};

/** The students the applicant (student themselves, or parent's bound children) applies for. */
export async function listApplicantChildren(scope: Scope, termId: string | null): Promise<ApplicantChild[]> {
  if (scope.role !== "STUDENT" && scope.role !== "PARENT") return [];
  const rows = await db().student.findMany({
    where: { AND: [studentWhere(scope), { status: "IN_SCHOOL" }] },
    orderBy: { person: { name: "asc" } },
    select: {
      stage: true,
      school: { select: { id: true, name: true } },
      grade: { select: { name: true } },
      class: { select: { name: true } },
      person: {
        select: {
          id: true,
          name: true,
          idNumberMasked: true,
          applications: {
            where: { AND: [applicationWhere(scope), { termId: termId ?? "" }] },
            select: { id: true, state: true, updatedAt: true, returnReason: true, returnDeadline: true },
            take: 1,
          },
        },
      },
    },
  });
  return rows.map((row) => ({
    personId: row.person.id,
    name: row.person.name,
    schoolId: row.school.id,
    schoolName: row.school.name,
    gradeName: row.grade.name,
    className: row.class.name,
    stage: row.stage,
    idNumberMasked: row.person.idNumberMasked,
    application: row.person.applications[0] ?? null,
  }));
}

export type ClassSummary = {
  classId: string;
  name: string;
  gradeName: string;
  schoolName: string;
  students: number;
  byState: Partial<Record<ApplicationState, number>>;
};

/**
 * The teacher's own classes (TeacherClass) with their students in school and the term's regular
 * applications by state, in one statement (the teacher's console home).
 */
export async function listClassSummaries(
  scope: Extract<Scope, { role: "TEACHER" }>,
  termId: string | null,
  limit = 200,
): Promise<ClassSummary[]> {
  return db().$queryRaw<ClassSummary[]>`
    SELECT c."id" AS "classId", c."name", g."name" AS "gradeName", sc."name" AS "schoolName",
           (SELECT count(*)::int FROM "Student" s WHERE s."classId" = c."id" AND s."status" = 'IN_SCHOOL') AS "students",
           coalesce((SELECT json_object_agg(x."state", x."applications")
                       FROM (SELECT a."state", count(*)::int AS "applications" FROM "Application" a
                              WHERE a."classId" = c."id" AND a."schoolId" = c."schoolId"
                                AND a."termId" = ${termId ?? ""} AND a."kind" = 'REGULAR'
                              GROUP BY a."state") x), '{}'::json) AS "byState"
      FROM "SchoolClass" c
      JOIN "Grade" g ON g."id" = c."gradeId"
      JOIN "School" sc ON sc."id" = c."schoolId"
     WHERE c."schoolId" = ${scope.schoolId}
       AND EXISTS (SELECT 1 FROM "TeacherClass" tc WHERE tc."classId" = c."id" AND tc."teacherId" = ${scope.userId})
     ORDER BY g."sortOrder", c."name"
     LIMIT ${limit}`;
}

export type SchoolSummary = {
  schoolId: string;
  name: string;
  code: string;
  students: number;
  byState: Partial<Record<ApplicationState, number>>;
  openSignInProblems: number;
  /** The earliest change of the school not yet in its rollup (its figures are as of then); null: current. */
  pendingSince: Date | null;
};

type OverviewScope = Extract<Scope, { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "SUPERVISOR" }>;

/**
 * Schools in scope (one for school staff, the region's for supervisors, at most 500) with headline counts,
 * in one statement. Students in school and applications per state come from the rollups (ProgressRollup,
 * ApplicationStateStat, migrations 401 and 670) once the school's term has been computed — a large school
 * has 40,000 students — and are counted live before that; open sign-in problems are always live.
 */
export async function listSchoolSummaries(
  scope: OverviewScope,
  termId: string | null,
): Promise<SchoolSummary[]> {
  const inScope =
    scope.role === "SUPERVISOR"
      ? Prisma.sql`starts_with(r."path", ${scope.regionPath})`
      : Prisma.sql`sc."id" = ${scope.schoolId}`;
  const term = termId ?? "";
  return db().$queryRaw<SchoolSummary[]>`
    SELECT sc."id" AS "schoolId", sc."name", sc."code",
           CASE WHEN rs."schoolId" IS NULL
                THEN (SELECT count(*) FROM "Student" s WHERE s."schoolId" = sc."id" AND s."status" = 'IN_SCHOOL')
                ELSE coalesce(pr."studentsInSchool", 0) END::int AS "students",
           coalesce(CASE WHEN rs."schoolId" IS NULL
                THEN (SELECT json_object_agg(live."state", live."applications")
                        FROM (SELECT a."state", count(*)::int AS "applications" FROM "Application" a
                               WHERE a."schoolId" = sc."id" AND a."termId" = ${term} AND a."kind" = 'REGULAR'
                               GROUP BY a."state") live)
                ELSE (SELECT json_object_agg(st."state", st."applications") FROM "ApplicationStateStat" st
                       WHERE st."schoolId" = sc."id" AND st."termId" = ${term}) END, '{}'::json) AS "byState",
           (SELECT count(*)::int FROM "SignInProblem" p
             WHERE p."schoolId" = sc."id" AND p."state" = 'OPEN') AS "openSignInProblems",
           CASE WHEN rs."schoolId" IS NULL THEN NULL
                ELSE (SELECT min(d."markedAt") FROM "RollupDirty" d
                       WHERE d."schoolId" = sc."id" AND d."termId" = ${term}) END AS "pendingSince"
      FROM "School" sc
      JOIN "Region" r ON r."id" = sc."regionId"
      LEFT JOIN "RollupState" rs ON rs."schoolId" = sc."id" AND rs."termId" = ${term}
      LEFT JOIN "ProgressRollup" pr ON pr."schoolId" = sc."id" AND pr."termId" = ${term}
     WHERE ${inScope}
     ORDER BY sc."code"
     LIMIT 500`;
}
