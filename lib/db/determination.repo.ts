/**
 * Determination data (SPEC §7): scoring models, simulated and final levels,
 * review steps, revocation. Every query ANDs the caller's Scope.
 */
import type { Scope } from "@/lib/auth/scope";
import type { ApplicationState, HardshipLevel, SpecialCategory } from "@/lib/domain/codes";
import type { ReviewStepKindCode, RevokeReasonCode } from "@/lib/domain/determination";
import { db, readDb } from "./client";
import { Prisma } from "./generated/client";
import { applicationWhere, classWhere, schoolWhere } from "./scope";
import { VersionConflict, type Actor } from "./applications.repo";

export { VersionConflict };

// ── scoring models ──

export type ScoringModelRow = {
  id: string;
  schoolId: string | null;
  name: string;
  version: number;
  config: unknown;
  createdAt: Date;
};

/** The model a school computes with: its own latest active version, else the built-in default's latest. */
export async function activeScoringModel(schoolId: string): Promise<ScoringModelRow | null> {
  const own = await db().scoringModel.findFirst({
    where: { schoolId, active: true },
    orderBy: { version: "desc" },
  });
  if (own) return own;
  return db().scoringModel.findFirst({
    where: { schoolId: null, active: true },
    orderBy: { version: "desc" },
  });
}

/** Saves a new version of the school's model (old versions stay for the determinations that used them). */
export async function createModelVersion(
  scope: Scope & { schoolId: string },
  name: string,
  config: Prisma.InputJsonValue,
  createdById: string,
) {
  return db().$transaction(async (tx) => {
    const school = await tx.school.findFirst({
      where: { AND: [schoolWhere(scope), { id: scope.schoolId }] },
      select: { id: true },
    });
    if (!school) return null;
    const last = await tx.scoringModel.findFirst({
      where: { schoolId: school.id },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    return tx.scoringModel.create({
      data: { schoolId: school.id, name, version: (last?.version ?? 0) + 1, config, createdById },
      select: { id: true, version: true },
    });
  });
}

// ── review queue ──

const QUEUE_STATES: ApplicationState[] = ["verified", "reviewed", "determined", "revoked"];

export type QueueRow = {
  id: string;
  state: ApplicationState;
  version: number;
  name: string;
  studentNo: string;
  className: string;
  classId: string;
  gradeName: string;
  simulatedLevel: HardshipLevel | null;
  simulatedScore: number | null;
  finalLevel: HardshipLevel | null;
  overrideReason: string | null;
  gradeAdjustedLevel: HardshipLevel | null;
  classRank: number | null;
};

/**
 * One page of the determination queue. Reads from the replica ({@link readDb}): a read-only list; the
 * simulations its page fills in are written with a guard against determined rows (saveSimulations), and
 * every determination action re-reads its application (and version) on the primary.
 * Plain SQL with joins (not Prisma's nested select, which PostgreSQL answers with JSON aggregates the
 * client parses again): the admin opens this page all day (bench/README.md §4, staff pages).
 */
export async function listQueue(
  scope: Scope,
  termId: string,
  opts: { gradeId?: string; classId?: string; state?: ApplicationState; page: number; pageSize: number },
): Promise<{ rows: QueueRow[]; total: number }> {
  if (scope.role !== "SCHOOL_ADMIN" && scope.role !== "SCHOOL_LEADER")
    throw new Error("the determination queue is a school's");
  const where = Prisma.sql`WHERE a."schoolId" = ${scope.schoolId} AND a."termId" = ${termId}
    AND ${opts.state ? Prisma.sql`a."state" = ${opts.state}::"ApplicationState"` : Prisma.sql`a."state" IN (${Prisma.join(QUEUE_STATES.map((st) => Prisma.sql`${st}::"ApplicationState"`))})`}
    ${opts.classId ? Prisma.sql`AND a."classId" = ${opts.classId}` : opts.gradeId ? Prisma.sql`AND c."gradeId" = ${opts.gradeId}` : Prisma.empty}`;
  const reader = await readDb();
  const [[count], rows] = await Promise.all([
    reader.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "Application" a
      ${opts.gradeId && !opts.classId ? Prisma.sql`JOIN "SchoolClass" c ON c."id" = a."classId"` : Prisma.empty} ${where}`,
    // Class name, person name, id through the trigger-kept copies of the names (migration 070):
    // the index (schoolId, termId, sortClassName, sortName, id) returns the page without sorting the school's queue.
    reader.$queryRaw<QueueRow[]>`
      SELECT a."id", a."state"::text AS "state", a."version", p."name", st."studentNo", c."name" AS "className",
             a."classId", g."name" AS "gradeName", d."simulatedLevel"::text AS "simulatedLevel", d."simulatedScore",
             d."finalLevel"::text AS "finalLevel", d."overrideReason", d."gradeAdjustedLevel"::text AS "gradeAdjustedLevel",
             (SELECT r."rank" FROM "ClassEvaluationRank" r WHERE r."applicationId" = a."id" LIMIT 1) AS "classRank"
      FROM "Application" a
      JOIN "Person" p ON p."id" = a."personId"
      JOIN "Student" st ON st."id" = a."studentId"
      JOIN "SchoolClass" c ON c."id" = a."classId"
      JOIN "Grade" g ON g."id" = c."gradeId"
      LEFT JOIN "Determination" d ON d."applicationId" = a."id"
      ${where}
      ORDER BY a."sortClassName", a."sortName", a."id"
      LIMIT ${opts.pageSize} OFFSET ${(opts.page - 1) * opts.pageSize}`,
  ]);
  return { total: count?.n ?? 0, rows };
}

/** The school's classes, or one grade's (a large school has hundreds: the queue's filter lists one grade's). */
export function listClasses(scope: Scope, gradeId?: string) {
  return db().schoolClass.findMany({
    where: { AND: [classWhere(scope), gradeId ? { gradeId } : {}] },
    orderBy: [{ grade: { name: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, gradeId: true, grade: { select: { name: true } } },
  });
}

/** One class of the caller's scope (its grade), or null. */
export function findClass(scope: Scope, classId: string) {
  return db().schoolClass.findFirst({
    where: { AND: [classWhere(scope), { id: classId }] },
    select: { id: true, gradeId: true },
  });
}

export function listGrades(scope: Scope) {
  return db().grade.findMany({
    where: { school: schoolWhere(scope) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

// ── one application, as the scoring and the explanation page need it ──

const SCORING_SELECT = {
  id: true,
  termId: true,
  schoolId: true,
  classId: true,
  personId: true,
  studentId: true,
  state: true,
  version: true,
  person: { select: { name: true } },
  school: {
    select: {
      region: {
        select: { minimumLivingStandardFen: true, parent: { select: { minimumLivingStandardFen: true } } },
      },
    },
  },
  student: {
    select: {
      stage: true,
      studentNo: true,
      grade: { select: { name: true } },
      class: { select: { name: true } },
    },
  },
  household: true,
  familyMembers: { orderBy: { sortOrder: "asc" as const } },
  suddenEvents: true,
  homeVisit: { select: { visitDate: true, visitors: true, findings: true, scores: true, totalScore: true } },
  rankings: {
    select: { rank: true, evaluation: { select: { report: true, _count: { select: { ranks: true } } } } },
  },
  determination: {
    include: {
      scoringModel: { select: { id: true, name: true, version: true, schoolId: true, config: true } },
    },
  },
  transitions: {
    orderBy: { at: "asc" as const },
    select: { fromState: true, toState: true, actorRole: true, comment: true, at: true },
  },
} satisfies Prisma.ApplicationSelect;

export type ScoringApplication = Prisma.ApplicationGetPayload<{ select: typeof SCORING_SELECT }>;

export function findForScoring(scope: Scope, applicationId: string): Promise<ScoringApplication | null> {
  return db().application.findFirst({
    where: { AND: [applicationWhere(scope), { id: applicationId }] },
    select: SCORING_SELECT,
  });
}

export async function findManyForScoring(
  scope: Scope,
  termId: string,
  classId: string,
  states: ApplicationState[],
): Promise<ScoringApplication[]> {
  return db().application.findMany({
    where: { AND: [applicationWhere(scope), { termId, classId, state: { in: states } }] },
    select: SCORING_SELECT,
    orderBy: { id: "asc" },
  });
}

/** The local 低保 standard of a household's region (fen per person per month), if recorded. */
export async function regionStandard(code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const r = await db().region.findUnique({ where: { code }, select: { minimumLivingStandardFen: true } });
  return r?.minimumLivingStandardFen ?? null;
}

/** Special groups the person is flagged in by matched school / central lists (never what was only declared). */
export async function listedCategories(personIds: string[]): Promise<Map<string, SpecialCategory[]>> {
  const rows = await db().specialGroupEntry.findMany({
    where: { personId: { in: personIds } },
    select: { personId: true, category: true },
    distinct: ["personId", "category"],
  });
  const out = new Map<string, SpecialCategory[]>();
  for (const r of rows) out.set(r.personId!, [...(out.get(r.personId!) ?? []), r.category]);
  return out;
}

/** Stores (or refreshes) the simulation while no final level was set; a set final level keeps its model version. */
export async function saveSimulation(
  applicationId: string,
  data: {
    scoringModelId: string;
    simulatedScore: number;
    simulatedLevel: HardshipLevel;
    explanation: Prisma.InputJsonValue;
  },
) {
  await db().determination.upsert({
    where: { applicationId },
    create: { applicationId, ...data },
    update: data,
  });
}

/**
 * Moves the application to `determined` (via `reviewed` when still `verified`)
 * and stores the final level, all or nothing; VersionConflict when it changed meanwhile.
 */
export async function setFinalLevel(
  scope: Scope,
  input: {
    applicationId: string;
    version: number;
    from: "verified" | "reviewed" | "determined";
    level: HardshipLevel;
    reason: string | null;
    actor: Actor;
    comment: string;
  },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const bump = input.from === "verified" ? 2 : input.from === "reviewed" ? 1 : 0;
    const n = await tx.application.updateMany({
      where: {
        AND: [
          applicationWhere(scope),
          { id: input.applicationId, version: input.version, state: input.from },
        ],
      },
      data: {
        state: "determined",
        version: { increment: Math.max(bump, 1) },
        updatedAt: new Date(),
        ...(input.from === "verified" ? { reviewedAt: new Date() } : {}),
      },
    });
    if (n.count === 0) throw new VersionConflict();
    const t = (from: ApplicationState, to: ApplicationState, comment: string) =>
      tx.applicationTransition.create({
        data: {
          applicationId: input.applicationId,
          fromState: from,
          toState: to,
          actorUserId: input.actor.userId,
          actorRole: input.actor.role,
          comment,
        },
      });
    if (input.from === "verified") await t("verified", "reviewed", "学校审核通过");
    if (input.from !== "determined") await t("reviewed", "determined", input.comment);
    else await t("determined", "determined", input.comment);
    await tx.determination.update({
      where: { applicationId: input.applicationId },
      data: {
        finalLevel: input.level,
        overrideReason: input.reason,
        determinedById: input.actor.userId,
        determinedAt: new Date(),
      },
    });
  });
}

export type RevokeInput = {
  applicationId: string;
  version: number;
  reason: RevokeReasonCode;
  detail: string;
  actor: Actor;
};

/** determined → revoked; flags recovery when aid was already paid. Returns whether recovery is required. */
export async function revoke(scope: Scope, input: RevokeInput): Promise<{ recoveryRequired: boolean }> {
  return db().$transaction(async (tx) => {
    const n = await tx.application.updateMany({
      where: {
        AND: [
          applicationWhere(scope),
          { id: input.applicationId, version: input.version, state: "determined" },
        ],
      },
      data: { state: "revoked", version: { increment: 1 }, updatedAt: new Date() },
    });
    if (n.count === 0) throw new VersionConflict();
    const paid = await tx.rosterEntry.count({
      where: { applicationId: input.applicationId, paidAt: { not: null } },
    });
    await tx.applicationTransition.create({
      data: {
        applicationId: input.applicationId,
        fromState: "determined",
        toState: "revoked",
        actorUserId: input.actor.userId,
        actorRole: input.actor.role,
        comment: input.detail,
      },
    });
    await tx.determination.update({
      where: { applicationId: input.applicationId },
      data: {
        revokedAt: new Date(),
        revokeReason: input.reason,
        revokeDetail: input.detail,
        recoveryRequired: paid > 0,
      },
    });
    return { recoveryRequired: paid > 0 };
  });
}

/** The grade committee's level (before the final level); recorded on the timeline. Returns false when out of scope or already final. */
export async function setGradeAdjusted(
  scope: Scope,
  input: {
    applicationId: string;
    level: HardshipLevel;
    reason: string | null;
    actor: Actor;
    comment: string;
  },
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const app = await tx.application.findFirst({
      where: {
        AND: [applicationWhere(scope), { id: input.applicationId, state: { in: ["verified", "reviewed"] } }],
      },
      select: { id: true, state: true },
    });
    if (!app) return false;
    const n = await tx.determination.updateMany({
      where: { applicationId: app.id, finalLevel: null },
      data: { gradeAdjustedLevel: input.level, gradeAdjustReason: input.reason },
    });
    if (n.count === 0) return false;
    await tx.applicationTransition.create({
      data: {
        applicationId: app.id,
        fromState: app.state,
        toState: app.state,
        actorUserId: input.actor.userId,
        actorRole: input.actor.role,
        comment: input.comment,
      },
    });
    return true;
  });
}

/** verified → returned with a reason and deadline, or verified → reviewed. */
export async function reviewTransition(
  scope: Scope,
  input: {
    applicationId: string;
    version: number;
    to: "reviewed" | "returned";
    actor: Actor;
    comment: string;
    returnDeadline?: Date;
  },
) {
  await db().$transaction(async (tx) => {
    const n = await tx.application.updateMany({
      where: {
        AND: [
          applicationWhere(scope),
          { id: input.applicationId, version: input.version, state: "verified" },
        ],
      },
      data:
        input.to === "reviewed"
          ? { state: "reviewed", reviewedAt: new Date(), version: { increment: 1 }, updatedAt: new Date() }
          : {
              state: "returned",
              returnReason: input.comment,
              returnDeadline: input.returnDeadline,
              version: { increment: 1 },
              updatedAt: new Date(),
            },
    });
    if (n.count === 0) throw new VersionConflict();
    await tx.applicationTransition.create({
      data: {
        applicationId: input.applicationId,
        fromState: "verified",
        toState: input.to,
        actorUserId: input.actor.userId,
        actorRole: input.actor.role,
        comment: input.comment,
      },
    });
  });
}

// ── review steps ──

export async function addReviewStep(
  scope: Scope & { schoolId: string },
  data: {
    termId: string;
    kind: ReviewStepKindCode;
    gradeId: string | null;
    actorId: string;
    members: Prisma.InputJsonValue | undefined;
    comment: string | null;
  },
) {
  if (data.gradeId) {
    const g = await db().grade.findFirst({
      where: { id: data.gradeId, school: schoolWhere(scope) },
      select: { id: true },
    });
    if (!g) return null;
  }
  return db().reviewStep.create({
    data: { ...data, schoolId: scope.schoolId },
    select: { id: true, at: true },
  });
}

export function listReviewSteps(scope: Scope, termId: string) {
  return db().reviewStep.findMany({
    where: { termId, school: schoolWhere(scope) },
    orderBy: { at: "asc" },
    select: {
      id: true,
      kind: true,
      at: true,
      comment: true,
      members: true,
      grade: { select: { name: true } },
      actor: { select: { displayName: true, role: true } },
    },
  });
}

export async function lastStepAt(
  scope: Scope,
  termId: string,
  kind: ReviewStepKindCode,
  gradeId?: string | null,
): Promise<Date | null> {
  const s = await db().reviewStep.findFirst({
    where: {
      termId,
      kind,
      school: schoolWhere(scope),
      ...(gradeId ? { OR: [{ gradeId }, { gradeId: null }] } : {}),
    },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  return s?.at ?? null;
}

/** The latest final-level change in the school and term (sign-off must come after it). */
export async function lastDeterminationChange(scope: Scope, termId: string): Promise<Date | null> {
  const r = await db().determination.aggregate({
    where: { application: { AND: [applicationWhere(scope), { termId }] }, determinedAt: { not: null } },
    _max: { determinedAt: true },
  });
  return r._max.determinedAt ?? null;
}

// ── bulk recompute of simulated levels (issue 8) ──

const RECOMPUTE_STATES: ApplicationState[] = ["verified", "reviewed", "determined"];

const RECOMPUTE_SELECT = {
  id: true,
  personId: true,
  student: { select: { stage: true } },
  household: {
    select: {
      residence: true,
      regionCode: true,
      totalAnnualIncomeFen: true,
      perCapitaMonthlyIncomeFen: true,
    },
  },
  familyMembers: {
    select: { relation: true, workStatus: true, seriousIllness: true, disability: true, inSchool: true },
  },
  suddenEvents: { select: { amountFen: true } },
  homeVisit: { select: { scores: true } },
  determination: { select: { scoringModelId: true, simulatedScore: true, simulatedLevel: true } },
} satisfies Prisma.ApplicationSelect;

export type RecomputeApplication = Prisma.ApplicationGetPayload<{ select: typeof RECOMPUTE_SELECT }>;

/**
 * One page (by id) of the term's applications in the scope whose simulated
 * level is derived data: under school review and without a final level.
 */
export function recomputePage(
  scope: Scope,
  termId: string,
  afterId: string | null,
  take: number,
): Promise<RecomputeApplication[]> {
  return db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        { termId, state: { in: RECOMPUTE_STATES } },
        { OR: [{ determination: { is: null } }, { determination: { is: { finalLevel: null } } }] },
        afterId ? { id: { gt: afterId } } : {},
      ],
    },
    orderBy: { id: "asc" },
    take,
    select: RECOMPUTE_SELECT,
  });
}

/** Given applications of the term in scope (still without a final level), for scoring in one batch. */
export function scoringRowsById(
  scope: Scope,
  termId: string,
  ids: string[],
): Promise<RecomputeApplication[]> {
  return db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        { termId, id: { in: ids } },
        { OR: [{ determination: { is: null } }, { determination: { is: { finalLevel: null } } }] },
      ],
    },
    select: RECOMPUTE_SELECT,
  });
}

/** The recorded local 低保 standards of the given region codes. */
export async function regionStandards(codes: string[]): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = await db().region.findMany({
    where: { code: { in: codes }, minimumLivingStandardFen: { not: null } },
    select: { code: true, minimumLivingStandardFen: true },
  });
  return new Map(rows.map((r) => [r.code, r.minimumLivingStandardFen!]));
}

/** The 低保 standard of the school's region, else of its parent region. */
export async function schoolStandard(scope: Scope & { schoolId: string }): Promise<number | null> {
  const s = await db().school.findFirst({
    where: { AND: [schoolWhere(scope), { id: scope.schoolId }] },
    select: {
      region: {
        select: { minimumLivingStandardFen: true, parent: { select: { minimumLivingStandardFen: true } } },
      },
    },
  });
  return s?.region.minimumLivingStandardFen ?? s?.region.parent?.minimumLivingStandardFen ?? null;
}

export type SimulationWrite = {
  applicationId: string;
  scoringModelId: string;
  simulatedScore: number;
  simulatedLevel: HardshipLevel;
  explanation: string;
};

/**
 * Stores many simulations with one INSERT … ON CONFLICT: new rows are
 * created, existing ones refreshed, except a determination that got its
 * final level meanwhile (never touched). Returns the rows written.
 */
export async function saveSimulations(rows: SimulationWrite[]): Promise<number> {
  if (!rows.length) return 0;
  return db().$executeRaw`
    INSERT INTO "Determination" ("applicationId", "scoringModelId", "simulatedScore", "simulatedLevel", "explanation", "updatedAt")
    SELECT t.app, t.model, t.score, t.level::"HardshipLevel", t.expl::jsonb, now()
    FROM unnest(${rows.map((r) => r.applicationId)}::text[], ${rows.map((r) => r.scoringModelId)}::text[], ${rows.map((r) => r.simulatedScore)}::int[],
                ${rows.map((r) => r.simulatedLevel)}::text[], ${rows.map((r) => r.explanation)}::text[]) AS t(app, model, score, level, expl)
    ON CONFLICT ("applicationId") DO UPDATE SET
      "scoringModelId" = EXCLUDED."scoringModelId", "simulatedScore" = EXCLUDED."simulatedScore", "simulatedLevel" = EXCLUDED."simulatedLevel",
      "explanation" = EXCLUDED."explanation", "updatedAt" = now()
    WHERE "Determination"."finalLevel" IS NULL`;
}
