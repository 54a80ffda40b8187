/**
 * The school's review queue (one page, filtered by grade, class and state) and one application's
 * determination view with its simulated level, evidence and special-group listing.
 */
import "server-only";
import { isId } from "@/lib/schemas/id";
import { listEvidence } from "@/lib/db/evidence.repo";
import { listedNamesOf } from "@/lib/db/special-groups.repo";
import { activeScoringModel } from "@/lib/db/scoring-model.repo";
import { findClass, listClasses, listGrades, listQueue } from "@/lib/db/determination-queue.repo";
import { findForScoring, schoolStandard } from "@/lib/db/scoring-input.repo";
import { saveSimulations, scoringRowsById } from "@/lib/db/simulation.repo";
import type { ApplicationState } from "@/lib/domain/codes";
import { sameName } from "@/lib/domain/person-name";
import { fail, ok } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { audit } from "./audit";
import { schoolTermContext } from "./context";
import { NOT_FOUND_MESSAGE } from "./determination-failures";
import { categoriesOf, scoreBatch, simulate, simulateAndSave } from "./simulation";

export const PAGE_SIZE = 30;

/**
 * One page of the school's queue, filtered by grade, class (of that grade) and state. The class
 * filter lists the chosen grade's classes only: a 40,000-student school has 800 classes, and
 * listing them all made the page 225 KB and most of its rendering time (bench/README.md §4).
 */
export async function loadQueue(
  user: SessionUser,
  query: { page?: number; gradeId?: string; classId?: string; state?: ApplicationState },
) {
  const ctx = await schoolTermContext(user, "determination.queue");
  if (!ctx.ok) return ctx;
  const { scope, term } = ctx.data;
  const page = Math.max(1, Math.floor(query.page ?? 1));
  let gradeId = query.gradeId && isId(query.gradeId) ? query.gradeId : undefined;
  let classId = query.classId && isId(query.classId) ? query.classId : undefined;
  if (classId) {
    // A class of another grade than the one just chosen (the grade was changed): the grade wins.
    const schoolClass = await findClass(scope, classId);
    if (!schoolClass || (gradeId && schoolClass.gradeId !== gradeId)) classId = undefined;
    else gradeId = schoolClass.gradeId;
  }
  const [{ rows, total }, grades, classes] = await Promise.all([
    listQueue(scope, term.id, { gradeId, classId, state: query.state, page, pageSize: PAGE_SIZE }),
    listGrades(scope),
    gradeId ? listClasses(scope, gradeId) : Promise.resolve([]),
  ]);
  // Fill in simulated levels of the rows shown that have none yet (derived data, recomputed until a final
  // level is set): one query for the rows, one model, one write — not a round of queries per row.
  const missing = rows
    .filter((row) => row.simulatedLevel === null && row.state !== "revoked")
    .map((row) => row.id);
  const model = missing.length ? await activeScoringModel(scope.schoolId) : null;
  if (model) {
    const applications = await scoringRowsById(scope, term.id, missing);
    const writes = await scoreBatch(model, await schoolStandard(scope), applications, false);
    await saveSimulations(writes);
    for (const write of writes) {
      const row = rows.find((candidate) => candidate.id === write.applicationId)!;
      row.simulatedLevel = write.simulatedLevel;
      row.simulatedScore = write.simulatedScore;
    }
  }
  return ok({
    term,
    rows,
    total,
    page,
    pageSize: PAGE_SIZE,
    grades,
    classes,
    gradeId: gradeId ?? null,
    classId: classId ?? null,
  });
}

/** One application of the current term as the school reviews it: simulated level, evidence, listed names. */
export async function loadApplication(user: SessionUser, applicationId: string) {
  const ctx = await schoolTermContext(user, "determination.view");
  if (!ctx.ok) return ctx;
  const application = isId(applicationId) ? await findForScoring(ctx.data.scope, applicationId) : null;
  if (!application || application.termId !== ctx.data.term.id) return fail("NOT_FOUND", NOT_FOUND_MESSAGE);
  const categories = await categoriesOf(application);
  const simulation =
    application.state === "revoked"
      ? await simulate(application, categories)
      : await simulateAndSave(application, categories);
  // The detail shows the family's incomes, illnesses and special-group status: a sensitive-PII view.
  await audit(ctx.data, "application.inspect", { type: "Application", id: application.id });
  // The files the applicant gave as evidence: the admin reviews them, not blind.
  const evidence = await listEvidence(ctx.data.scope, application.id);
  // A list entry matched by ID number but written with another name: shown for review, not trusted blindly.
  const listedNames = categories.length
    ? (await listedNamesOf(application.personId)).filter((name) => !sameName(name, application.person.name))
    : [];
  return ok({ app: application, simulation, categories, evidence, listedNames });
}
