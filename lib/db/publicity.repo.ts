/**
 * Publicity batches (公示), their items and objections (异议 / 复议). Items
 * hold only what the public page shows: name, class and level/programme.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { HardshipLevel } from "@/lib/domain/codes";
import { db, type Tx } from "./client";
import { applicationWhere, schoolWhere } from "./scope";

export type Candidate = { applicationId: string; name: string; className: string; level: HardshipLevel };

/** Grade publicity: the grade's reviewed or determined applications with their current level (final, else simulated). */
export async function gradeCandidates(scope: Scope, termId: string, gradeId: string): Promise<Candidate[]> {
  const apps = await db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        {
          termId,
          kind: "REGULAR",
          class: { gradeId },
          state: { in: ["verified", "reviewed", "determined"] },
          determination: { isNot: null },
        },
      ],
    },
    orderBy: [{ class: { name: "asc" } }, { person: { name: "asc" } }],
    select: {
      id: true,
      person: { select: { name: true } },
      class: { select: { name: true } },
      determination: { select: { finalLevel: true, gradeAdjustedLevel: true, simulatedLevel: true } },
    },
  });
  return apps
    .map((application) => ({
      applicationId: application.id,
      name: application.person.name,
      className: application.class.name,
      level: (application.determination!.finalLevel ??
        application.determination!.gradeAdjustedLevel ??
        application.determination!.simulatedLevel) as HardshipLevel,
    }))
    .filter((c) => c.level !== "NONE");
}

/** School publicity: determined (not revoked) applications with a hardship level. */
export async function schoolCandidates(scope: Scope, termId: string): Promise<Candidate[]> {
  const apps = await db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        {
          termId,
          kind: "REGULAR",
          state: "determined",
          determination: { finalLevel: { in: ["SPECIAL", "HARDSHIP", "GENERAL"] } },
        },
      ],
    },
    orderBy: [{ class: { grade: { name: "asc" } } }, { class: { name: "asc" } }, { person: { name: "asc" } }],
    select: {
      id: true,
      person: { select: { name: true } },
      class: { select: { name: true, grade: { select: { name: true } } } },
      determination: { select: { finalLevel: true } },
    },
  });
  return apps.map((application) => ({
    applicationId: application.id,
    name: application.person.name,
    className: `${application.class.grade.name}${application.class.name}`,
    level: application.determination!.finalLevel!,
  }));
}

export type PendingApplication = {
  applicationId: string;
  name: string;
  className: string;
  state: "submitted" | "returned" | "verified" | "reviewed" | "determined";
};

/**
 * Applications of the term (of one grade, or the whole school) that a publicity made now would leave
 * out because their level is not settled yet: submitted or returned (not verified by the teacher),
 * and for the school list also verified or reviewed without a final level; for the grade list,
 * verified/reviewed ones the scoring has not reached.
 */
export async function pendingApplications(
  scope: Scope,
  termId: string,
  gradeId: string | null,
): Promise<PendingApplication[]> {
  const notSettled = gradeId
    ? {
        OR: [
          { state: { in: ["submitted", "returned"] as ("submitted" | "returned")[] } },
          {
            state: {
              in: ["verified", "reviewed", "determined"] as ("verified" | "reviewed" | "determined")[],
            },
            determination: { is: null },
          },
        ],
      }
    : { state: { in: ["submitted", "returned", "verified", "reviewed"] as PendingApplication["state"][] } };
  const apps = await db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        { termId, kind: "REGULAR" },
        gradeId ? { class: { gradeId } } : {},
        notSettled,
      ],
    },
    orderBy: [{ class: { grade: { name: "asc" } } }, { class: { name: "asc" } }, { person: { name: "asc" } }],
    select: {
      id: true,
      state: true,
      person: { select: { name: true } },
      class: { select: { name: true, grade: { select: { name: true } } } },
    },
  });
  return apps.map((application) => ({
    applicationId: application.id,
    name: application.person.name,
    className: `${application.class.grade.name}${application.class.name}`,
    state: application.state as PendingApplication["state"],
  }));
}

export async function createBatch(
  scope: Scope & { schoolId: string },
  input: {
    termId: string;
    scope: "GRADE" | "SCHOOL";
    gradeId: string | null;
    title: string;
    startDate: Date;
    endDate: Date;
    workingDays: number;
    createdById: string;
    kind?: "DETERMINATION" | "ROSTER" | "ADJUSTMENT";
    rosterId?: string | null;
  },
  items: { applicationId: string | null; studentName: string; className: string; result: string }[],
  /** More writes of the same event in its transaction (its notifications: lib/services/notifications). */
  onWritten?: (tx: Tx, batchId: string) => Promise<unknown>,
) {
  return db().$transaction(async (tx) => {
    const school = await tx.school.findFirst({
      where: { AND: [schoolWhere(scope), { id: scope.schoolId }] },
      select: { id: true },
    });
    if (!school) return null;
    const batch = await tx.publicityBatch.create({
      data: { ...input, kind: input.kind ?? "DETERMINATION", schoolId: school.id },
      select: { id: true },
    });
    await insertItems(tx, batch.id, items);
    await onWritten?.(tx, batch.id);
    return batch;
  }, PUBLICITY_TRANSACTION);
}

/**
 * A school publicity notifies every applicant and parent in its transaction (84,000 outbox rows for a 40,000-student
 * school: ~2.4 s of PostgreSQL CPU, 11 s on a loaded machine): Prisma's default 5 s would roll the publicity back
 * (bench/notifications-fanout.ts; bench/README.md, "Notification fan-out").
 */
const PUBLICITY_TRANSACTION = { timeout: 120_000 };

/**
 * A batch's items in one INSERT … SELECT FROM unnest(<column arrays>): Prisma's createMany of a 40,000-student
 * school's 30,000 items took 35 s and outlived the transaction (bench/notifications-fanout.ts).
 */
async function insertItems(
  tx: Tx,
  batchId: string,
  items: { applicationId: string | null; studentName: string; className: string; result: string }[],
) {
  if (!items.length) return;
  await tx.$executeRaw`
    INSERT INTO "PublicityItem" ("id", "batchId", "applicationId", "studentName", "className", "result", "sortOrder")
    SELECT gen_random_uuid()::text, ${batchId}, t.app, t.name, t.class, t.result, (t.ord - 1)::int
    FROM unnest(${items.map((it) => it.applicationId)}::text[], ${items.map((it) => it.studentName)}::text[],
                ${items.map((it) => it.className)}::text[], ${items.map((it) => it.result)}::text[])
         WITH ORDINALITY AS t(app, name, class, result, ord)`;
}

/** What every view of a batch shows: its title, scope, period and state. */
const BATCH_HEADING = {
  id: true,
  title: true,
  scope: true,
  startDate: true,
  endDate: true,
  workingDays: true,
  state: true,
} as const;

export function listBatches(scope: Scope, termId: string) {
  return db().publicityBatch.findMany({
    where: { termId, school: schoolWhere(scope) },
    orderBy: { createdAt: "desc" },
    select: {
      ...BATCH_HEADING,
      grade: { select: { name: true } },
      _count: { select: { items: true, objections: { where: { state: "OPEN" } } } },
    },
  });
}

/** The public view: the batch and its items (name, class, result only). */
export function findPublicBatch(scope: Scope, batchId: string) {
  return db().publicityBatch.findFirst({
    where: { id: batchId, school: schoolWhere(scope) },
    select: {
      ...BATCH_HEADING,
      school: { select: { name: true } },
      items: { orderBy: { sortOrder: "asc" }, select: { studentName: true, className: true, result: true } },
    },
  });
}

export function findBatchForAdmin(scope: Scope, batchId: string) {
  return db().publicityBatch.findFirst({
    where: { id: batchId, school: schoolWhere(scope) },
    select: {
      ...BATCH_HEADING,
      schoolId: true,
      kind: true,
      objections: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          kind: true,
          content: true,
          state: true,
          answer: true,
          answeredAt: true,
          createdAt: true,
          filedBy: { select: { displayName: true, role: true } },
        },
      },
      _count: { select: { items: true } },
    },
  });
}

export async function fileObjection(
  scope: Scope,
  batchId: string,
  filedById: string,
  kind: "OBJECTION" | "REVIEW_REQUEST",
  content: string,
) {
  const batch = await db().publicityBatch.findFirst({
    where: { id: batchId, school: schoolWhere(scope) },
    select: { id: true, schoolId: true, title: true, startDate: true, endDate: true, state: true },
  });
  if (!batch) return null;
  return {
    batch,
    /** `onWritten`: writes of the filing's transaction (its notification). */
    create: (onWritten?: (tx: Tx) => Promise<unknown>) =>
      db().$transaction(async (tx) => {
        const objection = await tx.objection.create({
          data: { batchId, filedById, kind, content },
          select: { id: true },
        });
        await onWritten?.(tx);
        return objection;
      }),
  };
}

export async function answerObjection(
  scope: Scope,
  objectionId: string,
  answeredById: string,
  answer: string,
  /** More writes of the same event in its transaction (its notifications: lib/services/notifications). */
  onWritten?: (
    tx: Tx,
    objection: { filedById: string; kind: "OBJECTION" | "REVIEW_REQUEST"; schoolId: string },
  ) => Promise<unknown>,
): Promise<"ok" | "missing" | "done"> {
  const objection = await db().objection.findFirst({
    where: { id: objectionId, batch: { school: schoolWhere(scope) } },
    select: { id: true, state: true, filedById: true, kind: true, batch: { select: { schoolId: true } } },
  });
  if (!objection) return "missing";
  return db().$transaction(async (tx) => {
    const updated = await tx.objection.updateMany({
      where: { id: objection.id, state: "OPEN" },
      data: { state: "DONE", answer, answeredById, answeredAt: new Date() },
    });
    if (!updated.count) return "done";
    await onWritten?.(tx, {
      filedById: objection.filedById,
      kind: objection.kind,
      schoolId: objection.batch.schoolId,
    });
    return "ok";
  });
}

export async function openObjectionCount(batchId: string): Promise<number> {
  return db().objection.count({ where: { batchId, state: "OPEN" } });
}

export async function setBatchState(batchId: string, state: "OPEN" | "CLOSED" | "FINAL") {
  await db().publicityBatch.update({ where: { id: batchId }, data: { state } });
}

/** The applicant's own result and the publicity batches listing it. */
export async function findOwnResult(scope: Scope, personId: string, termId: string) {
  return db().application.findFirst({
    where: { AND: [applicationWhere(scope), { personId, termId, kind: "REGULAR" }] },
    select: {
      id: true,
      state: true,
      schoolId: true,
      person: { select: { name: true } },
      determination: { select: { finalLevel: true, determinedAt: true, revokedAt: true } },
      rosterEntries: {
        select: {
          id: true,
          amountFen: true,
          paidAt: true,
          paidAmountFen: true,
          receiptConfirmedAt: true,
          roster: { select: { state: true, programme: { select: { name: true } } } },
        },
      },
    },
  });
}

/** The columns a list of publicity batches shows. */
const BATCH_HEADER = { id: true, title: true, startDate: true, endDate: true, state: true } as const;

/** The batches listing any of the applications (the student's application and its adjustments). */
export function batchesListing(applicationIds: string[]) {
  return db().publicityBatch.findMany({
    where: { items: { some: { applicationId: { in: applicationIds } } } },
    orderBy: { startDate: "desc" },
    select: {
      ...BATCH_HEADER,
      items: { where: { applicationId: { in: applicationIds } }, select: { result: true } },
    },
  });
}

export function ownReviewRequests(userId: string, batchIds: string[]) {
  return db().objection.findMany({
    where: { filedById: userId, batchId: { in: batchIds }, kind: "REVIEW_REQUEST" },
    orderBy: { createdAt: "asc" },
    select: { id: true, content: true, state: true, answer: true, createdAt: true },
  });
}

/** The term's publicity batches of the caller's school community, newest first (the home pages link them). */
export function listCommunityBatches(scope: Scope, termId: string) {
  return db().publicityBatch.findMany({
    where: { termId, school: schoolWhere(scope) },
    orderBy: [{ startDate: "desc" }, { createdAt: "desc" }],
    take: 10,
    select: {
      ...BATCH_HEADER,
      school: { select: { name: true } },
    },
  });
}

/** The objections one person filed on a batch, with the school's answers: shown to that person only. */
export function ownObjections(userId: string, batchId: string) {
  return db().objection.findMany({
    where: { filedById: userId, batchId, kind: "OBJECTION" },
    orderBy: { createdAt: "asc" },
    select: { id: true, content: true, state: true, answer: true, answeredAt: true, createdAt: true },
  });
}
