/**
 * The class teacher's application work (SPEC §5): the monitor per class,
 * verification (核实) or return with reason and deadline, what changed since a
 * return, and the home visit with the scoring sheet. Every function checks
 * the access matrix for the caller, then works inside the caller's scope.
 */
import { decide, type Action } from "@/lib/auth/access";
import { activeScoringModel } from "@/lib/db/determination.repo";
import { refreshSimulation } from "./determination";
import { scopeOf, type Scope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import { transition, VersionConflict } from "@/lib/db/applications.repo";
import { writeAudit } from "@/lib/db/audit.repo";
import { Prisma } from "@/lib/db/generated/client";
import {
  findForReview,
  listMyClasses,
  monitorOverview,
  saveHomeVisit,
  snapshotOf,
  toSnapshot,
  type MonitorRow,
  type ReviewView,
  type TeacherClass,
} from "@/lib/db/teacher.repo";
import { findCurrentTerm, termDatesForSchool } from "@/lib/db/terms.repo";
import { decideTransition } from "@/lib/domain/application-state";
import {
  homeVisitIndicators,
  scoreSheet,
  visitDateProblem,
  visitDateRange,
  type ScoringIndicator,
} from "@/lib/domain/home-visit";
import {
  collectionRate,
  diffSnapshots,
  resolveReturnDeadline,
  returnDeadlineQuickPicks,
  type ApplicationSnapshot,
  type Change,
  type MonitorCounts,
  type MonitorState,
} from "@/lib/domain/teacher-review";
import { beijingEndOfDay, formatBeijingDate } from "@/lib/domain/time";
import { homeVisitSchema, idSchema, monitorQuerySchema, returnSchema } from "@/lib/schemas/teacher";
import { issuesByPath } from "@/lib/schemas/application";
import { fail, ok, type ActionResult } from "./result";

export const NOT_FOUND = "未找到该申请，或该学生不在您负责的班级。";
export const TEACHER_CONFLICT =
  "该申请刚刚被他人处理（例如申请人已撤回），您的操作没有生效。请刷新页面查看最新状态。";
export const PAGE_SIZE = 20;

type Guarded = { user: SessionUser; scope: Scope };

/** The caller may perform `action` (matrix), with their scope. */
export function guard(user: SessionUser, action: Action): ActionResult<Guarded> {
  const d = decide(user, action);
  return d.ok ? ok({ user: d.user, scope: d.scope }) : fail(d.message);
}

// ───────────── monitor ─────────────

export type MonitorPage = {
  classes: TeacherClass[];
  klass: TeacherClass | null;
  termId: string | null;
  counts: MonitorCounts | null;
  rate: ReturnType<typeof collectionRate> | null;
  rows: MonitorRow[];
  total: number;
  page: number;
  pageSize: number;
  state?: MonitorState;
};

export async function loadMonitor(user: SessionUser, raw: unknown): Promise<ActionResult<MonitorPage>> {
  const g = guard(user, "application.monitor");
  if (!g.ok) return g;
  const q = monitorQuerySchema.safeParse(raw);
  if (!q.success) return fail("筛选条件无效。");
  const classes = await listMyClasses(g.data.scope);
  const klass = q.data.classId
    ? (classes.find((c) => c.id === q.data.classId) ?? null)
    : (classes[0] ?? null);
  if (q.data.classId && !klass) return fail("未找到该班级，或该班级不由您负责。");
  const term = await findCurrentTerm();
  const empty: MonitorPage = {
    classes,
    klass,
    termId: term?.id ?? null,
    counts: null,
    rate: null,
    rows: [],
    total: 0,
    page: 1,
    pageSize: PAGE_SIZE,
    state: q.data.state,
  };
  if (!klass || !term) return ok(empty);
  const { counts, rows, total } = await monitorOverview(g.data.scope, {
    classId: klass.id,
    termId: term.id,
    state: q.data.state,
    page: q.data.page,
    pageSize: PAGE_SIZE,
  });
  return ok({ ...empty, counts, rate: collectionRate(counts), rows, total, page: q.data.page });
}

// ───────────── verification ─────────────

export type ReviewPage = {
  app: ReviewView;
  changes: Change[] | null;
  verifyDeadline: Date;
  defaultDeadline: string;
  quickPicks: { days: number; date: string; label: string }[];
};

export async function loadReview(
  user: SessionUser,
  applicationId: string,
  now = new Date(),
): Promise<ActionResult<ReviewPage>> {
  const g = guard(user, "application.inspect");
  if (!g.ok) return g;
  if (!idSchema.safeParse(applicationId).success) return fail(NOT_FOUND);
  const app = await findForReview(g.data.scope, applicationId);
  if (!app) return fail(NOT_FOUND);
  const term = await findCurrentTerm();
  const dates =
    term && term.id === app.termId
      ? await termDatesForSchool(term, app.schoolId)
      : { verifyDeadline: app.term.verifyDeadline };
  const current = toSnapshot({
    ...app,
    programmeNames: app.programmes.map((p) => p.programme.name),
    evidenceCount: app.evidence.length,
  });
  const changes =
    app.returnSnapshot && app.state === "submitted"
      ? diffSnapshots(app.returnSnapshot as unknown as ApplicationSnapshot, current)
      : null;
  const d = resolveReturnDeadline(now, dates.verifyDeadline, null);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: app.schoolId,
    action: "application.inspect",
    targetType: "Application",
    targetId: app.id,
  });
  return ok({
    app,
    changes,
    verifyDeadline: dates.verifyDeadline,
    defaultDeadline: d.ok ? formatBeijingDate(d.deadline) : "",
    quickPicks: returnDeadlineQuickPicks(now, dates.verifyDeadline),
  });
}

async function verifyDeadlineOf(app: {
  termId: string;
  schoolId: string;
  term: { verifyDeadline: Date };
}): Promise<Date> {
  const term = await findCurrentTerm();
  return term && term.id === app.termId
    ? (await termDatesForSchool(term, app.schoolId)).verifyDeadline
    : app.term.verifyDeadline;
}

async function move(
  g: Guarded,
  app: ReviewView,
  action: "verify" | "return",
  opts: {
    comment: string;
    reason?: string;
    deadline?: Date;
    fields: Prisma.ApplicationUpdateManyMutationInput;
  },
  now: Date,
): Promise<ActionResult<undefined>> {
  const d = decideTransition(
    { action, actorRole: g.user.role, from: app.state, reason: opts.reason, deadline: opts.deadline },
    { now, windowOpen: true, verifyDeadline: await verifyDeadlineOf(app) },
  );
  if (!d.ok) return fail(d.message);
  try {
    await transition(g.scope, {
      applicationId: app.id,
      version: app.version,
      from: app.state,
      to: d.to,
      actor: { userId: g.user.id, role: g.user.role },
      comment: opts.comment,
      fields: opts.fields,
    });
  } catch (e) {
    if (e instanceof VersionConflict) return fail(TEACHER_CONFLICT);
    throw e;
  }
  await writeAudit({
    actorUserId: g.user.id,
    actorRole: g.user.role,
    schoolId: app.schoolId,
    action: `application.${action}`,
    targetType: "Application",
    targetId: app.id,
    detail: { from: app.state, to: d.to, ...(opts.reason ? { reason: opts.reason } : {}) },
  });
  return ok(undefined);
}

/** Loads the application for an action; `version` is what the teacher saw (a stale page is a conflict). */
async function loadFor(
  user: SessionUser,
  action: Action,
  applicationId: string,
  version?: number,
): Promise<ActionResult<{ g: Guarded; app: ReviewView }>> {
  const g = guard(user, action);
  if (!g.ok) return g;
  if (!idSchema.safeParse(applicationId).success) return fail(NOT_FOUND);
  const app = await findForReview(g.data.scope, applicationId);
  if (!app) return fail(NOT_FOUND);
  if (version !== undefined && version !== app.version) return fail(TEACHER_CONFLICT);
  return ok({ g: g.data, app });
}

export async function verifyApplication(
  user: SessionUser,
  applicationId: string,
  version?: number,
  now = new Date(),
): Promise<ActionResult<undefined>> {
  const l = await loadFor(user, "application.verify", applicationId, version);
  if (!l.ok) return l;
  const r = await move(
    l.data.g,
    l.data.app,
    "verify",
    { comment: "班主任已核对佐证材料，核实通过", fields: { verifiedAt: now, returnSnapshot: Prisma.DbNull } },
    now,
  );
  // The application now waits in the school's queue: store its simulated level (derived data) with it.
  if (r.ok) await refreshSimulation(l.data.g.scope, l.data.app.id);
  return r;
}

export async function returnApplication(
  user: SessionUser,
  applicationId: string,
  raw: unknown,
  version?: number,
  now = new Date(),
): Promise<ActionResult<{ deadline: Date }>> {
  const l = await loadFor(user, "application.return", applicationId, version);
  if (!l.ok) return l;
  const parsed = returnSchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues[0]!.message, issuesByPath(parsed.error));
  const verifyDeadline = await verifyDeadlineOf(l.data.app);
  let requested: Date | null = null;
  if (parsed.data.deadline) {
    // The chosen day's end, but on the verification deadline's own day no later than the deadline itself.
    requested =
      parsed.data.deadline === formatBeijingDate(verifyDeadline)
        ? verifyDeadline
        : beijingEndOfDay(parsed.data.deadline);
    if (Number.isNaN(requested.getTime()))
      return fail("修改截止日期无效，请重新选择。", { deadline: "修改截止日期无效，请重新选择" });
  }
  const d = resolveReturnDeadline(now, verifyDeadline, requested);
  if (!d.ok) return fail(d.message, { deadline: d.message });
  const snapshot = await snapshotOf(l.data.app.id);
  const r = await move(
    l.data.g,
    l.data.app,
    "return",
    {
      comment: parsed.data.reason,
      reason: parsed.data.reason,
      deadline: d.deadline,
      fields: {
        returnReason: parsed.data.reason,
        returnDeadline: d.deadline,
        returnSnapshot: snapshot as unknown as Prisma.InputJsonValue,
      },
    },
    now,
  );
  return r.ok ? ok({ deadline: d.deadline }) : r;
}

// ───────────── home visit ─────────────

export type HomeVisitPage = {
  app: ReviewView;
  /** The Beijing days a visit may carry (the date input's min and max). */
  dateRange: { earliest: string; latest: string };
  model: { id: string; name: string; version: number };
  indicators: ScoringIndicator[];
};

export async function loadHomeVisit(
  user: SessionUser,
  applicationId: string,
): Promise<ActionResult<HomeVisitPage>> {
  const l = await loadFor(user, "homevisit.record", applicationId);
  if (!l.ok) return l;
  const model = await activeScoringModel(l.data.app.schoolId);
  if (!model) return fail("学校还没有可用的量化认定模型，请联系学校资助管理员。");
  return ok({
    app: l.data.app,
    model: { id: model.id, name: model.name, version: model.version },
    dateRange: visitDateRange(l.data.app.term.applyStart, new Date()),
    indicators: homeVisitIndicators(model.config),
  });
}

export async function recordHomeVisit(
  user: SessionUser,
  applicationId: string,
  raw: unknown,
): Promise<ActionResult<{ totalScore: number }>> {
  const l = await loadHomeVisit(user, applicationId);
  if (!l.ok) return l;
  const parsed = homeVisitSchema.safeParse(raw);
  if (!parsed.success) return fail("请按提示修改标红的内容。", issuesByPath(parsed.error));
  const dateProblem = visitDateProblem(parsed.data.visitDate, l.data.app.term.applyStart, new Date());
  if (dateProblem) return fail(`${dateProblem}。`, { visitDate: dateProblem });
  const visitDate = new Date(`${parsed.data.visitDate}T00:00:00Z`);
  const sheet = scoreSheet(l.data.indicators, parsed.data.scores);
  if (!sheet.ok) return fail(sheet.message, sheet.fieldErrors);
  const app = l.data.app;
  const saved = await saveHomeVisit(scopeOf(user), app.id, {
    visitDate,
    visitors: parsed.data.visitors,
    findings: parsed.data.findings,
    scores: sheet.scores,
    totalScore: sheet.total,
    scoringModelId: l.data.model.id,
    recordedById: user.id,
  });
  if (!saved) return fail("该申请当前状态下不能记录入户调查（须已提交、退回修改中或已核实）。");
  // The home visit's answers count in the score: a simulated level stored before them is out of date.
  await refreshSimulation(scopeOf(user), app.id);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: app.schoolId,
    action: "homevisit.record",
    targetType: "Application",
    targetId: app.id,
    detail: { totalScore: sheet.total, scoringModelId: l.data.model.id },
  });
  return ok({ totalScore: sheet.total });
}
