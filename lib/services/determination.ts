/**
 * The school's determination work (SPEC §4, §7): review queue, simulated
 * levels with their explanation, final levels (override needs a reason),
 * bulk acceptance per class, committee steps, the leader's sign-off and
 * revocation. Every function checks the access matrix for the caller, then
 * the repositories enforce the caller's scope.
 */
import "server-only";
import { isId } from "@/lib/schemas/id";
import type { Scope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import { invalidInput } from "@/lib/forms/field-errors";
import { writeAudit } from "@/lib/db/audit.repo";
import { listEvidence } from "@/lib/db/evidence.repo";
import { listedNamesOf } from "@/lib/db/special-groups.repo";
import type { AuditAction } from "@/lib/domain/audit-actions";
import { sameName } from "@/lib/domain/person-name";
import { VersionConflict } from "@/lib/db/applications.repo";
import { activeScoringModel, createModelVersion } from "@/lib/db/scoring-model.repo";
import { findClass, listClasses, listGrades, listQueue } from "@/lib/db/determination-queue.repo";
import {
  findForScoring,
  findManyForScoring,
  listedCategories,
  regionStandard,
  regionStandards,
  schoolStandard,
  type ScoringApplication,
} from "@/lib/db/scoring-input.repo";
import {
  recomputePage,
  saveSimulation,
  saveSimulations,
  scoringRowsById,
  type RecomputeApplication,
  type SimulationWrite,
} from "@/lib/db/simulation.repo";
import {
  lastDeterminationChange,
  reviewTransition,
  setFinalLevel,
  setGradeAdjusted,
} from "@/lib/db/final-level.repo";
import { revokeDetermination as revoke } from "@/lib/db/revocation.repo";
import { addReviewStep, lastStepAt, listReviewSteps } from "@/lib/db/review-steps.repo";
import { committeeApplicantNames, processFacts } from "@/lib/db/process-order.repo";
import { applicantMemberProblem, stepOrderProblem } from "@/lib/domain/process-order";
import { formatBeijingDate } from "@/lib/domain/time";
import { yuanToFen } from "@/lib/domain/household";
import { endOfBeijingDayAfter } from "@/lib/domain/teacher-review";
import {
  HARDSHIP_LEVEL_LABELS,
  type ApplicationState,
  type HardshipLevel,
  type SpecialCategory,
} from "@/lib/domain/codes";
import {
  overrideProblem,
  REVIEW_STEP_LABELS,
  REVOKE_REASON_LABELS,
  signOffProblem,
} from "@/lib/domain/determination";
import {
  compileScoringModel,
  deriveScoringFacts,
  explain,
  parseScoringModelConfig,
  scoreHousehold,
  tierLevelProblem,
  type CompiledModel,
  type StoredExplanation,
} from "@/lib/domain/scoring";
import {
  bulkAcceptSchema,
  gradeAdjustSchema,
  modelSchema,
  reviewSchema,
  revokeSchema,
  setLevelSchema,
  signOffSchema,
  stepSchema,
} from "@/lib/schemas/determination";
import { fail, ok, type ActionResult } from "./result";
import { schoolTermContext, type SchoolTermContext } from "./context";

export const CONFLICT = "该申请刚刚被他人处理，您的操作没有生效。请刷新页面查看最新状态。";
export const NOT_FOUND = "未找到该申请，或您无权查看。";
export const NO_TERM = "当前没有资助学期。";

type Ctx = SchoolTermContext;

/**
 * @deprecated Use `schoolTermContext` of lib/services/context.ts (this is the same function, kept only until
 * the determination services are split and import it from there).
 */
export const schoolContext = schoolTermContext;

const actor = (c: Ctx) => ({ userId: c.user.id, role: c.user.role });
const audit = (
  c: Ctx,
  action: AuditAction,
  targetType: string,
  targetId: string,
  detail?: Record<string, string | number | boolean | null>,
) =>
  writeAudit({
    actorUserId: c.user.id,
    actorRole: c.user.role,
    schoolId: c.scope.schoolId,
    action,
    targetType,
    targetId,
    detail,
  });

// ── simulation ──

const compiled = new Map<string, CompiledModel>();
async function compiledModel(id: string, config: unknown): Promise<CompiledModel> {
  let m = compiled.get(id);
  if (!m) {
    m = compileScoringModel(config);
    compiled.set(id, m);
  }
  return m;
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
  app: ScoringApplication,
  categories: SpecialCategory[],
): Promise<Simulation | null> {
  const fixed = app.determination?.finalLevel ? app.determination.scoringModel : null;
  const model = fixed ?? (await activeScoringModel(app.schoolId));
  if (!model) return null;
  const m = await compiledModel(model.id, model.config);
  const h = app.household;
  // The local 低保 standard: the household's region, else the school's region or its parent, else the model's default by residence.
  const region = app.school.region;
  const minimumLivingFen =
    (await regionStandard(h?.regionCode)) ??
    region.minimumLivingStandardFen ??
    region.parent?.minimumLivingStandardFen ??
    null;
  const facts = deriveScoringFacts(m.config, {
    minimumLivingFen,
    stage: app.student.stage,
    residence: h?.residence ?? null,
    totalAnnualIncomeFen: h?.totalAnnualIncomeFen ?? null,
    perCapitaMonthlyIncomeFen: h?.perCapitaMonthlyIncomeFen ?? null,
    members: app.familyMembers,
    suddenEvents: app.suddenEvents,
    homeVisitAnswers: (app.homeVisit?.scores as Record<string, string> | null) ?? null,
    specialCategories: categories,
  });
  const r = scoreHousehold(m, facts);
  return {
    modelId: model.id,
    modelName: model.name,
    modelVersion: model.version,
    score: r.score,
    level: r.level,
    explanation: explain(r, app.student.stage),
    categories,
    tier: m.tiers[app.student.stage],
  };
}

async function simulateAndSave(
  app: ScoringApplication,
  categories: SpecialCategory[],
): Promise<Simulation | null> {
  const s = await simulate(app, categories);
  if (!s) return null;
  const d = app.determination;
  if (
    !d ||
    (!d.finalLevel &&
      (d.simulatedScore !== s.score || d.simulatedLevel !== s.level || d.scoringModelId !== s.modelId))
  ) {
    await saveSimulation(app.id, {
      scoringModelId: s.modelId,
      simulatedScore: s.score,
      simulatedLevel: s.level,
      explanation: s.explanation as never,
    });
  }
  return s;
}

/**
 * Brings the stored simulated level of one application up to date after its inputs changed — the
 * class teacher verified it or recorded the home visit — so the school's queue never shows a level
 * computed before the home visit, and a page of the queue seldom has rows to score on first view.
 * A final level is never touched. Reads through the caller's scope; for services that have already
 * checked the caller's right to the application.
 */
export async function refreshSimulation(scope: Scope, applicationId: string): Promise<void> {
  const app = await findForScoring(scope, applicationId);
  if (!app || app.state === "revoked" || app.determination?.finalLevel) return;
  const cats = (await listedCategories([app.personId])).get(app.personId) ?? [];
  await simulateAndSave(app, cats);
}

/** Applications read, computed and written per page by {@link recomputeSimulations}. */
export const RECOMPUTE_PAGE = 2000;
export type RecomputeResult = { checked: number; updated: number };

/**
 * Scores a batch of applications in memory with one model: the special-group
 * lists and the recorded 低保 standards are read once per batch, not per
 * application. Returns the simulations to store (with `onlyChanged`, those
 * that differ from what is stored).
 */
async function scoreBatch(
  model: { id: string },
  m: CompiledModel,
  schoolStd: number | null,
  apps: RecomputeApplication[],
  onlyChanged: boolean,
): Promise<(SimulationWrite & { explained: StoredExplanation })[]> {
  const [cats, stds] = await Promise.all([
    listedCategories(apps.map((a) => a.personId)),
    regionStandards([...new Set(apps.map((a) => a.household?.regionCode).filter((x): x is string => !!x))]),
  ]);
  const writes: (SimulationWrite & { explained: StoredExplanation })[] = [];
  for (const a of apps) {
    const h = a.household;
    const facts = deriveScoringFacts(m.config, {
      minimumLivingFen: (h?.regionCode ? stds.get(h.regionCode) : undefined) ?? schoolStd,
      stage: a.student.stage,
      residence: h?.residence ?? null,
      totalAnnualIncomeFen: h?.totalAnnualIncomeFen ?? null,
      perCapitaMonthlyIncomeFen: h?.perCapitaMonthlyIncomeFen ?? null,
      members: a.familyMembers,
      suddenEvents: a.suddenEvents,
      homeVisitAnswers: (a.homeVisit?.scores as Record<string, string> | null) ?? null,
      specialCategories: cats.get(a.personId) ?? [],
    });
    const r = scoreHousehold(m, facts);
    const d = a.determination;
    if (
      onlyChanged &&
      d &&
      d.simulatedScore === r.score &&
      d.simulatedLevel === r.level &&
      d.scoringModelId === model.id
    )
      continue;
    const explained = explain(r, a.student.stage);
    writes.push({
      applicationId: a.id,
      scoringModelId: model.id,
      simulatedScore: r.score,
      simulatedLevel: r.level,
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
  const c = await schoolContext(user, "determination.recompute");
  if (!c.ok) return c;
  const { scope, term } = c.data;
  const model = await activeScoringModel(scope.schoolId);
  if (!model) return fail("没有可用的评分模型。");
  const m = await compiledModel(model.id, model.config);
  const schoolStd = await schoolStandard(scope);
  let checked = 0;
  let updated = 0;
  for (let after: string | null = null; ;) {
    const apps = await recomputePage(scope, term.id, after, RECOMPUTE_PAGE);
    if (!apps.length) break;
    after = apps[apps.length - 1]!.id;
    checked += apps.length;
    updated += await saveSimulations(await scoreBatch(model, m, schoolStd, apps, true));
    if (apps.length < RECOMPUTE_PAGE) break;
  }
  await audit(c.data, "determination.recompute", "ScoringModel", model.id, {
    version: model.version,
    checked,
    updated,
  });
  return ok({ checked, updated });
}

// ── queue ──

export const PAGE_SIZE = 30;

/**
 * One page of the school's queue, filtered by grade, class (of that grade) and state. The class
 * filter lists the chosen grade's classes only: a 40,000-student school has 800 classes, and
 * listing them all made the page 225 KB and most of its rendering time (bench/README.md §4).
 */
export async function loadQueue(
  user: SessionUser,
  q: { page?: number; gradeId?: string; classId?: string; state?: ApplicationState },
) {
  const c = await schoolContext(user, "determination.queue");
  if (!c.ok) return c;
  const page = Math.max(1, Math.floor(q.page ?? 1));
  let gradeId = q.gradeId && isId(q.gradeId) ? q.gradeId : undefined;
  let classId = q.classId && isId(q.classId) ? q.classId : undefined;
  if (classId) {
    // A class of another grade than the one just chosen (the grade was changed): the grade wins.
    const cls = await findClass(c.data.scope, classId);
    if (!cls || (gradeId && cls.gradeId !== gradeId)) classId = undefined;
    else gradeId = cls.gradeId;
  }
  const [{ rows, total }, grades, classes] = await Promise.all([
    listQueue(c.data.scope, c.data.term.id, { gradeId, classId, state: q.state, page, pageSize: PAGE_SIZE }),
    listGrades(c.data.scope),
    gradeId ? listClasses(c.data.scope, gradeId) : Promise.resolve([]),
  ]);
  // Fill in simulated levels of the rows shown that have none yet (derived data, recomputed until a final
  // level is set): one query for the rows, one model, one write — not a round of queries per row.
  const missing = rows.filter((r) => r.simulatedLevel === null && r.state !== "revoked").map((r) => r.id);
  const model = missing.length ? await activeScoringModel(c.data.scope.schoolId) : null;
  if (model) {
    const apps = await scoringRowsById(c.data.scope, c.data.term.id, missing);
    const writes = await scoreBatch(
      model,
      await compiledModel(model.id, model.config),
      await schoolStandard(c.data.scope),
      apps,
      false,
    );
    await saveSimulations(writes);
    for (const w of writes) {
      const row = rows.find((r) => r.id === w.applicationId)!;
      row.simulatedLevel = w.simulatedLevel;
      row.simulatedScore = w.simulatedScore;
    }
  }
  return ok({
    term: c.data.term,
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

export async function loadApplication(user: SessionUser, applicationId: string) {
  const c = await schoolContext(user, "determination.view");
  if (!c.ok) return c;
  const app = isId(applicationId) ? await findForScoring(c.data.scope, applicationId) : null;
  if (!app || app.termId !== c.data.term.id) return fail(NOT_FOUND);
  const cats = (await listedCategories([app.personId])).get(app.personId) ?? [];
  const sim = app.state === "revoked" ? await simulate(app, cats) : await simulateAndSave(app, cats);
  // The detail shows the family's incomes, illnesses and special-group status: a sensitive-PII view (issue 7 §2–3).
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "application.inspect",
    targetType: "Application",
    targetId: app.id,
  });
  // The files the applicant gave as evidence: the admin reviews them, not blind (issue 15 item 13).
  const evidence = await listEvidence(c.data.scope, app.id);
  // A list entry matched by ID number but written with another name: shown for review, not trusted blindly.
  const listedNames = cats.length
    ? (await listedNamesOf(app.personId)).filter((n) => !sameName(n, app.person.name))
    : [];
  return ok({ app, simulation: sim, categories: cats, evidence, listedNames });
}

// ── review and final level ──

export async function reviewApplication(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ state: ApplicationState }>> {
  const c = await schoolContext(user, "determination.review");
  if (!c.ok) return c;
  const p = reviewSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const to = p.data.decision === "approve" ? "reviewed" : "returned";
  try {
    await reviewTransition(c.data.scope, {
      applicationId: p.data.applicationId,
      version: p.data.version,
      to,
      actor: actor(c.data),
      comment: p.data.comment || (to === "reviewed" ? "学校审核通过" : ""),
      returnDeadline: to === "returned" ? endOfBeijingDayAfter(new Date(), 3) : undefined,
    });
  } catch (e) {
    if (e instanceof VersionConflict)
      return fail((await findForScoring(c.data.scope, p.data.applicationId)) ? CONFLICT : NOT_FOUND);
    throw e;
  }
  await audit(c.data, `application.${to}`, "Application", p.data.applicationId, { comment: p.data.comment });
  return ok({ state: to });
}

export async function setLevel(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ level: HardshipLevel }>> {
  const c = await schoolContext(user, "determination.set_level");
  if (!c.ok) return c;
  const p = setLevelSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const app = await findForScoring(c.data.scope, p.data.applicationId);
  if (!app || app.termId !== c.data.term.id) return fail(NOT_FOUND);
  if (app.state !== "verified" && app.state !== "reviewed" && app.state !== "determined")
    return fail("只有班主任已核实的申请才能认定。");
  const cats = (await listedCategories([app.personId])).get(app.personId) ?? [];
  const sim = await simulateAndSave(app, cats);
  if (!sim) return fail("没有可用的评分模型，请先设置认定模型。");
  const tierProblem = tierLevelProblem(sim.tier, p.data.level, app.student.stage);
  if (tierProblem) return fail(tierProblem, { level: tierProblem });
  const proposed = proposedLevel(app, sim);
  // Keeping the grade committee's level carries its reason; any other change needs the admin's own.
  const reason = p.data.reason || (p.data.level === proposed.level ? proposed.reason : null) || "";
  const problem = overrideProblem(sim.level, p.data.level, reason);
  if (problem) return fail(problem, { reason: problem });
  try {
    await setFinalLevel(c.data.scope, {
      applicationId: app.id,
      version: p.data.version,
      from: app.state,
      level: p.data.level,
      reason: sim.level === p.data.level ? null : reason,
      actor: actor(c.data),
      comment: `认定为${HARDSHIP_LEVEL_LABELS[p.data.level]}${sim.level === p.data.level ? "（与模拟等级一致）" : `（模拟等级${HARDSHIP_LEVEL_LABELS[sim.level]}，调整理由：${reason}）`}`,
    });
  } catch (e) {
    if (e instanceof VersionConflict) return fail(CONFLICT);
    throw e;
  }
  await audit(c.data, "determination.set", "Application", app.id, {
    level: p.data.level,
    simulated: sim.level,
    reason: p.data.reason || null,
  });
  return ok({ level: p.data.level });
}

/** The grade committee adjusts a simulated level (Z: 年级认定小组…可对班级认定情况予以适当调整); a change needs a reason. */
export async function gradeAdjust(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ level: HardshipLevel }>> {
  const c = await schoolContext(user, "determination.grade_adjust");
  if (!c.ok) return c;
  const p = gradeAdjustSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const app = await findForScoring(c.data.scope, p.data.applicationId);
  if (!app || app.termId !== c.data.term.id) return fail(NOT_FOUND);
  const sim = await simulateAndSave(app, (await listedCategories([app.personId])).get(app.personId) ?? []);
  if (!sim) return fail("没有可用的评分模型，请先设置认定模型。");
  const tierProblem = tierLevelProblem(sim.tier, p.data.level, app.student.stage);
  if (tierProblem) return fail(tierProblem, { level: tierProblem });
  const problem = overrideProblem(sim.level, p.data.level, p.data.reason);
  if (problem) return fail(problem.replace("认定等级", "调整后的等级"), { reason: problem });
  const same = sim.level === p.data.level;
  const done = await setGradeAdjusted(c.data.scope, {
    applicationId: app.id,
    level: p.data.level,
    reason: same ? "与模拟等级一致" : p.data.reason,
    actor: actor(c.data),
    comment: `年级认定小组调整为${HARDSHIP_LEVEL_LABELS[p.data.level]}${same ? "（与模拟等级一致）" : `（理由：${p.data.reason}）`}`,
  });
  if (!done) return fail("只有尚未确定最终等级的已核实申请才能由年级认定小组调整。");
  await audit(c.data, "determination.grade_adjust", "Application", app.id, {
    level: p.data.level,
    simulated: sim.level,
  });
  return ok({ level: p.data.level });
}

/** The level a bulk acceptance or an unchanged final level takes: the grade committee's, else the simulated one. */
function proposedLevel(
  app: ScoringApplication,
  sim: Simulation,
): { level: HardshipLevel; reason: string | null } {
  const g = app.determination?.gradeAdjustedLevel;
  if (g && g !== sim.level)
    return { level: g, reason: `年级认定小组调整：${app.determination?.gradeAdjustReason ?? ""}` };
  return { level: sim.level, reason: null };
}

export type BulkResult = {
  accepted: { id: string; name: string; level: HardshipLevel }[];
  exceptions: { id: string; name: string; reason: string }[];
};

/** Accepts the simulated level of every verified/reviewed application of a class, except those listed; reports every exception. */
export async function bulkAccept(user: SessionUser, raw: unknown): Promise<ActionResult<BulkResult>> {
  const c = await schoolContext(user, "determination.bulk_accept");
  if (!c.ok) return c;
  const p = bulkAcceptSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const apps = await findManyForScoring(c.data.scope, c.data.term.id, p.data.classId, [
    "verified",
    "reviewed",
  ]);
  if (apps.length === 0) return fail("该班级没有待认定的申请（需班主任已核实）。");
  const excluded = new Set(p.data.exclude);
  const cats = await listedCategories(apps.map((a) => a.personId));
  const out: BulkResult = { accepted: [], exceptions: [] };
  for (const app of apps) {
    const name = app.person.name;
    if (excluded.has(app.id)) {
      out.exceptions.push({ id: app.id, name, reason: "已选择单独认定" });
      continue;
    }
    if (!app.household) {
      out.exceptions.push({ id: app.id, name, reason: "缺少家庭经济情况，无法计算模拟等级" });
      continue;
    }
    const sim = await simulateAndSave(app, cats.get(app.personId) ?? []);
    if (!sim) {
      out.exceptions.push({ id: app.id, name, reason: "没有可用的评分模型" });
      continue;
    }
    const prop = proposedLevel(app, sim);
    if (tierLevelProblem(sim.tier, prop.level, app.student.stage)) {
      out.exceptions.push({
        id: app.id,
        name,
        reason: "年级调整的等级不符合本学段“不分档次”的设置，请单独认定",
      });
      continue;
    }
    try {
      await setFinalLevel(c.data.scope, {
        applicationId: app.id,
        version: app.version,
        from: app.state as "verified" | "reviewed",
        level: prop.level,
        reason: prop.reason,
        actor: actor(c.data),
        comment: prop.reason
          ? `批量确认年级调整等级：${HARDSHIP_LEVEL_LABELS[prop.level]}（${prop.reason}）`
          : `批量确认模拟等级：${HARDSHIP_LEVEL_LABELS[prop.level]}`,
      });
      out.accepted.push({ id: app.id, name, level: prop.level });
    } catch (e) {
      if (!(e instanceof VersionConflict)) throw e;
      out.exceptions.push({ id: app.id, name, reason: "刚被他人处理，未改动" });
    }
  }
  await audit(c.data, "determination.bulk_accept", "SchoolClass", p.data.classId, {
    accepted: out.accepted.length,
    exceptions: out.exceptions.length,
  });
  return ok(out);
}

// ── steps and sign-off ──

export async function recordStep(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const c = await schoolContext(user, "determination.committee_step");
  if (!c.ok) return c;
  const p = stepSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const { scope, term } = c.data;
  if (p.data.kind === "GRADE_COMMITTEE" && !p.data.gradeId)
    return fail("请选择年级：年级认定小组按年级审核。", { gradeId: "请选择年级" });
  if (p.data.gradeId && !(await listGrades(scope)).some((g) => g.id === p.data.gradeId))
    return fail("未找到该年级。", { gradeId: "未找到该年级" });
  const members = p.data.members
    ? p.data.members
        .split(/[，,、\s]+/)
        .filter(Boolean)
        .map((name) => ({ name }))
    : undefined;
  if (members && (p.data.kind === "GRADE_COMMITTEE" || p.data.kind === "SCHOOL_COMMITTEE")) {
    // An applicant may not sit on a committee evaluating them (the grade's, or the school's applicants).
    const gradeId = p.data.kind === "GRADE_COMMITTEE" ? p.data.gradeId : null;
    const clash = applicantMemberProblem(
      members,
      await committeeApplicantNames(scope, term.id, gradeId),
      REVIEW_STEP_LABELS[p.data.kind].replace(/审核.*$/, ""),
    );
    if (clash) return fail(clash, { members: clash });
  }
  const order = stepOrderProblem(
    p.data.kind,
    await processFacts(scope, term.id, p.data.gradeId, formatBeijingDate(new Date())),
  );
  if (order) return fail(order);
  const s = await addReviewStep(scope, {
    termId: term.id,
    kind: p.data.kind,
    gradeId: p.data.gradeId,
    actorId: c.data.user.id,
    members,
    comment: p.data.comment,
  });
  if (!s) return fail("未找到该年级。", { gradeId: "未找到该年级" });
  await audit(c.data, "determination.step", "ReviewStep", s.id, { kind: p.data.kind });
  return ok({ id: s.id });
}

export async function signOff(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const c = await schoolContext(user, "determination.sign_off");
  if (!c.ok) return c;
  const p = signOffSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const problem = signOffProblem(await lastStepAt(c.data.scope, c.data.term.id, "SCHOOL_COMMITTEE"));
  if (problem) return fail(problem);
  const s = await addReviewStep(c.data.scope, {
    termId: c.data.term.id,
    kind: "LEADER_SIGNOFF",
    gradeId: null,
    actorId: c.data.user.id,
    members: undefined,
    comment: p.data.comment,
  });
  await audit(c.data, "determination.sign_off", "ReviewStep", s!.id);
  return ok({ id: s!.id });
}

export async function loadProcess(user: SessionUser) {
  const c = await schoolContext(user, "determination.queue");
  if (!c.ok) return c;
  const [steps, lastChange, facts] = await Promise.all([
    listReviewSteps(c.data.scope, c.data.term.id),
    lastDeterminationChange(c.data.scope, c.data.term.id),
    processFacts(c.data.scope, c.data.term.id, null, formatBeijingDate(new Date())),
  ]);
  return ok({
    term: c.data.term,
    steps: steps.map((s) => ({ ...s, label: REVIEW_STEP_LABELS[s.kind] })),
    lastChange,
    isVillage: facts.isVillage,
  });
}

// ── revoke ──

export async function revokeDetermination(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ recoveryRequired: boolean }>> {
  const c = await schoolContext(user, "determination.revoke");
  if (!c.ok) return c;
  const p = revokeSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  try {
    const r = await revoke(c.data.scope, {
      applicationId: p.data.applicationId,
      version: p.data.version,
      reason: p.data.reason,
      detail: `${REVOKE_REASON_LABELS[p.data.reason]}：${p.data.detail}`,
      actor: actor(c.data),
    });
    await audit(c.data, "determination.revoke", "Application", p.data.applicationId, {
      reason: p.data.reason,
      recoveryRequired: r.recoveryRequired,
    });
    return ok(r);
  } catch (e) {
    if (e instanceof VersionConflict) {
      const app = await findForScoring(c.data.scope, p.data.applicationId);
      return fail(
        !app ? NOT_FOUND : app.state !== "determined" ? "只有已认定的结果才能取消资格。" : CONFLICT,
      );
    }
    throw e;
  }
}

// ── scoring model versions ──

export async function saveModel(user: SessionUser, raw: unknown): Promise<ActionResult<{ version: number }>> {
  const c = await schoolContext(user, "determination.model");
  if (!c.ok) return c;
  const p = modelSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  let json: unknown;
  try {
    json = JSON.parse(p.data.config);
  } catch {
    return fail("模型配置不是有效的 JSON，请检查括号和引号。", { config: "模型配置不是有效的 JSON" });
  }
  const v = parseScoringModelConfig(json);
  if (!v.ok) return fail(`模型配置有误：${v.errors.slice(0, 5).join("；")}`, { config: v.errors.join("；") });
  const m = await createModelVersion(c.data.scope, p.data.name, v.config as never, c.data.user.id);
  if (!m) return fail(NOT_FOUND);
  await audit(c.data, "scoring_model.version", "ScoringModel", m.id, { version: m.version });
  return ok({ version: m.version });
}

/**
 * The structured editor's form: points per option, thresholds, tiers per
 * stage, the special-group shortcut and the 低保 standard, applied to the
 * school's current model and saved as a new version.
 */
export async function saveModelFromForm(
  user: SessionUser,
  form: Record<string, string>,
): Promise<ActionResult<{ version: number }>> {
  const c = await schoolContext(user, "determination.model");
  if (!c.ok) return c;
  const current = await activeScoringModel(c.data.scope.schoolId);
  if (!current) return fail("没有可用的评分模型。");
  const base = parseScoringModelConfig(current.config);
  if (!base.ok) return fail("当前模型配置无效，请用 JSON 方式修改。");
  const cfg = structuredClone(base.config);
  const errors: Record<string, string> = {};
  const int = (name: string, label: string): number | undefined => {
    const raw = (form[name] ?? "").trim();
    if (!/^-?\d{1,4}$/.test(raw)) {
      errors[name] = `${label}请填写整数`;
      return undefined;
    }
    return Number(raw);
  };
  for (const ind of cfg.indicators)
    for (const o of ind.options)
      o.points = int(`pts.${ind.key}.${o.key}`, `“${ind.label}—${o.label}”的分值`) ?? o.points;
  cfg.thresholds = {
    SPECIAL: int("t.SPECIAL", "特别困难分数线") ?? 0,
    HARDSHIP: int("t.HARDSHIP", "困难分数线") ?? 0,
    GENERAL: int("t.GENERAL", "一般困难分数线") ?? 0,
  };
  for (const st of Object.keys(cfg.tiers) as (keyof typeof cfg.tiers)[])
    cfg.tiers[st] = form[`tier.${st}`] === "ONE" ? "ONE" : "THREE";
  cfg.specialGroupsAreSpecial = form.specialGroupsAreSpecial === "on";
  const urban = (form["ml.URBAN"] ?? "").trim(),
    rural = (form["ml.RURAL"] ?? "").trim();
  if (urban || rural) {
    const u = yuanToFen(urban),
      r = yuanToFen(rural);
    if (!u || !r) errors["ml.URBAN"] = "城镇和农村低保标准请都填写大于0的金额（元/人·月）";
    else cfg.minimumLivingFen = { URBAN: u, RURAL: r };
  }
  if (Object.keys(errors).length) return fail(Object.values(errors)[0]!, errors);
  return saveModel(user, { name: form.name ?? current.name, config: JSON.stringify(cfg) });
}

export async function loadModel(user: SessionUser) {
  const c = await schoolContext(user, "determination.view");
  if (!c.ok) return c;
  const m = await activeScoringModel(c.data.scope.schoolId);
  if (!m) return ok(null);
  const parsed = parseScoringModelConfig(m.config);
  return ok({ ...m, parsed: parsed.ok ? parsed.config : null });
}
