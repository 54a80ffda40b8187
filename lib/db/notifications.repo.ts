/**
 * Writing notifications into the outbox (table Notification, migration 600) inside the caller's transaction:
 * one INSERT … SELECT per event, whatever the number of recipients, skipping disabled accounts, recipients
 * who unsubscribed from an optional kind, and a reminder already sent that day (the unique key
 * recipient × kind × dedupeKey). The recipient sets are SQL sources yielding one column "userId".
 */
import "server-only";
import type { NotificationKind } from "@/lib/domain/notifications/catalogue";
import { Prisma } from "./generated/client";
import { db, type Tx } from "./client";

/** A source of recipients: an SQL query whose rows have one column, "userId". */
export type RecipientSource = Prisma.Sql;

/** The given accounts. */
export function usersSource(userIds: readonly string[]): RecipientSource {
  return Prisma.sql`SELECT unnest(${[...userIds]}::text[]) AS "userId"`;
}

/**
 * The applicants of the given persons: each person's own student account and the parents bound to the person
 * (ParentChild). `personIds` is an SQL query yielding one column "personId", or a list of ids.
 */
export function applicantsSource(personIds: readonly string[] | Prisma.Sql): RecipientSource {
  const persons = Array.isArray(personIds)
    ? Prisma.sql`SELECT unnest(${[...personIds]}::text[]) AS "personId"`
    : (personIds as Prisma.Sql);
  return Prisma.sql`
    SELECT u.id AS "userId" FROM "User" u
    WHERE u.role = 'STUDENT' AND u."personId" IN (SELECT p."personId" FROM (${persons}) p)
    UNION
    SELECT pc."parentId" AS "userId" FROM "ParentChild" pc
    WHERE pc."personId" IN (SELECT p."personId" FROM (${persons}) p)`;
}

/**
 * Every applicant of a school's term: the persons with an application (not a mere draft) at the school, or only
 * in one grade.
 */
export function schoolApplicantsSource(
  schoolId: string,
  termId: string,
  gradeId: string | null = null,
): RecipientSource {
  const grade = gradeId
    ? Prisma.sql`AND a."classId" IN (SELECT c.id FROM "SchoolClass" c WHERE c."gradeId" = ${gradeId})`
    : Prisma.empty;
  return applicantsSource(Prisma.sql`
    SELECT a."personId" FROM "Application" a
    WHERE a."schoolId" = ${schoolId} AND a."termId" = ${termId} AND a.state <> 'draft' ${grade}`);
}

/** A school's name, for a text. */
export async function schoolNameOf(tx: Tx, schoolId: string): Promise<string> {
  const school = await tx.school.findUnique({ where: { id: schoolId }, select: { name: true } });
  return school?.name ?? "";
}

/** The class teachers of a class. */
export function classTeachersSource(classId: string): RecipientSource {
  return Prisma.sql`SELECT tc."teacherId" AS "userId" FROM "TeacherClass" tc WHERE tc."classId" = ${classId}`;
}

/** The aid officers (SCHOOL_ADMIN) of a school. */
export function schoolAdminsSource(schoolId: string): RecipientSource {
  return Prisma.sql`
    SELECT u.id AS "userId" FROM "User" u WHERE u.role = 'SCHOOL_ADMIN' AND u."schoolId" = ${schoolId}`;
}

/** The supervisor accounts of one region (not its parents or children). */
export function regionSupervisorsSource(regionId: string): RecipientSource {
  return Prisma.sql`
    SELECT u.id AS "userId" FROM "User" u WHERE u.role = 'SUPERVISOR' AND u."regionId" = ${regionId}`;
}

export type OutboxRow = {
  kind: NotificationKind;
  schoolId: string | null;
  body: string;
  params: Record<string, string>;
  link: string | null;
  dedupeKey: string | null;
};

/** Writes one outbox row per recipient of `source`; returns how many were written. */
export async function insertNotifications(tx: Tx, source: RecipientSource, row: OutboxRow): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "Notification" ("kind", "recipientId", "schoolId", "body", "params", "link", "dedupeKey")
    SELECT ${row.kind}::"NotificationKind", u.id, ${row.schoolId}, ${row.body}, ${JSON.stringify(row.params)}::jsonb,
           ${row.link}, ${row.dedupeKey}
    FROM "User" u
    WHERE u.id IN (SELECT r."userId" FROM (${source}) r)
      AND NOT u.disabled
      AND NOT EXISTS (
        SELECT 1 FROM "NotificationUnsubscribe" x WHERE x."userId" = u.id AND x.kind = ${row.kind}::"NotificationKind")
    ON CONFLICT ("recipientId", "kind", "dedupeKey") DO NOTHING`;
}

/** The school's own wording of a kind, if it saved one. */
export async function schoolTemplateBody(
  tx: Tx,
  schoolId: string,
  kind: NotificationKind,
): Promise<string | null> {
  const found = await tx.notificationTemplate.findUnique({
    where: { schoolId_kind: { schoolId, kind } },
    select: { body: true },
  });
  return found?.body ?? null;
}

/** The schools' own wordings of a kind (those that saved one), in one read: school id → wording. */
export async function schoolTemplateBodies(
  kind: NotificationKind,
  schoolIds: readonly string[],
): Promise<Map<string, string>> {
  const found = await db().notificationTemplate.findMany({
    where: { kind, schoolId: { in: [...new Set(schoolIds)] } },
    select: { schoolId: true, body: true },
  });
  return new Map(found.map((template) => [template.schoolId, template.body]));
}

/** Who a roster payment concerns, for its notification. */
export async function paymentFacts(
  tx: Tx,
  studentId: string,
  rosterId: string,
): Promise<{ personId: string; schoolId: string; studentName: string; programme: string } | null> {
  const [student, roster] = await Promise.all([
    tx.student.findUnique({
      where: { id: studentId },
      select: { personId: true, schoolId: true, person: { select: { name: true } } },
    }),
    tx.roster.findUnique({ where: { id: rosterId }, select: { programme: { select: { name: true } } } }),
  ]);
  if (!student || !roster) return null;
  return {
    personId: student.personId,
    schoolId: student.schoolId,
    studentName: student.person.name,
    programme: roster.programme.name,
  };
}
