/**
 * Simulated levels: storing one application's simulation, and the bulk recompute of the term's
 * simulations while no final level is set. Every read ANDs the caller's Scope.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ApplicationState, HardshipLevel } from "@/lib/domain/codes";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { applicationWhere } from "./scope";

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

// ── bulk recompute of simulated levels ──

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
