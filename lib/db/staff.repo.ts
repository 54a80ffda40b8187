/**
 * Accounts of one school as the aid office manages them: staff accounts,
 * class assignments, and the accounts (staff, students, parents) whose
 * password it may reset. Everything is limited to the caller's school.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import type { Role } from "./generated/enums";
import { classWhere, schoolWhere } from "./scope";
import { setTemporaryPasswordWhere } from "./temporary-password";

const schoolIdOf = (scope: Scope) =>
  scope.role === "SCHOOL_ADMIN" || scope.role === "SCHOOL_LEADER" || scope.role === "TEACHER"
    ? scope.schoolId
    : "\u0000";

export type StaffAccount = {
  id: string;
  role: Role;
  username: string | null;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  classes: { classId: string; className: string; gradeName: string }[];
};

/** One page of the school's staff accounts (role, then name, then id: a stable order across pages). */
export type StaffPage = { rows: StaffAccount[]; total: number; page: number; pageSize: number };

type StaffSqlRow = Omit<StaffAccount, "classes"> & { total: number };

/**
 * Page `page` (1-based; past the last page: the last page) of `pageSize` staff accounts. Paged and
 * counted in SQL, then the classes of the shown accounts only, in two plain statements: a large school
 * has ~800 staff, and reading them all with their classes (a JSON aggregate per account) for every view
 * of the page cost ~15 ms of PostgreSQL per request (bench/README.md §4, "Staff list pages").
 */
export async function listStaff(scope: Scope, page = 1, pageSize = 1000): Promise<StaffPage> {
  const schoolId = schoolIdOf(scope);
  const read = (at: number) => db().$queryRaw<StaffSqlRow[]>`
    SELECT u."id", u."role"::text AS "role", u."username", u."displayName", u."disabled",
           u."mustChangePassword", u."lastLoginAt", (count(*) OVER ())::int AS "total"
    FROM "User" u
    WHERE u."schoolId" = ${schoolId} AND u."role" IN ('TEACHER', 'SCHOOL_LEADER', 'SCHOOL_ADMIN')
    ORDER BY u."role", u."displayName", u."id"
    LIMIT ${pageSize} OFFSET ${(at - 1) * pageSize}`;
  const first = Math.max(1, Math.trunc(page) || 1);
  let shown = first;
  let rows = await read(first);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && first > 1) {
    // Past the last page (an account was removed, or a hand-edited ?page=): show the last one.
    const [counted] = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS "n" FROM "User"
      WHERE "schoolId" = ${schoolId} AND "role" IN ('TEACHER', 'SCHOOL_LEADER', 'SCHOOL_ADMIN')`;
    total = counted?.n ?? 0;
    shown = Math.max(1, Math.ceil(total / pageSize));
    rows = shown === first ? [] : await read(shown);
  }
  const ids = rows.map((row) => row.id);
  const classes = ids.length
    ? await db().$queryRaw<{ teacherId: string; classId: string; className: string; gradeName: string }[]>`
        SELECT tc."teacherId", c."id" AS "classId", c."name" AS "className", g."name" AS "gradeName"
        FROM "TeacherClass" tc
        JOIN "SchoolClass" c ON c."id" = tc."classId"
        JOIN "Grade" g ON g."id" = c."gradeId"
        WHERE tc."teacherId" = ANY(${ids}::text[])
        ORDER BY g."name", c."name", c."id"`
    : [];
  return {
    total,
    page: shown,
    pageSize,
    rows: rows.map((row) => ({
      id: row.id,
      role: row.role,
      username: row.username,
      displayName: row.displayName,
      disabled: row.disabled,
      mustChangePassword: row.mustChangePassword,
      lastLoginAt: row.lastLoginAt,
      classes: classes
        .filter((c) => c.teacherId === row.id)
        .map(({ classId, className, gradeName }) => ({ classId, className, gradeName })),
    })),
  };
}

/** One staff account of the caller's school with its classes, or null (another school's, or no such account). */
export async function findStaffAccount(scope: Scope, userId: string): Promise<StaffAccount | null> {
  const schoolId = schoolIdOf(scope);
  const [row] = await db().$queryRaw<Omit<StaffAccount, "classes">[]>`
    SELECT u."id", u."role"::text AS "role", u."username", u."displayName", u."disabled",
           u."mustChangePassword", u."lastLoginAt"
    FROM "User" u
    WHERE u."id" = ${userId} AND u."schoolId" = ${schoolId}
      AND u."role" IN ('TEACHER', 'SCHOOL_LEADER', 'SCHOOL_ADMIN')`;
  if (!row) return null;
  const classes = await db().$queryRaw<StaffAccount["classes"]>`
    SELECT c."id" AS "classId", c."name" AS "className", g."name" AS "gradeName"
    FROM "TeacherClass" tc
    JOIN "SchoolClass" c ON c."id" = tc."classId"
    JOIN "Grade" g ON g."id" = c."gradeId"
    WHERE tc."teacherId" = ${row.id} AND g."schoolId" = ${schoolId}
    ORDER BY g."name", c."name", c."id"`;
  return { ...row, classes };
}

export async function createStaff(
  scope: Scope,
  input: { role: "TEACHER" | "SCHOOL_LEADER"; username: string; displayName: string; passwordHash: string },
): Promise<string> {
  const user = await db().user.create({
    data: { ...input, schoolId: schoolIdOf(scope), mustChangePassword: true },
    select: { id: true },
  });
  return user.id;
}

/** Staff accounts of the caller's school. */
const staffWhere = (scope: Scope): Prisma.UserWhereInput => ({
  schoolId: schoolIdOf(scope),
  school: schoolWhere(scope),
  role: { in: ["TEACHER", "SCHOOL_LEADER", "SCHOOL_ADMIN"] },
});

/** A staff account of the caller's school, or null. */
export function findStaff(scope: Scope, userId: string) {
  return db().user.findFirst({
    where: { id: userId, ...staffWhere(scope) },
    select: { id: true, role: true, username: true, displayName: true, disabled: true },
  });
}

/** Disabling also closes every open session record of the account (SECURITY.md), in the same transaction. */
export async function setDisabled(scope: Scope, userId: string, disabled: boolean): Promise<void> {
  await db().$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: userId, ...staffWhere(scope) },
      data: { disabled, sessionVersion: { increment: 1 } },
    });
    if (updated.count === 1 && disabled)
      await tx.authSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date() } });
  });
}

/** Enrolment statuses under which a student still belongs to the school (休学 keeps the 学籍). */
const CURRENT: ("IN_SCHOOL" | "SUSPENDED")[] = ["IN_SCHOOL", "SUSPENDED"];

/** A person whose current enrolment is at the school and nowhere else. */
const currentlyAt = (schoolId: string): Prisma.PersonWhereInput => ({
  enrolments: {
    some: { schoolId, status: { in: CURRENT } },
    none: { schoolId: { not: schoolId }, status: { in: CURRENT } },
  },
});

/**
 * An account whose password the school may reset: its staff, students whose
 * current enrolment is at the school, and parents all of whose bound
 * children are currently at the school. A past enrolment (毕业, 转出) is not
 * enough, and a parent with a child at another school is that school's (or
 * the supervisor's) to reset: whoever resets can sign in as the account and
 * read every application it can.
 */
function resettableWhere(scope: Scope): Prisma.UserWhereInput {
  const schoolId = schoolIdOf(scope);
  const here = currentlyAt(schoolId);
  return {
    OR: [
      staffWhere(scope),
      { role: "STUDENT", person: here },
      { role: "PARENT", children: { some: { person: here }, every: { person: here } } },
    ],
  };
}

/**
 * Why an applicant account of the school cannot be reset here: a student
 * now enrolled elsewhere, or a parent with a child at another school (or none
 * in school). Null when the account has no tie to the school at all.
 */
export async function resetRefusal(
  scope: Scope,
  userId: string,
): Promise<"STUDENT_ELSEWHERE" | "PARENT_CHILD_ELSEWHERE" | null> {
  const schoolId = schoolIdOf(scope);
  const user = await db().user.findFirst({
    where: {
      id: userId,
      OR: [
        { role: "STUDENT", person: { enrolments: { some: { schoolId } } } },
        { role: "PARENT", children: { some: { person: { enrolments: { some: { schoolId } } } } } },
      ],
    },
    select: { role: true },
  });
  if (!user) return null;
  return user.role === "STUDENT" ? "STUDENT_ELSEWHERE" : "PARENT_CHILD_ELSEWHERE";
}

/**
 * Every school the account belongs to, for the audit of a reset: a staff
 * member's school, a student's schools (any enrolment), a parent's children's
 * schools.
 */
export async function schoolsOfAccount(userId: string): Promise<string[]> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      schoolId: true,
      person: { select: { enrolments: { select: { schoolId: true } } } },
      children: { select: { person: { select: { enrolments: { select: { schoolId: true } } } } } },
    },
  });
  if (!user) return [];
  const ids = [
    user.schoolId,
    ...(user.person?.enrolments.map((e) => e.schoolId) ?? []),
    ...user.children.flatMap((c) => c.person.enrolments.map((e) => e.schoolId)),
  ];
  return [...new Set(ids.filter((id): id is string => !!id))];
}

export function findResettable(scope: Scope, userId: string) {
  return db().user.findFirst({
    where: { AND: [{ id: userId }, resettableWhere(scope)] },
    select: { id: true, role: true, displayName: true, username: true, phoneMasked: true },
  });
}

/**
 * A reset ends every session of the account: the version bump refuses old cookies, and the open session records are closed.
 * False when the account is no longer resettable by the scope (e.g. the student transferred meanwhile): nothing changed.
 */
export async function setTemporaryPassword(
  scope: Scope,
  userId: string,
  passwordHash: string,
): Promise<boolean> {
  return setTemporaryPasswordWhere(resettableWhere(scope), userId, passwordHash);
}

/** Accounts of students and parents of the school matching a name (for the reset-password search). */
export async function searchApplicantAccounts(scope: Scope, name: string, take = 20) {
  const schoolId = schoolIdOf(scope);
  const enrolled = currentlyAt(schoolId);
  return db().user.findMany({
    where: {
      OR: [
        { role: "STUDENT", person: { ...enrolled, name: { contains: name } } },
        { role: "PARENT", children: { some: { person: { ...enrolled, name: { contains: name } } } } },
      ],
    },
    take,
    orderBy: { displayName: "asc" },
    select: {
      id: true,
      role: true,
      displayName: true,
      phoneMasked: true,
      person: { select: { name: true, idNumberMasked: true } },
      children: { where: { person: enrolled }, select: { person: { select: { name: true } } } },
    },
  });
}

export function findClass(scope: Scope, classId: string) {
  return db().schoolClass.findFirst({
    where: { AND: [{ id: classId }, classWhere(scope)] },
    select: { id: true, name: true },
  });
}

/** Assigns / unassigns a teacher of the scope's school to a class of the scope (ids the caller found through the scope). */
export async function setAssignment(
  scope: Scope,
  teacherId: string,
  classId: string,
  assigned: boolean,
): Promise<void> {
  if (!assigned) {
    await db().teacherClass.deleteMany({
      where: { teacherId, classId, teacher: staffWhere(scope), class: classWhere(scope) },
    });
    return;
  }
  await db().teacherClass.upsert({
    where: { teacherId_classId: { teacherId, classId } },
    update: {},
    create: { teacherId, classId },
  });
}
