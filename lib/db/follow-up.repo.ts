/**
 * The follow-up before a school's publicity (migration 630): the two groups of a school and term, the drawn
 * sample, contacts, answers to re-investigations, and that the result was fed back to the applicant. Reads
 * take the caller's Scope (a teacher sees the sampled students of their own classes); the database keeps a
 * contacted sample from being drawn again and the contacts and answers append-only.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ContactWayCode, FollowUpGroupCode } from "@/lib/domain/follow-up-sample";
import { db } from "./client";
import { Prisma, type PrismaClient } from "./generated/client";
import { studentWhere } from "./scope";

type SchoolScope = Extract<Scope, { schoolId: string }>;

/** The database refused a row (CHECK or trigger: SQLSTATE 23514), e.g. re-drawing a contacted sample. */
export function isCheckViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const err = error as { code?: unknown; meta?: Record<string, unknown>; cause?: unknown; message?: unknown };
  if (err.code === "23514" || err.code === "P2004") return true;
  const adapter = err.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined;
  if (adapter?.cause?.originalCode === "23514" || adapter?.cause?.originalCode === "23503") return true;
  if (
    typeof err.message === "string" &&
    /\b23514\b|check constraint|cannot be drawn again/i.test(err.message)
  )
    return true;
  return err.cause !== undefined && err.cause !== error && isCheckViolation(err.cause);
}

/**
 * The two groups now: SURVEY — the term's applications determined 不困难 (applied, not determined);
 * WAIVER — in-school students matched to the school's special-group list of the term's list year who waived
 * (their application of the term waived, or 未资助原因 本人放弃 recorded).
 */
export async function followUpPopulations(
  scope: SchoolScope,
  termId: string,
  client: Pick<PrismaClient, "$queryRaw"> = db(),
): Promise<Record<FollowUpGroupCode, string[]>> {
  const [survey, waiver] = await Promise.all([
    client.$queryRaw<{ studentId: string }[]>`
      SELECT a."studentId" FROM "Application" a JOIN "Determination" d ON d."applicationId" = a."id"
      WHERE a."schoolId" = ${scope.schoolId} AND a."termId" = ${termId}
        AND a."state" = 'determined' AND d."finalLevel" = 'NONE'`,
    client.$queryRaw<{ studentId: string }[]>`
      SELECT DISTINCT st."id" AS "studentId"
      FROM "SpecialGroupEntry" e
      JOIN "AidTerm" t ON t."id" = ${termId} AND e."listYear" = aid_term_list_year(t."academicYear", t."semester")
      JOIN "Student" st ON st."schoolId" = e."schoolId" AND st."personId" = e."personId" AND st."status" = 'IN_SCHOOL'
      WHERE e."schoolId" = ${scope.schoolId}
        AND (EXISTS (SELECT 1 FROM "Application" a
                     WHERE a."studentId" = st."id" AND a."termId" = ${termId} AND a."state" = 'waived')
          OR EXISTS (SELECT 1 FROM "NoAidRecord" n
                     WHERE n."studentId" = st."id" AND n."termId" = ${termId} AND n."reason" = 'WAIVED'))`,
  ]);
  return { SURVEY: survey.map((row) => row.studentId), WAIVER: waiver.map((row) => row.studentId) };
}

const MEMBER_SELECT = {
  id: true,
  group: true,
  position: true,
  studentId: true,
  student: {
    select: {
      sortGradeName: true,
      sortClassName: true,
      person: { select: { name: true } },
    },
  },
  contacts: {
    orderBy: { recordedAt: "asc" },
    select: {
      id: true,
      contactedOn: true,
      way: true,
      satisfied: true,
      notes: true,
      reinvestigationReason: true,
      recordedAt: true,
      answer: { select: { answer: true, answeredAt: true } },
    },
  },
} as const satisfies Prisma.FollowUpSampleMemberSelect;

/** The school's sample of the term with the members the caller may see (a teacher: their classes). */
export async function findSample(scope: SchoolScope, termId: string) {
  return db().followUpSample.findUnique({
    where: { schoolId_termId: { schoolId: scope.schoolId, termId } },
    select: {
      id: true,
      seed: true,
      surveyPopulation: true,
      waiverPopulation: true,
      drawnAt: true,
      members: {
        where: { student: studentWhere(scope) },
        orderBy: [{ group: "asc" }, { position: "asc" }],
        select: MEMBER_SELECT,
      },
    },
  });
}

export type SampleView = NonNullable<Awaited<ReturnType<typeof findSample>>>;

/**
 * Replaces the school's sample of the term (in one transaction). "contacted" when the database refused it
 * because a member of the existing sample was contacted (trigger FollowUpSample_frozen); "conflict" when
 * someone else drew at the same moment.
 */
export async function replaceSample(
  scope: SchoolScope,
  input: {
    termId: string;
    seed: string;
    populations: Record<FollowUpGroupCode, number>;
    drawn: Record<FollowUpGroupCode, string[]>;
    drawnById: string;
  },
): Promise<{ id: string } | "contacted" | "conflict"> {
  try {
    return await db().$transaction(async (tx) => {
      await tx.followUpSample.deleteMany({ where: { schoolId: scope.schoolId, termId: input.termId } });
      const sample = await tx.followUpSample.create({
        data: {
          schoolId: scope.schoolId,
          termId: input.termId,
          seed: input.seed,
          surveyPopulation: input.populations.SURVEY,
          waiverPopulation: input.populations.WAIVER,
          drawnById: input.drawnById,
        },
        select: { id: true },
      });
      const members = (["SURVEY", "WAIVER"] as const).flatMap((group) =>
        input.drawn[group].map((studentId, position) => ({
          sampleId: sample.id,
          group,
          studentId,
          position,
        })),
      );
      if (members.length) await tx.followUpSampleMember.createMany({ data: members });
      return sample;
    });
  } catch (error) {
    if (isCheckViolation(error)) return "contacted";
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "conflict";
    throw error;
  }
}

/** Whether any member of the school's sample of the term has a contact. */
export async function sampleHasContacts(scope: SchoolScope, termId: string): Promise<boolean> {
  const count = await db().followUpContact.count({
    where: { member: { sample: { schoolId: scope.schoolId, termId } } },
  });
  return count > 0;
}

/** A member of the caller's school's sample of the term, within the caller's scope (a teacher: own classes). */
export function findMember(scope: SchoolScope, termId: string, memberId: string) {
  return db().followUpSampleMember.findFirst({
    where: {
      id: memberId,
      sample: { schoolId: scope.schoolId, termId },
      student: studentWhere(scope),
    },
    select: {
      id: true,
      group: true,
      studentId: true,
      student: { select: { person: { select: { name: true } } } },
    },
  });
}

/**
 * Records a contact; a contact of the survey group also records that the result was fed back to the applicant
 * (when not yet recorded).
 */
export async function createContact(input: {
  memberId: string;
  studentId: string;
  termId: string;
  group: FollowUpGroupCode;
  contactedOn: Date;
  way: ContactWayCode;
  satisfied: boolean;
  notes: string;
  reinvestigationReason: string | null;
  recordedById: string;
}): Promise<{ id: string }> {
  return db().$transaction(async (tx) => {
    const contact = await tx.followUpContact.create({
      data: {
        memberId: input.memberId,
        contactedOn: input.contactedOn,
        way: input.way,
        satisfied: input.satisfied,
        notes: input.notes,
        reinvestigationReason: input.reinvestigationReason,
        recordedById: input.recordedById,
      },
      select: { id: true },
    });
    await tx.$executeRaw`
      INSERT INTO "ResultFeedback" ("applicationId", "source", "recordedById")
      SELECT a."id", 'STAFF_CONTACT', ${input.recordedById}
      FROM "Application" a WHERE a."studentId" = ${input.studentId} AND a."termId" = ${input.termId}
        AND a."state" IN ('determined', 'revoked')
      ON CONFLICT ("applicationId") DO NOTHING`;
    return contact;
  });
}

/** A dissatisfied contact of the school's sample of the term, with its answer if any. */
export function findReinvestigation(scope: SchoolScope, termId: string, contactId: string) {
  return db().followUpContact.findFirst({
    where: {
      id: contactId,
      satisfied: false,
      member: { sample: { schoolId: scope.schoolId, termId }, student: studentWhere(scope) },
    },
    select: {
      id: true,
      answer: { select: { answeredAt: true } },
      member: { select: { student: { select: { person: { select: { name: true } } } } } },
    },
  });
}

/** Answers a re-investigation; false when it was answered already (one answer, append-only). */
export async function createAnswer(input: {
  contactId: string;
  answer: string;
  answeredById: string;
}): Promise<boolean> {
  const inserted = await db().$executeRaw`
    INSERT INTO "ReinvestigationAnswer" ("contactId", "answer", "answeredById")
    VALUES (${input.contactId}, ${input.answer}, ${input.answeredById})
    ON CONFLICT ("contactId") DO NOTHING`;
  return inserted === 1;
}

/** Per group: sampled members and those with a contact; the open re-investigations; any contact at all. */
export async function sampleProgress(scope: SchoolScope, termId: string) {
  const sample = await db().followUpSample.findUnique({
    where: { schoolId_termId: { schoolId: scope.schoolId, termId } },
    select: { id: true, drawnAt: true, surveyPopulation: true, waiverPopulation: true },
  });
  if (!sample) return null;
  const rows = await db().$queryRaw<{ group: FollowUpGroupCode; sampled: number; contacted: number }[]>`
    SELECT m."group"::text AS "group", count(*)::int AS "sampled",
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "FollowUpContact" c WHERE c."memberId" = m."id"))::int AS "contacted"
    FROM "FollowUpSampleMember" m WHERE m."sampleId" = ${sample.id} GROUP BY m."group"`;
  const [open] = await db().$queryRaw<{ open: number }[]>`
    SELECT count(*)::int AS "open" FROM "FollowUpContact" c
    JOIN "FollowUpSampleMember" m ON m."id" = c."memberId"
    WHERE m."sampleId" = ${sample.id} AND NOT c."satisfied"
      AND NOT EXISTS (SELECT 1 FROM "ReinvestigationAnswer" r WHERE r."contactId" = c."id")`;
  return { sample, groups: rows, openReinvestigations: open?.open ?? 0 };
}

/** That the applicant saw their result: the first view of the result page with a final result. */
export async function recordResultViewed(applicationId: string): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "ResultFeedback" ("applicationId", "source") VALUES (${applicationId}, 'APPLICANT_VIEWED')
    ON CONFLICT ("applicationId") DO NOTHING`;
}

/** The school's determined applications of the term, and how many of them had their result fed back. */
export async function feedbackCounts(scope: SchoolScope, termId: string) {
  const [row] = await db().$queryRaw<{ determined: number; fedBack: number }[]>`
    SELECT count(*)::int AS "determined", count(f."applicationId")::int AS "fedBack"
    FROM "Application" a LEFT JOIN "ResultFeedback" f ON f."applicationId" = a."id"
    WHERE a."schoolId" = ${scope.schoolId} AND a."termId" = ${termId} AND a."state" = 'determined'`;
  return row ?? { determined: 0, fedBack: 0 };
}
