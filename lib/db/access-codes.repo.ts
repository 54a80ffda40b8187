/**
 * School-issued access codes (keyed hashes only), the record of child
 * bindings, and the school's release of a mobile number registered by
 * someone who is not the recorded guardian. Every query takes the caller's
 * Scope (teacher: own classes; admin: school).
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { Stage } from "@/lib/domain/codes";
import { db, type Tx } from "./client";
import { classWhere, studentWhere } from "./scope";

export type LetterStudent = {
  studentId: string;
  name: string;
  stage: Stage;
  className: string;
  schoolName: string;
  guardianPhonesMasked: string[];
  codeIssuedAt: Date | null;
  issueCount: number;
  activated: boolean;
  boundParents: number;
};

export type LetterClass = { id: string; label: string; schoolName: string };

/** The classes whose letters the caller may print (teacher: own classes; admin: the school's). */
export async function listLetterClasses(scope: Scope): Promise<LetterClass[]> {
  const rows = await db().schoolClass.findMany({
    where: classWhere(scope),
    select: { id: true, name: true, grade: { select: { name: true } }, school: { select: { name: true } } },
    orderBy: [{ grade: { sortOrder: "asc" } }, { name: "asc" }],
  });
  return rows.map((c) => ({ id: c.id, label: `${c.grade.name}${c.name}`, schoolName: c.school.name }));
}

const LETTER_SELECT = {
  id: true,
  stage: true,
  person: {
    select: { name: true, account: { select: { id: true } }, _count: { select: { parents: true } } },
  },
  class: { select: { name: true, grade: { select: { name: true } } } },
  school: { select: { name: true } },
  guardians: { select: { phoneMasked: true }, orderBy: { sortOrder: "asc" as const } },
  accessCode: { select: { issuedAt: true, issueCount: true } },
} as const;

type LetterRow = {
  id: string;
  stage: Stage;
  person: { name: string; account: { id: string } | null; _count: { parents: number } };
  class: { name: string; grade: { name: string } };
  school: { name: string };
  guardians: { phoneMasked: string }[];
  accessCode: { issuedAt: Date; issueCount: number } | null;
};

const toLetter = (student: LetterRow): LetterStudent => ({
  studentId: student.id,
  name: student.person.name,
  stage: student.stage,
  className: `${student.class.grade.name}${student.class.name}`,
  schoolName: student.school.name,
  guardianPhonesMasked: student.guardians.map((g) => g.phoneMasked),
  codeIssuedAt: student.accessCode?.issuedAt ?? null,
  issueCount: student.accessCode?.issueCount ?? 0,
  activated: student.person.account !== null,
  boundParents: student.person._count.parents,
});

/** The in-school students of a class within scope, in roster order; null when the class is outside scope. */
export async function listClassLetterStudents(
  scope: Scope,
  classId: string,
): Promise<LetterStudent[] | null> {
  const klass = await db().schoolClass.findFirst({
    where: { AND: [classWhere(scope), { id: classId }] },
    select: { id: true },
  });
  if (!klass) return null;
  const rows = await db().student.findMany({
    where: { AND: [studentWhere(scope), { classId, status: "IN_SCHOOL" }] },
    select: LETTER_SELECT,
    orderBy: [{ sortName: "asc" }, { id: "asc" }],
  });
  return rows.map(toLetter);
}

/** One in-school student within scope, for a single letter. */
export async function findLetterStudent(scope: Scope, studentId: string): Promise<LetterStudent | null> {
  const student = await db().student.findFirst({
    where: { AND: [studentWhere(scope), { id: studentId, status: "IN_SCHOOL" }] },
    select: LETTER_SELECT,
  });
  return student && toLetter(student);
}

/** Stores codes for students that have none yet; returns the students whose code was stored (a concurrent print keeps its own). */
export async function insertMissingCodes(
  rows: { studentId: string; codeHash: string }[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db().$queryRaw<{ studentId: string }[]>`
    INSERT INTO "StudentAccessCode" ("studentId", "codeHash")
    SELECT * FROM unnest(${rows.map((r) => r.studentId)}::text[], ${rows.map((r) => r.codeHash)}::text[])
    ON CONFLICT ("studentId") DO NOTHING
    RETURNING "studentId"`;
  return new Set(inserted.map((r) => r.studentId));
}

/**
 * Replaces the codes of many students at once (a class's reissue): one statement, so either every
 * student gets the new code or — on any failure — none does and the old codes keep working.
 */
export async function replaceCodes(rows: { studentId: string; codeHash: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db().$executeRaw`
    INSERT INTO "StudentAccessCode" ("studentId", "codeHash")
    SELECT * FROM unnest(${rows.map((r) => r.studentId)}::text[], ${rows.map((r) => r.codeHash)}::text[])
    ON CONFLICT ("studentId") DO UPDATE
      SET "codeHash" = EXCLUDED."codeHash", "issuedAt" = now(), "issueCount" = "StudentAccessCode"."issueCount" + 1`;
}

/** Replaces a student's code (the old one stops working at once). */
export async function replaceCode(studentId: string, codeHash: string, tx?: Tx): Promise<number> {
  const accessCode = await (tx ?? db()).studentAccessCode.upsert({
    where: { studentId },
    create: { studentId, codeHash },
    update: { codeHash, issuedAt: new Date(), issueCount: { increment: 1 } },
    select: { issueCount: true },
  });
  return accessCode.issueCount;
}

export async function findCodeHash(studentId: string): Promise<string | null> {
  const accessCode = await db().studentAccessCode.findUnique({
    where: { studentId },
    select: { codeHash: true },
  });
  return accessCode?.codeHash ?? null;
}

/** What the teacher and the admin see of a student's accounts: code, activation, bindings, registered guardian mobiles. */
export async function findBindingView(scope: Scope, studentId: string) {
  const student = await db().student.findFirst({
    where: { AND: [studentWhere(scope), { id: studentId }] },
    select: {
      id: true,
      schoolId: true,
      classId: true,
      stage: true,
      person: { select: { id: true, name: true, account: { select: { createdAt: true } } } },
      class: { select: { name: true, grade: { select: { name: true } } } },
      accessCode: { select: { issuedAt: true, issueCount: true } },
      guardians: {
        select: { id: true, name: true, relation: true, phoneMasked: true, phoneHash: true },
        orderBy: { sortOrder: "asc" },
      },
      bindingRecords: {
        select: {
          id: true,
          phoneMasked: true,
          boundAt: true,
          releasedAt: true,
          releaseReason: true,
          parent: { select: { displayName: true } },
          releasedBy: { select: { displayName: true } },
        },
        orderBy: { boundAt: "desc" },
        take: 50,
      },
    },
  });
  if (!student) return null;
  // Only an account already bound to this child is described (name, date, state); for any other account
  // holding the number the school learns no more than that the number is taken: a guardian mobile can be
  // set by a teacher (lib/db/class-roster.repo.ts `updateGuardian`), so more would be an oracle on every
  // parent account of every school.
  const registered = await db().user.findMany({
    where: { role: "PARENT", phoneHash: { in: student.guardians.map((g) => g.phoneHash) } },
    select: {
      displayName: true,
      phoneHash: true,
      createdAt: true,
      disabled: true,
      children: { where: { personId: student.person.id }, select: { personId: true } },
    },
  });
  return {
    ...student,
    guardians: student.guardians.map(({ phoneHash, ...guardian }) => {
      const account = registered.find((u) => u.phoneHash === phoneHash);
      const bound = account && account.children.length > 0;
      return {
        ...guardian,
        registered: !!account,
        account: bound
          ? { displayName: account.displayName, registeredAt: account.createdAt, disabled: account.disabled }
          : null,
      };
    }),
  };
}

/** Records a new binding (the binding itself is made by lib/db/accounts.repo.ts `bindChild`). */
export async function recordBinding(input: {
  personId: string;
  studentId: string;
  parentId: string;
  phoneMasked: string;
}): Promise<void> {
  await db().bindingRecord.create({ data: input });
}

export type ReleaseOutcome =
  | {
      ok: true;
      schoolId: string;
      personId: string;
      parentId: string;
      unbound: boolean;
      phoneMasked: string;
      /** false: the account has a child enrolled at another school, so only this child was unbound */
      accountReleased: boolean;
    }
  | { ok: false; reason: "not_found" | "no_account" };

/**
 * Releases the mobile number a guardian of the student (within scope) has on
 * the roster from the parent account that registered it: unbinds that account
 * from the student, frees the number (the account keeps no phone), disables
 * and flags the account and ends its sessions, and closes its binding records
 * for the student. One transaction.
 *
 * When the account has any other bound child currently enrolled (在读/休学) at
 * a school outside the caller's, the account is not this school's to judge:
 * only this child is unbound and its binding records closed; the account keeps
 * its number and stays enabled (the supervisor handles the rest).
 */
export async function releaseGuardianMobile(
  scope: Scope,
  studentId: string,
  guardianId: string,
  actorId: string,
  reason: string,
): Promise<ReleaseOutcome> {
  return db().$transaction(async (tx) => {
    const guardian = await tx.guardian.findFirst({
      where: { id: guardianId, student: { AND: [studentWhere(scope), { id: studentId }] } },
      select: { phoneHash: true, phoneMasked: true, student: { select: { schoolId: true, personId: true } } },
    });
    if (!guardian) return { ok: false, reason: "not_found" } as const;
    const parent = await tx.user.findFirst({
      where: { role: "PARENT", phoneHash: guardian.phoneHash },
      select: { id: true },
    });
    if (!parent) return { ok: false, reason: "no_account" } as const;
    const now = new Date();
    const elsewhere = await tx.parentChild.count({
      where: {
        parentId: parent.id,
        personId: { not: guardian.student.personId },
        person: {
          enrolments: {
            some: {
              status: { in: ["IN_SCHOOL", "SUSPENDED"] },
              schoolId: { not: guardian.student.schoolId },
            },
          },
        },
      },
    });
    const unbound = await tx.parentChild.deleteMany({
      where: { parentId: parent.id, personId: guardian.student.personId },
    });
    await tx.bindingRecord.updateMany({
      where: { parentId: parent.id, studentId, releasedAt: null },
      data: { releasedAt: now, releasedById: actorId, releaseReason: reason },
    });
    const base = {
      ok: true,
      schoolId: guardian.student.schoolId,
      personId: guardian.student.personId,
      parentId: parent.id,
      unbound: unbound.count > 0,
      phoneMasked: guardian.phoneMasked,
    } as const;
    if (elsewhere > 0) return { ...base, accountReleased: false };
    await tx.user.update({
      where: { id: parent.id },
      data: {
        phoneCipher: null,
        phoneHash: null,
        phoneMasked: null,
        disabled: true,
        flaggedAt: now,
        flagReason: `学校释放了被占用的监护人手机号 ${guardian.phoneMasked}：${reason}`.slice(0, 500),
        sessionVersion: { increment: 1 },
      },
    });
    await tx.authSession.updateMany({ where: { userId: parent.id, endedAt: null }, data: { endedAt: now } });
    return { ...base, accountReleased: true };
  });
}
