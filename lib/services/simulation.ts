/**
 * Simulated levels: an application scored with its model (the one already used once a final level is set,
 * else the school's active one), stored as derived data until a final level is set, recomputed for the
 * whole term after a model change.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { activeScoringModel } from "@/lib/db/scoring-model.repo";
import {
  findForScoring,
  listedCategories,
  regionStandards,
  schoolStandard,
  type ScoringApplication,
} from "@/lib/db/scoring-input.repo";
import {
  recomputePage,
  saveSimulation,
  saveSimulations,
  type RecomputeApplication,
  type SimulationWrite,
} from "@/lib/db/simulation.repo";
import type { HardshipLevel, SpecialCategory } from "@/lib/domain/codes";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import {
  compileScoringModel,
  explain,
  scoreHousehold,
  type CompiledModel,
  type StoredExplanation,
} from "@/lib/domain/scoring";
import { audit } from "./audit";
import { schoolTermContext } from "./context";
import { minimumLivingFenOf, scoringFacts } from "./scoring-input";

const compiledModels = new Map<string, CompiledModel>();

/** A scoring model compiled once per version (a version's config never changes). */
export function compiledModel(modelId: string, config: unknown): CompiledModel {
  let model = compiledModels.get(modelId);
  if (!model) {
    model = compileScoringModel(config);
    compiledModels.set(modelId, model);
  }
  return model;
}

export type Simulation = {
  modelId: string;
  modelName: string;
  modelVersion: number;
  score: number;
  level: HardshipLevel;
  explanation: StoredExplanation;
  categories: SpecialCategory[];
  /** The stage's tier setting in the model: single-tier stages are determined 困难 / 不困难 only. */
  tier: "THREE" | "ONE";
};

/** Scores an application with its model (the one already used once a final level is set, else the school's active one). */
export async function simulate(
  application: ScoringApplication,
  categories: SpecialCategory[],
): Promise<Simulation | null> {
  const fixed = application.determination?.finalLevel ? application.determination.scoringModel : null;
  const model = fixed ?? (await activeScoringModel(application.schoolId));
  if (!model) return null;
  const compiled = compiledModel(model.id, model.config);
  const facts = scoringFacts(compiled, application, await minimumLivingFenOf(application), categories);
  const scored = scoreHousehold(compiled, facts);
  return {
    modelId: model.id,
    modelName: model.name,
    modelVersion: model.version,
    score: scored.score,
    level: scored.level,
    explanation: explain(scored, application.student.stage),
    categories,
    tier: compiled.tiers[application.student.stage],
  };
}

/** {@link simulate}, storing the result when it differs from the stored one and no final level is set. */
export async function simulateAndSave(
  application: ScoringApplication,
  categories: SpecialCategory[],
): Promise<Simulation | null> {
  const simulation = await simulate(application, categories);
  if (!simulation) return null;
  const stored = application.determination;
  if (
    !stored ||
    (!stored.finalLevel &&
      (stored.simulatedScore !== simulation.score ||
        stored.simulatedLevel !== simulation.level ||
        stored.scoringModelId !== simulation.modelId))
  ) {
    await saveSimulation(application.id, {
      scoringModelId: simulation.modelId,
      simulatedScore: simulation.score,
      simulatedLevel: simulation.level,
      explanation: simulation.explanation as never,
    });
  }
  return simulation;
}

/** The special-group categories the student of one application is listed in. */
export async function categoriesOf(application: { personId: string }): Promise<SpecialCategory[]> {
  return (await listedCategories([application.personId])).get(application.personId) ?? [];
}

/**
 * Brings the stored simulated level of one application up to date after its inputs changed — the
 * class teacher verified it or recorded the home visit — so the school's queue never shows a level
 * computed before the home visit, and a page of the queue seldom has rows to score on first view.
 * A final level is never touched. Reads through the caller's scope; for services that have already
 * checked the caller's right to the application.
 */
export async function refreshSimulation(scope: Scope, applicationId: string): Promise<void> {
  const application = await findForScoring(scope, applicationId);
  if (!application || application.state === "revoked" || application.determination?.finalLevel) return;
  await simulateAndSave(application, await categoriesOf(application));
}

/** Applications read, computed and written per page by {@link recomputeSimulations}. */
export const RECOMPUTE_PAGE = 2000;
export type RecomputeResult = { checked: number; updated: number };
export type ScoredWrite = SimulationWrite & { explained: StoredExplanation };

/**
 * Scores a batch of applications in memory with one model: the special-group
 * lists and the recorded 低保 standards are read once per batch, not per
 * application. Returns the simulations to store (with `onlyChanged`, those
 * that differ from what is stored).
 */
export async function scoreBatch(
  model: { id: string; config: unknown },
  schoolStandardFen: number | null,
  applications: RecomputeApplication[],
  onlyChanged: boolean,
): Promise<ScoredWrite[]> {
  const compiled = compiledModel(model.id, model.config);
  const regionCodes = applications
    .map((application) => application.household?.regionCode)
    .filter((code): code is string => !!code);
  const [categories, standards] = await Promise.all([
    listedCategories(applications.map((application) => application.personId)),
    regionStandards([...new Set(regionCodes)]),
  ]);
  const writes: ScoredWrite[] = [];
  for (const application of applications) {
    const regionCode = application.household?.regionCode;
    const minimumLivingFen = (regionCode ? standards.get(regionCode) : undefined) ?? schoolStandardFen;
    const facts = scoringFacts(
      compiled,
      application,
      minimumLivingFen,
      categories.get(application.personId) ?? [],
    );
    const scored = scoreHousehold(compiled, facts);
    const stored = application.determination;
    if (
      onlyChanged &&
      stored &&
      stored.simulatedScore === scored.score &&
      stored.simulatedLevel === scored.level &&
      stored.scoringModelId === model.id
    )
      continue;
    const explained = explain(scored, application.student.stage);
    writes.push({
      applicationId: application.id,
      scoringModelId: model.id,
      simulatedScore: scored.score,
      simulatedLevel: scored.level,
      explanation: JSON.stringify(explained),
      explained,
    });
  }
  return writes;
}

/**
 * Recomputes the simulated level of every application of the current term
 * under school review that has no final level yet, with the school's active
 * model (e.g. after a model change): pages of {@link RECOMPUTE_PAGE}
 * applications are loaded with their households, scored in memory and the
 * changed ones written with one statement per page. A final level is never
 * touched (also when set while this runs).
 */
export async function recomputeSimulations(user: SessionUser): Promise<ActionResult<RecomputeResult>> {
  const ctx = await schoolTermContext(user, "determination.recompute");
  if (!ctx.ok) return ctx;
  const { scope, term } = ctx.data;
  const model = await activeScoringModel(scope.schoolId);
  if (!model) return fail("REFUSED", "没有可用的评分模型。");
  const schoolStandardFen = await schoolStandard(scope);
  let checked = 0;
  let updated = 0;
  for (let after: string | null = null; ;) {
    const applications = await recomputePage(scope, term.id, after, RECOMPUTE_PAGE);
    if (!applications.length) break;
    after = applications[applications.length - 1]!.id;
    checked += applications.length;
    updated += await saveSimulations(await scoreBatch(model, schoolStandardFen, applications, true));
    if (applications.length < RECOMPUTE_PAGE) break;
  }
  await audit(
    ctx.data,
    "determination.recompute",
    { type: "ScoringModel", id: model.id },
    { version: model.version, checked, updated },
  );
  return ok({ checked, updated });
}
