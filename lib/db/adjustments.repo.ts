/**
 * Adjustments within the year (动态调整, migration 640): the adjustment application (kind ADJUSTMENT, a copy of
 * the household of the application it adjusts), its Adjustment row, the candidates of its publicity, and the
 * switch of the application of record when that publicity is finalised. Every query ANDs the caller's Scope.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { AdjustmentEvent } from "@/lib/domain/adjustments";
import type { HardshipLevel } from "@/lib/domain/codes";
import { db, type Tx } from "./client";
import { Prisma } from "./generated/client";
import type { Actor } from "./applications.repo";
import { applicationWhere } from "./scope";

/** The student's application of record in the term (the one an adjustment adjusts), within the scope. */
export function findOfRecord(scope: Scope, personId: string, termId: string) {
  return db().application.findFirst({
    where: { AND: [applicationWhere(scope), { personId, termId, ofRecord: true }] },
    select: {
      id: true,
      state: true,
      personId: true,
      termId: true,
      studentId: true,
      schoolId: true,
      classId: true,
      applicantUserId: true,
      enrolmentConfirmedAt: true,
      policyAcknowledgedAt: true,
      commitmentSignedAt: true,
      person: { select: { name: true } },
      determination: { select: { finalLevel: true, revokedAt: true } },
      household: {
        omit: { applicationId: true, updatedAt: true },
      },
      familyMembers: { omit: { id: true, applicationId: true }, orderBy: { sortOrder: "asc" } },
      suddenEvents: { omit: { id: true, applicationId: true } },
      programmes: { select: { programmeId: true } },
    },
  });
}
export type OfRecord = NonNullable<Awaited<ReturnType<typeof findOfRecord>>>;

/**
 * Creates the adjustment application (submitted, for the class teacher to verify) with a copy of the earlier
 * household, and its Adjustment row, in one transaction. "open-exists" when the student already has an open
 * adjustment (the database's one-open index decides, also under concurrency).
 */
export async function createAdjustment(
  earlier: OfRecord,
  input: { event: AdjustmentEvent; reason: string; actor: Actor; comment: string },
): Promise<{ id: string } | "open-exists"> {
  try {
    return await db().$transaction(async (tx) => {
      const now = new Date();
      const app = await tx.application.create({
        data: {
          kind: "ADJUSTMENT",
          adjustsId: earlier.id,
          ofRecord: false,
          termId: earlier.termId,
          personId: earlier.personId,
          studentId: earlier.studentId,
          schoolId: earlier.schoolId,
          classId: earlier.classId,
          applicantUserId: earlier.applicantUserId,
          state: "submitted",
          enrolmentConfirmedAt: earlier.enrolmentConfirmedAt,
          policyAcknowledgedAt: earlier.policyAcknowledgedAt,
          commitmentSignedAt: earlier.commitmentSignedAt,
          submittedAt: now,
          household: earlier.household ? { create: earlier.household } : undefined,
          familyMembers: { create: earlier.familyMembers },
          suddenEvents: { create: earlier.suddenEvents },
          programmes: { create: earlier.programmes },
          transitions: {
            create: {
              fromState: null,
              toState: "submitted",
              actorUserId: input.actor.userId,
              actorRole: input.actor.role,
              comment: input.comment,
            },
          },
        },
        select: { id: true },
      });
      await tx.adjustment.create({
        data: {
          applicationId: app.id,
          personId: earlier.personId,
          termId: earlier.termId,
          schoolId: earlier.schoolId,
          event: input.event,
          reason: input.reason,
          openedById: input.actor.userId,
        },
      });
      return app;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "open-exists";
    throw error;
  }
}

const ADJUSTMENT_ROW = {
  applicationId: true,
  event: true,
  reason: true,
  state: true,
  openedAt: true,
  effectiveFrom: true,
  withdrawReason: true,
  publicityBatchId: true,
  application: {
    select: {
      state: true,
      personId: true,
      person: { select: { name: true } },
      class: { select: { name: true, grade: { select: { name: true } } } },
      determination: { select: { finalLevel: true } },
      adjusts: { select: { id: true, determination: { select: { finalLevel: true } } } },
    },
  },
} satisfies Prisma.AdjustmentSelect;

/** The term's adjustments the caller may see (a teacher: their classes), newest first. */
export function listAdjustments(scope: Scope, termId: string) {
  return db().adjustment.findMany({
    where: { termId, application: applicationWhere(scope) },
    orderBy: { openedAt: "desc" },
    take: 500,
    select: ADJUSTMENT_ROW,
  });
}

/** One student's adjustments in the term (the portal shows them like an application). */
export function adjustmentsOfPerson(scope: Scope, personId: string, termId: string) {
  return db().adjustment.findMany({
    where: { personId, termId, application: applicationWhere(scope) },
    orderBy: { openedAt: "asc" },
    select: ADJUSTMENT_ROW,
  });
}

/** Students that may be adjusted: a determined, unrevoked application of record and no open adjustment. */
export async function adjustableCandidates(scope: Scope, termId: string) {
  const apps = await db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        {
          termId,
          ofRecord: true,
          state: "determined",
          determination: { is: { revokedAt: null } },
          adjustedBy: { none: { adjustment: { is: { state: "OPEN" } } } },
        },
      ],
    },
    orderBy: [{ sortClassName: "asc" }, { sortName: "asc" }, { id: "asc" }],
    take: 2000,
    select: {
      personId: true,
      person: { select: { name: true } },
      class: { select: { name: true, grade: { select: { name: true } } } },
      determination: { select: { finalLevel: true } },
    },
  });
  return apps.map((app) => ({
    personId: app.personId,
    name: app.person.name,
    className: `${app.class.grade.name}${app.class.name}`,
    level: app.determination?.finalLevel ?? null,
  }));
}

export type AdjustmentCandidate = {
  applicationId: string;
  name: string;
  className: string;
  level: HardshipLevel;
};

/** Open adjustments of the term with a final level that no publicity has listed yet. */
export async function adjustmentCandidates(scope: Scope, termId: string): Promise<AdjustmentCandidate[]> {
  const rows = await db().adjustment.findMany({
    where: {
      termId,
      state: "OPEN",
      publicityBatchId: null,
      application: {
        AND: [applicationWhere(scope), { state: "determined", determination: { finalLevel: { not: null } } }],
      },
    },
    orderBy: { openedAt: "asc" },
    select: ADJUSTMENT_ROW,
  });
  return rows.map((row) => ({
    applicationId: row.applicationId,
    name: row.application.person.name,
    className: `${row.application.class.grade.name}${row.application.class.name}`,
    level: row.application.determination!.finalLevel!,
  }));
}

/**
 * Marks the listed open adjustments of the caller's school as publicised in the batch, inside the batch's own
 * transaction (lib/db/publicity.repo.ts `createBatch`'s `onWritten`): when another publicity took one of them
 * first, this throws and the whole batch rolls back, so no publicity lists a student it does not carry.
 */
export async function attachPublicity(tx: Tx, scope: Scope, applicationIds: string[], batchId: string) {
  const attached = await tx.adjustment.updateMany({
    where: {
      applicationId: { in: applicationIds },
      state: "OPEN",
      publicityBatchId: null,
      application: applicationWhere(scope),
    },
    data: { publicityBatchId: batchId },
  });
  if (attached.count !== applicationIds.length) throw new AdjustmentsAlreadyPublicised();
}

/** Another publicity (a concurrent click) listed some of the adjustments first. */
export class AdjustmentsAlreadyPublicised extends Error {
  constructor() {
    super("adjustments already publicised");
  }
}

/**
 * Makes the adjustment publicity final, and each of its open adjustments whose application is still determined
 * the application of record from `effectiveFrom` (the earlier one keeps its determination, no longer of record).
 * One transaction; returns the adjustments that took effect, or null when the batch was already final.
 */
export async function makeAdjustmentsEffective(
  batchId: string,
  effectiveFrom: Date,
): Promise<{ applicationId: string; personId: string; adjustsId: string }[] | null> {
  return db().$transaction(async (tx) => {
    // The batch becomes final in the same transaction: a failure leaves it open to be finalised again, and of
    // two clicks only one goes on (null for the other).
    const finalised = await tx.publicityBatch.updateMany({
      where: { id: batchId, state: { not: "FINAL" } },
      data: { state: "FINAL" },
    });
    if (finalised.count === 0) return null;
    const due = await tx.adjustment.findMany({
      where: { publicityBatchId: batchId, state: "OPEN", application: { state: "determined" } },
      select: {
        applicationId: true,
        personId: true,
        termId: true,
        application: { select: { adjustsId: true } },
      },
    });
    if (due.length > 0) {
      // Three statements for the whole batch (one open adjustment per person and term: migration 640).
      const ids = due.map((adjustment) => adjustment.applicationId);
      await tx.application.updateMany({
        where: {
          ofRecord: true,
          OR: due.map((adjustment) => ({ personId: adjustment.personId, termId: adjustment.termId })),
        },
        data: { ofRecord: false },
      });
      await tx.application.updateMany({ where: { id: { in: ids } }, data: { ofRecord: true } });
      await tx.adjustment.updateMany({
        where: { applicationId: { in: ids } },
        data: { state: "EFFECTIVE", effectiveFrom, closedAt: new Date() },
      });
    }
    return due.map((adjustment) => ({
      applicationId: adjustment.applicationId,
      personId: adjustment.personId,
      adjustsId: adjustment.application.adjustsId!,
    }));
  });
}

/** Withdraws an open adjustment (its application is withdrawn too); false when absent, out of scope or closed. */
export async function withdrawAdjustment(
  scope: Scope,
  input: { applicationId: string; reason: string; actor: Actor },
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const app = await tx.application.findFirst({
      where: {
        AND: [applicationWhere(scope), { id: input.applicationId, kind: "ADJUSTMENT", ofRecord: false }],
      },
      select: { id: true, state: true },
    });
    if (!app) return false;
    const closed = await tx.adjustment.updateMany({
      where: { applicationId: app.id, state: "OPEN" },
      data: { state: "WITHDRAWN", withdrawReason: input.reason, closedAt: new Date() },
    });
    if (closed.count === 0) return false;
    await tx.application.update({
      where: { id: app.id },
      data: { state: "withdrawn", version: { increment: 1 } },
    });
    await tx.applicationTransition.create({
      data: {
        applicationId: app.id,
        fromState: app.state,
        toState: "withdrawn",
        actorUserId: input.actor.userId,
        actorRole: input.actor.role,
        comment: `撤回动态调整：${input.reason}`,
      },
    });
    return true;
  });
}

/**
 * The student's determinations in the term, oldest first: the regular one (effectiveFrom null) and each
 * effective adjustment with the day its level took effect. Revoked determinations give no level.
 */
export async function levelPeriods(scope: Scope, personId: string, termId: string) {
  const apps = await db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        {
          personId,
          termId,
          OR: [{ kind: "REGULAR" }, { adjustment: { is: { state: "EFFECTIVE" } } }],
        },
      ],
    },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      ofRecord: true,
      determination: { select: { finalLevel: true, determinedAt: true, revokedAt: true } },
      adjustment: { select: { effectiveFrom: true, event: true } },
    },
  });
  return apps.map((app) => ({
    applicationId: app.id,
    kind: app.kind,
    ofRecord: app.ofRecord,
    level: app.determination?.revokedAt ? null : (app.determination?.finalLevel ?? null),
    determinedAt: app.determination?.determinedAt ?? null,
    effectiveFrom: app.adjustment?.effectiveFrom
      ? app.adjustment.effectiveFrom.toISOString().slice(0, 10)
      : null,
    event: app.adjustment?.event ?? null,
  }));
}
