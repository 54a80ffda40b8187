/**
 * The class teacher's application work (广东试点细则, docs/policy-sources.md): the monitor per class,
 * verification (核实) or return with reason and deadline, what changed since a
 * return, and the home visit with the scoring sheet. Every function checks
 * the access matrix for the caller, then works inside the caller's scope.
 */
import "server-only";
import type { Action } from "@/lib/auth/access";
import { fieldErrorsOf, parseInput } from "@/lib/forms/field-errors";
import { activeScoringModel } from "@/lib/db/scoring-model.repo";
import { refreshSimulation } from "./simulation";

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
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { moveApplication } from "./application-transition";
import type { Tx } from "@/lib/db/client";
import {
  notifyApplicationReturned,
  notifyApplicationVerified,
  applicantOf,
} from "./notifications/applicant-events";
import { audit } from "./audit";
import { teacherContext, type TeacherContext } from "./context";

export const NOT_FOUND = "未找到该申请，或该学生不在您负责的班级。";
export const TEACHER_CONFLICT =
  "该申请刚刚被他人处理（例如申请人已撤回），您的操作没有生效。请刷新页面查看最新状态。";
export const PAGE_SIZE = 20;

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
  const ctx = teacherContext(user, "application.monitor");
  if (!ctx.ok) return ctx;
  const query = monitorQuerySchema.safeParse(raw);
  if (!query.success) return fail("INVALID", "筛选条件无效。");
  const classes = await listMyClasses(ctx.data.scope);
  const klass = query.data.classId
    ? (classes.find((candidate) => candidate.id === query.data.classId) ?? null)
    : (classes[0] ?? null);
  if (query.data.classId && !klass) return fail("NOT_FOUND", "未找到该班级，或该班级不由您负责。");
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
    state: query.data.state,
  };
  if (!klass || !term) return ok(empty);
  const { counts, rows, total } = await monitorOverview(ctx.data.scope, {
    classId: klass.id,
    termId: term.id,
    state: query.data.state,
    page: query.data.page,
    pageSize: PAGE_SIZE,
  });
  return ok({ ...empty, counts, rate: collectionRate(counts), rows, total, page: query.data.page });
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
  const ctx = teacherContext(user, "application.inspect");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(applicationId).success) return fail("NOT_FOUND", NOT_FOUND);
  const app = await findForReview(ctx.data.scope, applicationId);
  if (!app) return fail("NOT_FOUND", NOT_FOUND);
  const term = await findCurrentTerm();
  const dates =
    term && term.id === app.termId
      ? await termDatesForSchool(term, app.schoolId)
      : { verifyDeadline: app.term.verifyDeadline };
  const current = toSnapshot({
    ...app,
    programmeNames: app.programmes.map((choice) => choice.programme.name),
    evidenceCount: app.evidence.length,
  });
  const changes =
    app.returnSnapshot && app.state === "submitted"
      ? diffSnapshots(app.returnSnapshot as unknown as ApplicationSnapshot, current)
      : null;
  const suggested = resolveReturnDeadline(now, dates.verifyDeadline, null);
  await audit(ctx.data, "application.inspect", { type: "Application", id: app.id });
  return ok({
    app,
    changes,
    verifyDeadline: dates.verifyDeadline,
    defaultDeadline: suggested.ok ? formatBeijingDate(suggested.deadline) : "",
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
  ctx: TeacherContext,
  app: ReviewView,
  action: "verify" | "return",
  opts: {
    comment: string;
    reason?: string;
    deadline?: Date;
    fields: Prisma.ApplicationUpdateManyMutationInput;
    /** The event's notifications, written in the move's transaction. */
    notify: (tx: Tx) => Promise<unknown>;
  },
  now: Date,
): Promise<ActionResult<undefined>> {
  const decision = decideTransition(
    { action, actorRole: ctx.user.role, from: app.state, reason: opts.reason, deadline: opts.deadline },
    { now, windowOpen: true, verifyDeadline: await verifyDeadlineOf(app) },
  );
  if (!decision.ok) return fail("REFUSED", decision.message);
  const moved = await moveApplication(
    ctx.scope,
    app,
    {
      to: decision.to,
      actor: { userId: ctx.user.id, role: ctx.user.role },
      comment: opts.comment,
      fields: opts.fields,
      onWritten: opts.notify,
    },
    TEACHER_CONFLICT,
  );
  if (!moved.ok) return moved;
  await audit(
    ctx,
    `application.${action}`,
    { type: "Application", id: app.id },
    { from: app.state, to: decision.to, ...(opts.reason ? { reason: opts.reason } : {}) },
  );
  return ok(undefined);
}

/** Loads the application for an action; `version` is what the teacher saw (a stale page is a conflict). */
async function loadFor(
  user: SessionUser,
  action: Action,
  applicationId: string,
  version?: number,
): Promise<ActionResult<{ ctx: TeacherContext; app: ReviewView }>> {
  const ctx = teacherContext(user, action);
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(applicationId).success) return fail("NOT_FOUND", NOT_FOUND);
  const app = await findForReview(ctx.data.scope, applicationId);
  if (!app) return fail("NOT_FOUND", NOT_FOUND);
  if (version !== undefined && version !== app.version) return fail("CONFLICT", TEACHER_CONFLICT);
  return ok({ ctx: ctx.data, app });
}

export async function verifyApplication(
  user: SessionUser,
  applicationId: string,
  version?: number,
  now = new Date(),
): Promise<ActionResult<undefined>> {
  const loaded = await loadFor(user, "application.verify", applicationId, version);
  if (!loaded.ok) return loaded;
  const moved = await move(
    loaded.data.ctx,
    loaded.data.app,
    "verify",
    {
      comment: "班主任已核对佐证材料，核实通过",
      fields: { verifiedAt: now, returnSnapshot: Prisma.DbNull },
      notify: (tx) => notifyApplicationVerified(tx, applicantOf(loaded.data.app)),
    },
    now,
  );
  // The application now waits in the school's queue: store its simulated level (derived data) with it.
  if (moved.ok) await refreshSimulation(loaded.data.ctx.scope, loaded.data.app.id);
  return moved;
}

export async function returnApplication(
  user: SessionUser,
  applicationId: string,
  raw: unknown,
  version?: number,
  now = new Date(),
): Promise<ActionResult<{ deadline: Date }>> {
  const loaded = await loadFor(user, "application.return", applicationId, version);
  if (!loaded.ok) return loaded;
  // The applicant edits only the regular application (lib/services/context.ts applicantContext).
  if (loaded.data.app.kind === "ADJUSTMENT")
    return fail("REFUSED", "动态调整申请不能退回申请人修改；情况不符时请由学校资助办撤回该调整。");
  const parsed = parseInput(returnSchema, raw);
  if (!parsed.ok) return parsed;
  const verifyDeadline = await verifyDeadlineOf(loaded.data.app);
  let requested: Date | null = null;
  if (parsed.data.deadline) {
    // The chosen day's end, but on the verification deadline's own day no later than the deadline itself.
    requested =
      parsed.data.deadline === formatBeijingDate(verifyDeadline)
        ? verifyDeadline
        : beijingEndOfDay(parsed.data.deadline);
    if (Number.isNaN(requested.getTime()))
      return fail("INVALID", "修改截止日期无效，请重新选择。", { deadline: "修改截止日期无效，请重新选择" });
  }
  const resolved = resolveReturnDeadline(now, verifyDeadline, requested);
  if (!resolved.ok) return fail("INVALID", resolved.message, { deadline: resolved.message });
  const deadline = resolved.deadline;
  const snapshot = await snapshotOf(loaded.data.app.id);
  const moved = await move(
    loaded.data.ctx,
    loaded.data.app,
    "return",
    {
      comment: parsed.data.reason,
      reason: parsed.data.reason,
      deadline,
      fields: {
        returnReason: parsed.data.reason,
        returnDeadline: deadline,
        returnSnapshot: snapshot as unknown as Prisma.InputJsonValue,
      },
      notify: (tx) =>
        notifyApplicationReturned(tx, applicantOf(loaded.data.app), parsed.data.reason, deadline),
    },
    now,
  );
  return moved.ok ? ok({ deadline }) : moved;
}

// ───────────── home visit ─────────────

export type HomeVisitPage = {
  ctx: TeacherContext;
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
  const loaded = await loadFor(user, "homevisit.record", applicationId);
  if (!loaded.ok) return loaded;
  const model = await activeScoringModel(loaded.data.app.schoolId);
  if (!model) return fail("REFUSED", "学校还没有可用的量化认定模型，请联系学校资助管理员。");
  return ok({
    ctx: loaded.data.ctx,
    app: loaded.data.app,
    model: { id: model.id, name: model.name, version: model.version },
    dateRange: visitDateRange(loaded.data.app.term.applyStart, new Date()),
    indicators: homeVisitIndicators(model.config),
  });
}

export async function recordHomeVisit(
  user: SessionUser,
  applicationId: string,
  raw: unknown,
): Promise<ActionResult<{ totalScore: number }>> {
  const page = await loadHomeVisit(user, applicationId);
  if (!page.ok) return page;
  const parsed = homeVisitSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改标红的内容。", fieldErrorsOf(parsed.error));
  const dateProblem = visitDateProblem(parsed.data.visitDate, page.data.app.term.applyStart, new Date());
  if (dateProblem) return fail("INVALID", `${dateProblem}。`, { visitDate: dateProblem });
  const visitDate = new Date(`${parsed.data.visitDate}T00:00:00Z`);
  const sheet = scoreSheet(page.data.indicators, parsed.data.scores);
  if (!sheet.ok) return fail("INVALID", sheet.message, sheet.fieldErrors);
  const { app, ctx } = page.data;
  const saved = await saveHomeVisit(ctx.scope, app.id, {
    visitDate,
    visitors: parsed.data.visitors,
    findings: parsed.data.findings,
    scores: sheet.scores,
    totalScore: sheet.total,
    scoringModelId: page.data.model.id,
    recordedById: user.id,
  });
  if (!saved) return fail("REFUSED", "该申请当前状态下不能记录入户调查（须已提交、退回修改中或已核实）。");
  // The home visit's answers count in the score: a simulated level stored before them is out of date.
  await refreshSimulation(ctx.scope, app.id);
  await audit(
    ctx,
    "homevisit.record",
    { type: "Application", id: app.id },
    { totalScore: sheet.total, scoringModelId: page.data.model.id },
  );
  return ok({ totalScore: sheet.total });
}
