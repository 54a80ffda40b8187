/**
 * The class roster (班级花名册: students with enrolment data and guardians), guardian
 * corrections, and the enrolment-error reports applicants send to their
 * class teacher (fixed by the teacher or passed on to the school admin).
 * Scoped like every repository: outside the scope a record is not found.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { seal } from "@/lib/crypto/keys";
import type { GuardianData } from "@/lib/schemas/teacher";
import { db } from "./client";
import { Prisma } from "./generated/client";
import { studentWhere } from "./scope";
import { ownClassStudents } from "./teacher.repo";

const CLASS_ROSTER_ROW = {
  id: true,
  studentNo: true,
  stage: true,
  enrolledOn: true,
  programmeYears: true,
  status: true,
  person: { select: { name: true, gender: true, idNumberMasked: true } },
  guardians: {
    orderBy: { sortOrder: "asc" },
    select: { id: true, name: true, relation: true, phoneMasked: true, idNumberMasked: true },
  },
  _count: { select: { enrolmentIssues: { where: { state: "OPEN" } } } },
} satisfies Prisma.StudentSelect;

export type ClassRosterRow = Prisma.StudentGetPayload<{ select: typeof CLASS_ROSTER_ROW }>;

/**
 * One page of a class's roster in one plain statement (guardians as a JSON array per student, the open
 * issues counted, the class's size by `count(*) OVER ()`) instead of Prisma's count plus nested select:
 * the class teacher opens this page all day (bench/README.md §4). Same rows and order (name, then id).
 */
export async function listClassRoster(
  scope: Scope,
  classId: string,
  page: number,
  pageSize: number,
): Promise<{ total: number; rows: ClassRosterRow[] }> {
  const members = Prisma.sql`FROM "Student" s WHERE s."classId" = ${classId} AND ${ownClassStudents(scope)}`;
  const found = await db().$queryRaw<(RosterSqlRow & { total: number })[]>`
    SELECT s."id", s."studentNo", s."stage"::text AS "stage", s."enrolledOn", s."programmeYears",
           s."status"::text AS "status", p."name", p."gender"::text AS "gender", p."idNumberMasked",
           COALESCE((SELECT json_agg(json_build_object('id', g."id", 'name', g."name", 'relation', g."relation",
                       'phoneMasked', g."phoneMasked", 'idNumberMasked', g."idNumberMasked") ORDER BY g."sortOrder", g."id")
                     FROM "Guardian" g WHERE g."studentId" = s."id"), '[]'::json) AS "guardians",
           (SELECT count(*)::int FROM "EnrolmentIssue" i WHERE i."studentId" = s."id" AND i."state" = 'OPEN') AS "openIssues",
           count(*) OVER ()::int AS "total"
    FROM "Student" s JOIN "Person" p ON p."id" = s."personId"
    WHERE s."classId" = ${classId} AND ${ownClassStudents(scope)}
    ORDER BY p."name", s."id" LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  // A page past the end has no row to carry the window count.
  const total =
    found[0]?.total ??
    (page > 1
      ? ((await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" ${members}`)[0]?.n ?? 0)
      : 0);
  return {
    total,
    rows: found.map((row) => ({
      id: row.id,
      studentNo: row.studentNo,
      stage: row.stage,
      enrolledOn: row.enrolledOn,
      programmeYears: row.programmeYears,
      status: row.status,
      person: { name: row.name, gender: row.gender, idNumberMasked: row.idNumberMasked },
      guardians: row.guardians,
      _count: { enrolmentIssues: row.openIssues },
    })),
  };
}

type RosterSqlRow = Omit<ClassRosterRow, "person" | "_count"> &
  ClassRosterRow["person"] & { openIssues: number };

export function findClassRosterStudent(scope: Scope, studentId: string) {
  return db().student.findFirst({
    where: { AND: [studentWhere(scope), { id: studentId }] },
    select: {
      ...CLASS_ROSTER_ROW,
      schoolId: true,
      classId: true,
      class: { select: { name: true, grade: { select: { name: true } } } },
    },
  });
}

/** Updates a guardian of a student within scope; an empty ID number keeps the stored one. False when not found. */
export async function updateGuardian(
  scope: Scope,
  guardianId: string,
  guardian: GuardianData,
): Promise<{
  studentId: string;
  schoolId: string;
  mobileChanged: boolean;
  previousPhoneMasked: string;
  phoneMasked: string;
} | null> {
  const found = await db().guardian.findFirst({
    where: { id: guardianId, student: studentWhere(scope) },
    select: {
      id: true,
      studentId: true,
      phoneHash: true,
      phoneMasked: true,
      student: { select: { schoolId: true } },
    },
  });
  if (!found) return null;
  const phone = seal(guardian.mobile, "phone");
  const id = guardian.idNumber ? seal(guardian.idNumber, "idNumber") : null;
  await db().guardian.update({
    where: { id: found.id },
    data: {
      name: guardian.name,
      relation: guardian.relation,
      phoneCipher: phone.cipher,
      phoneHash: phone.hash,
      phoneMasked: phone.masked,
      ...(id ? { idNumberCipher: id.cipher, idNumberHash: id.hash, idNumberMasked: id.masked } : {}),
    },
  });
  return {
    studentId: found.studentId,
    schoolId: found.student.schoolId,
    mobileChanged: phone.hash !== found.phoneHash,
    previousPhoneMasked: found.phoneMasked,
    phoneMasked: phone.masked,
  };
}

// ───────────── enrolment issues ─────────────

const ISSUE_VIEW = {
  id: true,
  content: true,
  state: true,
  resolution: true,
  escalated: true,
  createdAt: true,
  resolvedAt: true,
  reportedBy: { select: { displayName: true, role: true } },
  handledBy: { select: { displayName: true } },
  student: {
    select: {
      id: true,
      studentNo: true,
      person: { select: { name: true } },
      class: { select: { name: true, grade: { select: { name: true } } } },
    },
  },
} satisfies Prisma.EnrolmentIssueSelect;

export type IssueView = Prisma.EnrolmentIssueGetPayload<{ select: typeof ISSUE_VIEW }>;

/** Teacher: the issues of their classes' students, open first. Admin: those passed on to the school. */
export function listEnrolmentIssues(
  scope: Scope,
  opts: { escalatedOnly?: boolean; take?: number } = {},
): Promise<IssueView[]> {
  return db().enrolmentIssue.findMany({
    where: { AND: [{ student: studentWhere(scope) }, opts.escalatedOnly ? { escalated: true } : {}] },
    select: ISSUE_VIEW,
    orderBy: [{ state: "asc" }, { createdAt: "desc" }],
    take: opts.take ?? 200,
  });
}

export function findEnrolmentIssue(scope: Scope, id: string) {
  return db().enrolmentIssue.findFirst({
    where: { id, student: studentWhere(scope) },
    select: { id: true, state: true, escalated: true, student: { select: { schoolId: true } } },
  });
}

/** Changes an open issue within scope (fix, escalate or close); false when not found or no longer open. */
export async function updateOpenIssue(
  scope: Scope,
  id: string,
  data: Prisma.EnrolmentIssueUncheckedUpdateManyInput,
  extra: Prisma.EnrolmentIssueWhereInput = {},
): Promise<boolean> {
  const updated = await db().enrolmentIssue.updateMany({
    where: { AND: [{ id, state: "OPEN", student: studentWhere(scope) }, extra] },
    data,
  });
  return updated.count === 1;
}
