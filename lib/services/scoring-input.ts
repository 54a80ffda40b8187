/**
 * THE scoring input: what a model scores of an application (household, members, sudden events, home visit,
 * special groups) and the local 低保 standard that applies. Built here once, for one application
 * (lib/services/simulation.ts `simulate`) and for a batch (`scoreBatch`) alike.
 */
import "server-only";
import { regionStandard } from "@/lib/db/scoring-input.repo";
import type { ScoringApplication } from "@/lib/db/scoring-input.repo";
import type { RecomputeApplication } from "@/lib/db/simulation.repo";
import type { SpecialCategory } from "@/lib/domain/codes";
import { deriveScoringFacts, type CompiledModel } from "@/lib/domain/scoring";

/** The parts of an application a model scores (both repositories' selections hold them). */
export type ScorableApplication = Pick<
  RecomputeApplication,
  "student" | "household" | "familyMembers" | "suddenEvents" | "homeVisit"
>;

/** The scoring facts of one application under a compiled model. */
export function scoringFacts(
  model: CompiledModel,
  application: ScorableApplication,
  minimumLivingFen: number | null,
  categories: SpecialCategory[],
) {
  const household = application.household;
  return deriveScoringFacts(model.config, {
    minimumLivingFen,
    stage: application.student.stage,
    residence: household?.residence ?? null,
    totalAnnualIncomeFen: household?.totalAnnualIncomeFen ?? null,
    perCapitaMonthlyIncomeFen: household?.perCapitaMonthlyIncomeFen ?? null,
    members: application.familyMembers,
    suddenEvents: application.suddenEvents,
    homeVisitAnswers: (application.homeVisit?.scores as Record<string, string> | null) ?? null,
    specialCategories: categories,
  });
}

/**
 * The local 低保 standard of one application: its household's region, else the school's region or its
 * parent, else null (the model's default by residence applies).
 */
export async function minimumLivingFenOf(application: ScoringApplication): Promise<number | null> {
  const region = application.school.region;
  return (
    (await regionStandard(application.household?.regionCode)) ??
    region.minimumLivingStandardFen ??
    region.parent?.minimumLivingStandardFen ??
    null
  );
}
