/**
 * The support desk's tables (migration 540): problems, their messages, attachments and event history.
 * Reads take the caller's Scope: a filer sees their own problems (`filerId`), a school's aid officer the
 * problems of their school's teachers, a supervisor those of their region subtree (`regionPath` prefix).
 * First-taker ownership is one UPDATE … WHERE "ownerId" IS NULL: of two concurrent takers the second one's
 * UPDATE waits for the first's row lock, re-reads the row and matches nothing.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { Stage } from "@/lib/domain/codes";
import type {
  SupportCategory,
  SupportEventAction,
  SupportLevel,
  SupportQueue,
  SupportState,
} from "@/lib/domain/support";
import type { Prisma } from "./generated/client";
import { db, type Tx } from "./client";

const dayDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
export const dayText = (d: Date) => d.toISOString().slice(0, 10);

/** The scope a handler sees problems in (null: the scope handles no problems). */
export function handlerWhere(scope: Scope): Prisma.SupportProblemWhereInput | null {
  if (scope.role === "SCHOOL_ADMIN") return { schoolId: scope.schoolId, originLevel: "SCHOOL" };
  if (scope.role === "SUPERVISOR") return { regionPath: { startsWith: scope.regionPath } };
  return null;
}

/** Where the caller's own handling queue is: their school (aid officer) or exactly their region (supervisor). */
export function queueWhere(scope: Scope, regionId: string | null): Prisma.SupportProblemWhereInput | null {
  if (scope.role === "SCHOOL_ADMIN") return { level: "SCHOOL", queueSchoolId: scope.schoolId };
  if (scope.role === "SUPERVISOR" && regionId) return { queueRegionId: regionId };
  return null;
}

type RegionRow = { id: string; name: string; level: "PROVINCE" | "CITY" | "COUNTY"; path: string };

/** A region and every region above it (from the province down), by its materialised path of codes. */
export async function regionChain(path: string): Promise<RegionRow[]> {
  const codes = path.split("/").filter(Boolean);
  const rows = await db().region.findMany({
    where: { code: { in: codes } },
    select: { id: true, name: true, level: true, path: true },
  });
  return rows.sort((a, b) => a.path.length - b.path.length);
}

/** What the filing needs of the filer's account: unit, region chain, the school's stages. */
export async function filerFacts(userId: string) {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      role: true,
      displayName: true,
      username: true,
      phoneMasked: true,
      school: {
        select: {
          id: true,
          name: true,
          stages: true,
          region: { select: { id: true, name: true, level: true, path: true } },
        },
      },
      region: { select: { id: true, name: true, level: true, path: true, parentId: true } },
    },
  });
  if (!user) return null;
  const path = user.school?.region.path ?? user.region?.path ?? null;
  return { ...user, chain: path ? await regionChain(path) : [] };
}
export type FilerFacts = NonNullable<Awaited<ReturnType<typeof filerFacts>>>;

export type NewAttachment = {
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};

async function addAttachments(
  tx: Tx,
  problemId: string,
  messageId: string | null,
  uploadedById: string,
  files: readonly NewAttachment[],
) {
  for (const file of files) {
    const evidence = await tx.evidenceFile.create({
      data: { ...file, purpose: "support", uploadedById },
      select: { id: true },
    });
    await tx.supportAttachment.create({ data: { evidenceFileId: evidence.id, problemId, messageId } });
  }
}

export type NewProblem = {
  subject: string;
  category: SupportCategory;
  subcategory: string | null;
  stage: Stage | null;
  description: string;
  urgent: boolean;
  pagePath: string | null;
  filerId: string;
  filerRole: "TEACHER" | "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "SUPERVISOR";
  filerName: string;
  filerUnit: string;
  filerContact: string;
  schoolId: string | null;
  regionPath: string;
  originLevel: SupportLevel;
  queue: SupportQueue;
  deadline: string;
  signInProblemId?: string;
};

/** Files a problem with its first event and attachments, in the caller's transaction. */
export async function insertProblem(tx: Tx, input: NewProblem, files: readonly NewAttachment[]) {
  const { queue, deadline, ...rest } = input;
  const problem = await tx.supportProblem.create({
    data: {
      ...rest,
      level: queue.level,
      queueSchoolId: queue.schoolId,
      queueRegionId: queue.regionId,
      deadline: dayDate(deadline),
    },
    select: { id: true },
  });
  await tx.supportEvent.create({
    data: { problemId: problem.id, actorId: input.filerId, action: "FILE", level: queue.level },
  });
  await addAttachments(tx, problem.id, null, input.filerId, files);
  return problem;
}

export async function addEvent(
  tx: Tx,
  event: {
    problemId: string;
    actorId: string;
    action: SupportEventAction;
    level: SupportLevel;
    toLevel?: SupportLevel;
    comment?: string | null;
  },
) {
  await tx.supportEvent.create({
    data: { ...event, toLevel: event.toLevel ?? null, comment: event.comment ?? null },
  });
}

/**
 * Takes a queued problem for `ownerId` if it waits in the caller's queue: one UPDATE, so of two concurrent
 * takers exactly one matches (the other's UPDATE re-reads the row after the first commits: owner set).
 */
export async function takeProblem(
  tx: Tx,
  problemId: string,
  ownerId: string,
  at: { schoolId: string } | { regionId: string },
) {
  const taken =
    "schoolId" in at
      ? await tx.$queryRaw<{ level: SupportLevel }[]>`
          UPDATE "SupportProblem" SET "ownerId" = ${ownerId}, "state" = 'TAKEN', "takenAt" = now()
          WHERE "id" = ${problemId} AND "ownerId" IS NULL AND "state" = 'QUEUED' AND "filerId" <> ${ownerId}
            AND "level" = 'SCHOOL' AND "queueSchoolId" = ${at.schoolId}
          RETURNING "level"`
      : await tx.$queryRaw<{ level: SupportLevel }[]>`
          UPDATE "SupportProblem" SET "ownerId" = ${ownerId}, "state" = 'TAKEN', "takenAt" = now()
          WHERE "id" = ${problemId} AND "ownerId" IS NULL AND "state" = 'QUEUED' AND "filerId" <> ${ownerId}
            AND "queueRegionId" = ${at.regionId}
          RETURNING "level"`;
  return taken[0] ?? null;
}

/** Moves an owned problem to the next level's queue, ownership cleared (only its owner can). */
export async function passProblemUp(tx: Tx, problemId: string, ownerId: string, next: SupportQueue) {
  const moved = await tx.supportProblem.updateMany({
    where: { id: problemId, ownerId, state: "TAKEN" },
    data: {
      level: next.level,
      queueSchoolId: next.schoolId,
      queueRegionId: next.regionId,
      ownerId: null,
      takenAt: null,
      state: "QUEUED",
    },
  });
  return moved.count === 1;
}

export async function resolveProblem(
  tx: Tx,
  problemId: string,
  ownerId: string,
  resolution: string,
  confirmBy: string,
) {
  const done = await tx.supportProblem.updateMany({
    where: { id: problemId, ownerId, state: "TAKEN" },
    data: { state: "RESOLVED", resolution, resolvedAt: new Date(), confirmBy: dayDate(confirmBy) },
  });
  return done.count === 1;
}

export async function confirmProblem(tx: Tx, problemId: string, filerId: string, rating: number) {
  const done = await tx.supportProblem.updateMany({
    where: { id: problemId, filerId, state: "RESOLVED" },
    data: { state: "CLOSED", closedAt: new Date(), rating },
  });
  return done.count === 1;
}

/** Back to its owner (first-taker ownership holds), with a new deadline counted from today. */
export async function reopenProblem(
  tx: Tx,
  problemId: string,
  filerId: string,
  today: string,
  deadline: string,
) {
  const done = await tx.supportProblem.updateMany({
    where: { id: problemId, filerId, state: "RESOLVED", confirmBy: { gte: dayDate(today) } },
    data: {
      state: "TAKEN",
      resolution: null,
      resolvedAt: null,
      confirmBy: null,
      deadline: dayDate(deadline),
    },
  });
  return done.count === 1;
}

export async function addMessage(
  tx: Tx,
  input: { problemId: string; authorId: string; internal: boolean; body: string },
  files: readonly NewAttachment[],
) {
  const message = await tx.supportMessage.create({ data: input, select: { id: true } });
  await addAttachments(tx, input.problemId, message.id, input.authorId, files);
  return message;
}

const problemSelect = {
  id: true,
  subject: true,
  category: true,
  subcategory: true,
  stage: true,
  description: true,
  urgent: true,
  pagePath: true,
  filerId: true,
  filerRole: true,
  filerName: true,
  filerUnit: true,
  filerContact: true,
  schoolId: true,
  regionPath: true,
  originLevel: true,
  level: true,
  queueSchoolId: true,
  queueRegionId: true,
  queueSchool: { select: { name: true } },
  queueRegion: { select: { name: true } },
  ownerId: true,
  owner: { select: { displayName: true } },
  state: true,
  filedAt: true,
  deadline: true,
  takenAt: true,
  resolution: true,
  resolvedAt: true,
  confirmBy: true,
  closedAt: true,
  rating: true,
  signInProblemId: true,
} satisfies Prisma.SupportProblemSelect;

export type ProblemRow = Prisma.SupportProblemGetPayload<{ select: typeof problemSelect }>;

/** One problem the caller may see: as its filer, or (`asHandler`) within their handling scope. */
export async function findProblem(scope: Scope, problemId: string, asHandler: boolean, tx?: Tx) {
  const handler = asHandler ? handlerWhere(scope) : null;
  const or: Prisma.SupportProblemWhereInput[] = [{ filerId: scope.userId }];
  if (handler) or.push(handler);
  return (tx ?? db()).supportProblem.findFirst({
    where: { id: problemId, OR: or },
    select: problemSelect,
  });
}

/** Locks a problem's row for the rest of the transaction (its state is read again after). */
export async function lockProblem(tx: Tx, problemId: string) {
  await tx.$queryRaw`SELECT 1 FROM "SupportProblem" WHERE "id" = ${problemId} FOR UPDATE`;
}

/** The thread and the steps; internal notes (and their files) only when `withInternal`. */
export async function problemThread(problemId: string, withInternal: boolean) {
  const [events, messages, filingFiles] = await Promise.all([
    db().supportEvent.findMany({
      where: { problemId },
      orderBy: { at: "asc" },
      select: {
        id: true,
        action: true,
        level: true,
        toLevel: true,
        comment: true,
        at: true,
        actor: { select: { displayName: true } },
      },
    }),
    db().supportMessage.findMany({
      where: { problemId, ...(withInternal ? {} : { internal: false }) },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        internal: true,
        body: true,
        createdAt: true,
        authorId: true,
        author: { select: { displayName: true } },
        attachments: {
          select: { evidenceFile: { select: { id: true, originalName: true, sizeBytes: true } } },
        },
      },
    }),
    db().supportAttachment.findMany({
      where: { problemId, messageId: null },
      select: { evidenceFile: { select: { id: true, originalName: true, sizeBytes: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { events, messages, files: filingFiles.map((f) => f.evidenceFile) };
}

/** The caller's own problems, newest first. */
export async function listOwnProblems(userId: string) {
  return db().supportProblem.findMany({
    where: { filerId: userId },
    orderBy: { filedAt: "desc" },
    take: 200,
    select: problemSelect,
  });
}

export type ProgressFilter = {
  level?: SupportLevel;
  category?: SupportCategory;
  state?: SupportState;
  /** "me": owned by the caller, "none": nobody owns it yet. */
  owner?: "me" | "none";
  /** 学段 of the problem (the filer's stage; a city forwards per 学段). */
  stage?: Stage;
  /** Only what waits in (or is owned at) the caller's own queue. */
  mineOnly?: boolean;
};

/** Problems in the caller's handling scope (open ones unless a state is asked for), at most `limit`. */
export async function listHandlerProblems(
  scope: Scope,
  regionId: string | null,
  filter: ProgressFilter,
  limit = 500,
) {
  const handler = handlerWhere(scope);
  if (!handler) return [];
  const and: Prisma.SupportProblemWhereInput[] = [handler];
  and.push(filter.state ? { state: filter.state } : { state: { in: ["QUEUED", "TAKEN"] } });
  if (filter.level) and.push({ level: filter.level });
  if (filter.category) and.push({ category: filter.category });
  if (filter.stage) and.push({ stage: filter.stage });
  if (filter.owner === "me") and.push({ ownerId: scope.userId });
  if (filter.owner === "none") and.push({ ownerId: null });
  if (filter.mineOnly) {
    const queue = queueWhere(scope, regionId);
    and.push(queue ? { OR: [queue, { ownerId: scope.userId }] } : { ownerId: scope.userId });
  }
  return db().supportProblem.findMany({
    where: { AND: and },
    orderBy: [{ deadline: "asc" }, { filedAt: "asc" }],
    take: limit,
    select: problemSelect,
  });
}

/** Open and overdue (deadline before `today`) problems per level in the caller's handling scope. */
export async function countOpenByLevel(scope: Scope, today: string) {
  const handler = handlerWhere(scope);
  if (!handler) return [];
  const where = { AND: [handler, { state: { in: ["QUEUED", "TAKEN"] as SupportState[] } }] };
  // One statement: the open problems by level and deadline day (a few dozen groups), summed here.
  const groups = await db().supportProblem.groupBy({
    by: ["level", "deadline"],
    where,
    _count: { _all: true },
  });
  const due = dayDate(today).getTime();
  const byLevel = new Map<SupportLevel, { level: SupportLevel; open: number; overdue: number }>();
  for (const group of groups) {
    const level = group.level as SupportLevel;
    const row = byLevel.get(level) ?? { level, open: 0, overdue: 0 };
    row.open += group._count._all;
    if (group.deadline.getTime() < due) row.overdue += group._count._all;
    byLevel.set(level, row);
  }
  return [...byLevel.values()];
}

/** The next queue above a problem's current one: a school's region, or a region's parent (null at the top). */
export async function nextQueueAbove(problem: {
  level: SupportLevel;
  queueSchoolId: string | null;
  queueRegionId: string | null;
}): Promise<SupportQueue | null> {
  if (problem.level === "SCHOOL" && problem.queueSchoolId) {
    const school = await db().school.findUnique({
      where: { id: problem.queueSchoolId },
      select: { region: { select: { id: true, level: true } } },
    });
    return school ? { level: school.region.level, schoolId: null, regionId: school.region.id } : null;
  }
  if (!problem.queueRegionId) return null;
  const region = await db().region.findUnique({
    where: { id: problem.queueRegionId },
    select: { parent: { select: { id: true, level: true } } },
  });
  return region?.parent ? { level: region.parent.level, schoolId: null, regionId: region.parent.id } : null;
}

/** A support file with what decides who may open it. */
export async function findSupportFile(evidenceFileId: string) {
  return db().supportAttachment.findUnique({
    where: { evidenceFileId },
    select: {
      problemId: true,
      message: { select: { internal: true } },
      evidenceFile: { select: { id: true, storageKey: true, mimeType: true, originalName: true } },
    },
  });
}

/** A sign-in problem of the caller's school that has no ticket yet. */
export async function findConvertibleSignInProblem(scope: Scope & { schoolId: string }, id: string) {
  return db().signInProblem.findFirst({
    where: { id, schoolId: scope.schoolId, supportProblem: null },
    select: {
      id: true,
      subjectName: true,
      subjectRole: true,
      description: true,
      state: true,
      class: { select: { name: true, grade: { select: { name: true, stage: true } } } },
    },
  });
}

/**
 * Closes every answered problem whose confirmation window ended before `today` (the filer neither confirmed nor
 * reopened), with an AUTO_CLOSE event in the filer's name for each, in one transaction. The state condition
 * makes a confirm or reopen racing with it win or lose cleanly.
 */
export async function closeLapsedProblems(today: string): Promise<number> {
  return db().$transaction(async (tx) => {
    const closed = await tx.$queryRaw<{ id: string; filerId: string; level: SupportLevel }[]>`
      UPDATE "SupportProblem" SET "state" = 'CLOSED', "closedAt" = now()
      WHERE "state" = 'RESOLVED' AND "confirmBy" < ${today}::date
      RETURNING "id", "filerId", "level"`;
    if (closed.length > 0)
      await tx.supportEvent.createMany({
        data: closed.map((problem) => ({
          problemId: problem.id,
          actorId: problem.filerId,
          action: "AUTO_CLOSE",
          level: problem.level,
        })),
      });
    return closed.length;
  });
}
