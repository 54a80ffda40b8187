/**
 * Applications as the applicant side sees and changes them. Every function
 * takes the caller's Scope and ANDs it into the query; state changes use the
 * version column so two concurrent actions cannot both succeed.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ApplicationState, Role, SpecialCategory, Stage } from "@/lib/domain/codes";
import type { HouseholdData } from "@/lib/schemas/application";
import { perCapitaMonthlyIncomeFen } from "@/lib/domain/household";
import { db, type Tx } from "./client";
import { Prisma } from "./generated/client";
import { applicationWhere, studentWhere } from "./scope";

export class VersionConflict extends Error {}

export type ApplicantStudent = {
  studentId: string;
  personId: string;
  schoolId: string;
  classId: string;
  stage: Stage;
  name: string;
  gender: "MALE" | "FEMALE";
  idNumberMasked: string;
  studentNo: string;
  schoolName: string;
  gradeName: string;
  className: string;
  enrolledOn: Date;
  programmeYears: number;
};

/** The person's current enrolment, if the person is within the caller's scope. */
export async function findApplicantStudent(scope: Scope, personId: string): Promise<ApplicantStudent | null> {
  const student = await db().student.findFirst({
    where: { AND: [studentWhere(scope), { personId, status: "IN_SCHOOL" }] },
    select: {
      id: true,
      personId: true,
      schoolId: true,
      classId: true,
      stage: true,
      studentNo: true,
      enrolledOn: true,
      programmeYears: true,
      person: { select: { name: true, gender: true, idNumberMasked: true } },
      school: { select: { name: true } },
      grade: { select: { name: true } },
      class: { select: { name: true } },
    },
  });
  return (
    student && {
      studentId: student.id,
      personId: student.personId,
      schoolId: student.schoolId,
      classId: student.classId,
      stage: student.stage,
      name: student.person.name,
      gender: student.person.gender,
      idNumberMasked: student.person.idNumberMasked,
      studentNo: student.studentNo,
      schoolName: student.school.name,
      gradeName: student.grade.name,
      className: student.class.name,
      enrolledOn: student.enrolledOn,
      programmeYears: student.programmeYears,
    }
  );
}

/** The identity and state columns every read of one application starts with (also lib/db/teacher.repo.ts). */
export const APPLICATION_HEAD = {
  id: true,
  termId: true,
  personId: true,
  studentId: true,
  schoolId: true,
  classId: true,
  state: true,
  version: true,
  enteredOnPaper: true,
} as const;

const APPLICATION_VIEW = {
  ...APPLICATION_HEAD,
  enrolmentConfirmedAt: true,
  policyAcknowledgedAt: true,
  waiverReason: true,
  commitmentSignedAt: true,
  submittedAt: true,
  returnReason: true,
  returnDeadline: true,
  verifiedAt: true,
  reviewedAt: true,
  draftStep: true,
  updatedAt: true,
  household: true,
  familyMembers: { orderBy: { sortOrder: "asc" } },
  suddenEvents: true,
  programmes: { select: { programme: { select: { id: true, name: true, requiredFields: true } } } },
  transitions: {
    orderBy: { at: "asc" },
    select: { id: true, fromState: true, toState: true, actorRole: true, comment: true, at: true },
  },
  _count: { select: { evidence: true } },
} satisfies Prisma.ApplicationSelect;

export type ApplicationView = Prisma.ApplicationGetPayload<{ select: typeof APPLICATION_VIEW }>;

export function findApplicationOfPerson(
  scope: Scope,
  personId: string,
  termId: string,
): Promise<ApplicationView | null> {
  return db().application.findFirst({
    where: { AND: [applicationWhere(scope), { personId, termId, kind: "REGULAR" }] },
    select: APPLICATION_VIEW,
  });
}

export function findApplicationById(scope: Scope, applicationId: string): Promise<ApplicationView | null> {
  return db().application.findFirst({
    where: { AND: [applicationWhere(scope), { id: applicationId }] },
    select: APPLICATION_VIEW,
  });
}

export type Actor = { userId: string; role: Role };

/** Creates the draft (once: the database keeps one application per person per term). */
export async function createDraft(
  student: ApplicantStudent,
  termId: string,
  actor: Actor,
  opts: { enteredOnPaper?: boolean } = {},
): Promise<string> {
  try {
    return await db().$transaction(async (tx) => {
      const app = await tx.application.create({
        data: {
          termId,
          personId: student.personId,
          studentId: student.studentId,
          schoolId: student.schoolId,
          classId: student.classId,
          applicantUserId: actor.role === "STUDENT" || actor.role === "PARENT" ? actor.userId : null,
          enteredOnPaper: opts.enteredOnPaper ?? false,
        },
        select: { id: true },
      });
      await tx.applicationTransition.create({
        data: {
          applicationId: app.id,
          fromState: null,
          toState: "draft",
          actorUserId: actor.userId,
          actorRole: actor.role,
          comment: opts.enteredOnPaper ? "班主任代为录入纸质申请" : null,
        },
      });
      return app.id;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await db().application.findFirstOrThrow({
        where: { personId: student.personId, termId, kind: "REGULAR" },
        select: { id: true },
      });
      return existing.id;
    }
    throw error;
  }
}

/**
 * Applies a draft edit while the application is still editable by the
 * applicant (draft or returned). Returns false when it no longer is.
 */
/** Outcome of editing a draft: the new version, or why nothing was written. */
export type DraftEdit = { ok: true; version: number } | { ok: false; stale: boolean };

/**
 * Edits a draft (or returned) application in one transaction. Every edit bumps
 * the version; with `expectedVersion` the edit is written only if nobody else
 * changed the application since that version was read (two tabs, or two
 * guardians), so a stale save never overwrites another person's work.
 */
export async function editDraft(
  scope: Scope,
  applicationId: string,
  edit: (tx: Tx) => Promise<void>,
  fields: Prisma.ApplicationUpdateManyMutationInput = {},
  expectedVersion?: number,
): Promise<DraftEdit> {
  return db().$transaction(async (tx) => {
    const updated = await tx.application.updateMany({
      where: {
        AND: [
          applicationWhere(scope),
          { id: applicationId, state: { in: ["draft", "returned"] } },
          expectedVersion === undefined ? {} : { version: expectedVersion },
        ],
      },
      data: { ...fields, version: { increment: 1 }, updatedAt: new Date() },
    });
    if (updated.count === 0) {
      const now = await tx.application.findFirst({
        where: { AND: [applicationWhere(scope), { id: applicationId }] },
        select: { state: true, version: true },
      });
      const stale =
        now !== null &&
        (now.state === "draft" || now.state === "returned") &&
        expectedVersion !== undefined &&
        now.version !== expectedVersion;
      return { ok: false, stale };
    }
    await edit(tx);
    const row = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { version: true },
    });
    return { ok: true, version: row.version };
  });
}

export async function saveHousehold(tx: Tx, applicationId: string, input: HouseholdData): Promise<void> {
  const perCapita =
    input.totalAnnualIncome !== null && input.memberCount !== null
      ? perCapitaMonthlyIncomeFen(input.totalAnnualIncome, input.memberCount)
      : null;
  const household = {
    residence: input.residence,
    regionCode: input.regionCode,
    address: input.address || null,
    totalAnnualIncomeFen: input.totalAnnualIncome,
    memberCount: input.memberCount,
    perCapitaMonthlyIncomeFen: perCapita,
    housing: input.housing || null,
    vehicles: input.vehicles || null,
    stateEmployedParent: input.stateEmployedParent,
    stableIncome: input.stableIncome,
    boarding: input.boarding,
    declaredCategories: input.declaredCategories,
    notes: input.notes || null,
  };
  await tx.household.upsert({
    where: { applicationId },
    create: { applicationId, ...household },
    update: household,
  });
  await tx.familyMember.deleteMany({ where: { applicationId } });
  await tx.familyMember.createMany({
    data: input.familyMembers.map((member, index) => ({
      applicationId,
      sortOrder: index,
      name: member.name,
      relation: member.relation,
      age: member.age,
      occupation: member.occupation || null,
      workStatus: member.workStatus || null,
      annualIncomeFen: member.annualIncome,
      seriousIllness: member.seriousIllness,
      disability: member.disability,
      healthNote: member.healthNote || null,
      inSchool: member.inSchool,
    })),
  });
  await tx.suddenEvent.deleteMany({ where: { applicationId } });
  await tx.suddenEvent.createMany({
    data: input.suddenEvents.map((event) => ({
      applicationId,
      kind: event.kind,
      occurredOn: new Date(`${event.occurredOn}T00:00:00Z`),
      amountFen: event.amount!,
      description: event.description || null,
    })),
  });
}

export async function setProgrammes(tx: Tx, applicationId: string, programmeIds: string[]): Promise<void> {
  await tx.applicationProgramme.deleteMany({ where: { applicationId } });
  await tx.applicationProgramme.createMany({
    data: programmeIds.map((programmeId) => ({ applicationId, programmeId })),
  });
}

/**
 * Moves the application from `from` (at `version`) to `to`, records the
 * transition, and applies `fields`. Throws VersionConflict when someone else
 * changed it first (nothing is written then).
 */
export async function transitionApplication(
  scope: Scope,
  input: {
    applicationId: string;
    version: number;
    from: ApplicationState;
    to: ApplicationState;
    actor: Actor;
    comment?: string | null;
    fields?: Prisma.ApplicationUpdateManyMutationInput;
    /** More writes of the same event in its transaction (its notifications: lib/services/notifications). */
    onWritten?: (tx: Tx) => Promise<unknown>;
  },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const updated = await tx.application.updateMany({
      where: {
        AND: [
          applicationWhere(scope),
          { id: input.applicationId, version: input.version, state: input.from },
        ],
      },
      data: { ...input.fields, state: input.to, version: { increment: 1 }, updatedAt: new Date() },
    });
    if (updated.count === 0) throw new VersionConflict();
    await tx.applicationTransition.create({
      data: {
        applicationId: input.applicationId,
        fromState: input.from,
        toState: input.to,
        actorUserId: input.actor.userId,
        actorRole: input.actor.role,
        comment: input.comment ?? null,
      },
    });
    await input.onWritten?.(tx);
  });
}

/** Programmes of the term open to the stage at the school. */
export function listOpenProgrammes(termId: string, stage: Stage, schoolId: string) {
  return db().termProgramme.findMany({
    where: {
      termId,
      open: true,
      OR: [{ schoolId: null }, { schoolId }],
      programme: { stage, active: true, kind: { not: "LOAN" } },
    },
    select: {
      programme: {
        select: {
          id: true,
          name: true,
          description: true,
          requiredFields: true,
          eligibleCategories: true,
          eligibleLevels: true,
        },
      },
      amountMode: true,
      fixedAmountFen: true,
      amountSpecialFen: true,
      amountHardshipFen: true,
      amountGeneralFen: true,
    },
    orderBy: { programme: { code: "asc" } },
  });
}

/** Special-group categories the school lists show for this person (大数据比对 matches). */
export async function matchedCategories(scope: Scope, personId: string): Promise<SpecialCategory[]> {
  const person = await db().person.findFirst({
    where: { id: personId, enrolments: { some: studentWhere(scope) } },
    select: { id: true },
  });
  if (!person) return [];
  const rows = await db().specialGroupEntry.findMany({
    where: { personId: person.id },
    select: { category: true },
    distinct: ["category"],
  });
  return rows.map((r) => r.category);
}

export async function reportEnrolmentIssue(
  scope: Scope,
  studentId: string,
  reportedById: string,
  content: string,
  /** Writes of the report's transaction (its notification to the class teachers). */
  onWritten?: (tx: Tx) => Promise<unknown>,
): Promise<boolean> {
  const student = await db().student.findFirst({
    where: { AND: [studentWhere(scope), { id: studentId }] },
    select: { id: true },
  });
  if (!student) return false;
  await db().$transaction(async (tx) => {
    await tx.enrolmentIssue.create({ data: { studentId, reportedById, content } });
    await onWritten?.(tx);
  });
  return true;
}
