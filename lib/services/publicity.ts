/**
 * Publicity (公示; 招远细则: ≥ 2 working days for a grade, ≥ 5 for the school,
 * lib/domain/working-days.ts): batches with a working-day period, the public
 * page (name, class, level only), objections by the school community,
 * answers by the admin, finalisation blocked by unresolved objections, and
 * the applicant's own result with a review request (复议) during publicity.
 */
import "server-only";
import { isId } from "@/lib/schemas/id";
import type { SessionUser } from "@/lib/domain/session-user";
import { parseInput } from "@/lib/forms/field-errors";
import { calendarDaysOfSchool, deleteSchoolDay, listSchoolDays, saveSchoolDay } from "@/lib/db/calendar.repo";
import { listGrades } from "@/lib/db/determination-queue.repo";
import { lastDeterminationChange } from "@/lib/db/final-level.repo";
import { adjustmentsOfPerson, makeAdjustmentsEffective } from "@/lib/db/adjustments.repo";
import { lastStepAt } from "@/lib/db/review-steps.repo";
import {
  answerObjection as saveObjectionAnswer,
  batchesListing,
  createBatch,
  fileObjection as prepareObjection,
  findBatchForAdmin,
  findOwnResult,
  findPublicBatch,
  gradeCandidates,
  listBatches,
  listCommunityBatches,
  pendingApplications,
  type Candidate,
  type PendingApplication,
  openObjectionCount,
  ownObjections,
  ownReviewRequests,
  schoolCandidates,
  setBatchState,
} from "@/lib/db/publicity.repo";
import { lastGradePublicityEnd, processFacts } from "@/lib/db/process-order.repo";
import { findRoster } from "@/lib/db/aid-roster.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { HARDSHIP_LEVEL_LABELS, PUBLICITY_SCOPE_LABELS } from "@/lib/domain/codes";
import { schoolPublicityProblem } from "@/lib/domain/determination";
import { centreReviewProblem, schoolPublicityOverlapProblem } from "@/lib/domain/process-order";

import { formatBeijingDate } from "@/lib/domain/time";
import {
  MIN_PUBLICITY_WORKING_DAYS,
  parseDay,
  publicityEndDate,
  withSchoolDays,
  calendarOf,
  type HolidayCalendar,
} from "@/lib/domain/working-days";
import {
  answerSchema,
  calendarDaySchema,
  idSchema,
  objectionSchema,
  publicitySchema,
  reviewRequestSchema,
} from "@/lib/schemas/determination";
import { limitAttempt, objectionLimits, reviewRequestLimits } from "@/lib/security/rate-limit";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { audit } from "./audit";
import { notifyObjectionFiled } from "./notifications/staff-events";
import { notifyObjectionAnswered, notifyPublicityStarted } from "./notifications/applicant-events";
import { accessContext, schoolTermContext } from "./context";
import { followUpPublicityProblem } from "./follow-up";
import { recordResultViewed } from "@/lib/db/follow-up.repo";

export const BATCH_NOT_FOUND = "未找到该公示，或您无权查看。";
const day = (d: Date) => d.toISOString().slice(0, 10);

/** open / not started / ended, from Beijing today and the batch's dates. */
export function publicityPhase(
  batch: { startDate: Date; endDate: Date },
  now = new Date(),
): "before" | "open" | "ended" {
  const today = formatBeijingDate(now);
  if (today < day(batch.startDate)) return "before";
  return today > day(batch.endDate) ? "ended" : "open";
}

/**
 * The national calendar (data a province supervisor extends each year: lib/db/holiday-calendar.repo.ts) with
 * the school's own days off and make-up working days.
 */
/** Why a publicity cannot start on `startDate` (a day that does not exist, or before today in Beijing), or null. */
export function publicityStartProblem(startDate: string, now = new Date()) {
  try {
    parseDay(startDate);
  } catch {
    return fail("INVALID", "开始日期不存在，请重新选择。", { startDate: "开始日期不存在" });
  }
  if (startDate < formatBeijingDate(now))
    return fail("INVALID", "公示开始日期不能早于今天。", { startDate: "公示开始日期不能早于今天" });
  return null;
}

export async function schoolCalendar(scope: Parameters<typeof listSchoolDays>[0]): Promise<HolidayCalendar> {
  const days = await calendarDaysOfSchool(scope);
  return withSchoolDays(
    calendarOf(days.national),
    days.school.map((d) => ({ day: day(d.day), working: d.working })),
  );
}

export async function loadCalendar(user: SessionUser) {
  const ctx = await schoolTermContext(user, "publicity.manage");
  if (!ctx.ok) return ctx;
  const days = await listSchoolDays(ctx.data.scope);
  return ok(days.map((calendarDay) => ({ ...calendarDay, day: day(calendarDay.day) })));
}

export async function saveCalendarDay(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "publicity.manage");
  if (!ctx.ok) return ctx;
  const input = parseInput(calendarDaySchema, raw);
  if (!input.ok) return input;
  try {
    parseDay(input.data.day);
  } catch {
    return fail("INVALID", "日期不存在，请重新选择。", { day: "日期不存在" });
  }
  const saved = await saveSchoolDay(ctx.data.scope, {
    day: new Date(`${input.data.day}T00:00:00Z`),
    working: input.data.working,
    note: input.data.note || null,
    createdById: user.id,
  });
  if (!saved) return fail("NOT_FOUND", "未找到学校。");
  await audit(
    ctx.data,
    "calendar.save",
    { type: "SchoolCalendarDay", id: saved.id },
    { day: input.data.day, working: input.data.working },
  );
  return ok(undefined);
}

export async function deleteCalendarDay(user: SessionUser, idRaw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "publicity.manage");
  if (!ctx.ok) return ctx;
  const id = idSchema.safeParse(idRaw);
  if (!id.success || !(await deleteSchoolDay(ctx.data.scope, id.data)))
    return fail("NOT_FOUND", "未找到该日期。");
  await audit(ctx.data, "calendar.delete", { type: "SchoolCalendarDay", id: id.data });
  return ok(undefined);
}

export type PublicityPlan = {
  title: string;
  endDate: string;
  candidates: Candidate[];
  /** Applications of the same grade/school still waiting for their level: not on the list yet. */
  pending: PendingApplication[];
};

/**
 * Who a publicity would list, before anything is published (the preview on
 * /console/determination/publicity): the same checks and candidates as
 * createPublicity, and the applications still undetermined.
 */
export async function planPublicity(user: SessionUser, raw: unknown): Promise<ActionResult<PublicityPlan>> {
  const planned = await publicityPlan(user, raw);
  return planned.ok ? ok(planned.data.plan) : planned;
}

async function publicityPlan(user: SessionUser, raw: unknown) {
  const ctx = await schoolTermContext(user, "publicity.manage");
  if (!ctx.ok) return ctx;
  const input = parseInput(publicitySchema, raw);
  if (!input.ok) return input;
  const { scope, term } = ctx.data;
  const { startDate, workingDays, gradeId } = input.data;
  const badStart = publicityStartProblem(startDate);
  if (badStart) return badStart;
  const minimum = MIN_PUBLICITY_WORKING_DAYS[input.data.scope];
  if (workingDays < minimum) {
    const message = `${PUBLICITY_SCOPE_LABELS[input.data.scope]}不少于${minimum}个工作日`;
    return fail("INVALID", message, { workingDays: message });
  }
  let title: string;
  let candidates;
  if (input.data.scope === "GRADE") {
    const grade = (await listGrades(scope)).find((candidate) => candidate.id === gradeId);
    if (!grade) return fail("NOT_FOUND", "未找到该年级。", { gradeId: "未找到该年级" });
    if (!(await lastStepAt(scope, term.id, "GRADE_COMMITTEE", grade.id)))
      return fail("REFUSED", "年级认定小组尚未审核，不能进行年级公示。");
    candidates = await gradeCandidates(scope, term.id, grade.id);
    title = `${term.name}${grade.name}家庭经济困难学生认定结果公示`;
  } else {
    const problem = schoolPublicityProblem({
      committeeAt: await lastStepAt(scope, term.id, "SCHOOL_COMMITTEE"),
      signOffAt: await lastStepAt(scope, term.id, "LEADER_SIGNOFF"),
      lastChangeAt: await lastDeterminationChange(scope, term.id),
    });
    if (problem) return fail("REFUSED", problem);
    // Village schools: the town centre school reviews after the signature; and never overlapping a grade publicity.
    const facts = await processFacts(scope, term.id, null, formatBeijingDate(new Date()));
    const order =
      centreReviewProblem(facts) ??
      (facts.gradesWithoutEndedPublicity.length
        ? `年级公示结束后才能进行学校公示。尚未公示或公示未结束的年级：${facts.gradesWithoutEndedPublicity.join("、")}。`
        : null) ??
      schoolPublicityOverlapProblem(startDate, await lastGradePublicityEnd(scope, term.id));
    if (order)
      return order.includes("请选择") ? fail("INVALID", order, { startDate: order }) : fail("REFUSED", order);
    // Seed 003 六.2(5): the satisfaction survey and the follow-up visits come before the school's publicity.
    const followUp = await followUpPublicityProblem(scope, term.id);
    if (followUp) return fail("REFUSED", followUp);
    candidates = await schoolCandidates(scope, term.id);
    title = `${term.name}家庭经济困难学生认定结果公示`;
  }
  if (candidates.length === 0) return fail("REFUSED", "没有可公示的认定结果。");
  const endDate = publicityEndDate(startDate, workingDays, await schoolCalendar(scope));
  const pending = await pendingApplications(scope, term.id, input.data.scope === "GRADE" ? gradeId : null);
  return ok({ ctx: ctx.data, input: input.data, plan: { title, endDate, candidates, pending } });
}

export async function createPublicity(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ id: string; endDate: string; items: number }>> {
  const planned = await publicityPlan(user, raw);
  if (!planned.ok) return planned;
  const { ctx, input } = planned.data;
  const { title, endDate, candidates, pending } = planned.data.plan;
  // Publishing while applications are still undetermined leaves them off the list: only on purpose.
  if (pending.length > 0 && !input.acknowledgePending) {
    const message = `还有${pending.length}份申请尚未认定，不会出现在本次公示中。请先预览名单，确认后勾选"已知晓"再发布。`;
    return fail("INVALID", message, { acknowledgePending: message });
  }
  const batch = await createBatch(
    ctx.scope,
    {
      termId: ctx.term.id,
      scope: input.scope,
      gradeId: input.gradeId,
      title,
      startDate: new Date(`${input.startDate}T00:00:00Z`),
      endDate: new Date(`${endDate}T00:00:00Z`),
      workingDays: input.workingDays,
      createdById: user.id,
    },
    candidates.map((candidate) => ({
      applicationId: candidate.applicationId,
      studentName: candidate.name,
      className: candidate.className,
      result: HARDSHIP_LEVEL_LABELS[candidate.level],
    })),
    (tx, batchId) =>
      notifyPublicityStarted(tx, {
        id: batchId,
        schoolId: ctx.schoolId,
        termId: ctx.term.id,
        gradeId: input.scope === "GRADE" ? input.gradeId : null,
        title,
        endDate,
      }),
  );
  if (!batch) return fail("NOT_FOUND", BATCH_NOT_FOUND);
  await audit(
    ctx,
    "publicity.create",
    { type: "PublicityBatch", id: batch.id },
    { scope: input.scope, items: candidates.length, endDate },
  );
  return ok({ id: batch.id, endDate, items: candidates.length });
}

/** 受助名单公示: an approved roster, school-wide, at least 5 working days; items show name, class and programme. */
export async function createRosterPublicity(
  user: SessionUser,
  rosterId: string,
  startDate: string,
): Promise<ActionResult<{ id: string; endDate: string; items: number }>> {
  const ctx = await schoolTermContext(user, "publicity.manage");
  if (!ctx.ok) return ctx;
  const roster = isId(rosterId) ? await findRoster(ctx.data.scope, rosterId) : null;
  if (!roster) return fail("NOT_FOUND", "未找到该资助名单，或您无权查看。");
  if (roster.state !== "APPROVED") return fail("REFUSED", "名单审核通过后才能公示。");
  if (roster.entries.length === 0) return fail("REFUSED", "名单为空。");
  const badStart = publicityStartProblem(startDate);
  if (badStart) return badStart;
  const workingDays = MIN_PUBLICITY_WORKING_DAYS.SCHOOL;
  const endDate = publicityEndDate(startDate, workingDays, await schoolCalendar(ctx.data.scope));
  const batch = await createBatch(
    ctx.data.scope,
    {
      termId: roster.termId,
      scope: "SCHOOL",
      gradeId: null,
      title: `${roster.term.name}${roster.programme.name}受助学生名单公示`,
      startDate: new Date(`${startDate}T00:00:00Z`),
      endDate: new Date(`${endDate}T00:00:00Z`),
      workingDays,
      createdById: user.id,
      kind: "ROSTER",
      rosterId: roster.id,
    },
    roster.entries.map((entry) => ({
      applicationId: entry.applicationId,
      studentName: entry.student.person.name,
      className: `${entry.student.grade.name}${entry.student.class.name}`,
      result: `${roster.programme.name}${entry.level ? `（${HARDSHIP_LEVEL_LABELS[entry.level]}）` : ""}`,
    })),
    (tx, batchId) =>
      notifyPublicityStarted(tx, {
        id: batchId,
        schoolId: ctx.data.schoolId,
        termId: roster.termId,
        gradeId: null,
        title: `${roster.term.name}${roster.programme.name}受助学生名单公示`,
        endDate,
      }),
  );
  if (!batch) return fail("NOT_FOUND", BATCH_NOT_FOUND);
  await audit(
    ctx.data,
    "publicity.create_roster",
    { type: "PublicityBatch", id: batch.id },
    { rosterId, items: roster.entries.length, endDate },
  );
  return ok({ id: batch.id, endDate, items: roster.entries.length });
}

export async function loadBatches(user: SessionUser) {
  const ctx = await schoolTermContext(user, "publicity.manage");
  if (!ctx.ok) return ctx;
  const [batches, grades] = await Promise.all([
    listBatches(ctx.data.scope, ctx.data.term.id),
    listGrades(ctx.data.scope),
  ]);
  return ok({ term: ctx.data.term, batches, grades });
}

export async function loadBatchAdmin(user: SessionUser, batchId: string) {
  const ctx = await schoolTermContext(user, "publicity.manage");
  if (!ctx.ok) return ctx;
  const batch = isId(batchId) ? await findBatchForAdmin(ctx.data.scope, batchId) : null;
  return batch ? ok(batch) : fail("NOT_FOUND", BATCH_NOT_FOUND);
}

/** The public page: only name, class and result. */
export async function viewPublicity(user: SessionUser, batchId: string) {
  const ctx = accessContext(user, "publicity.view");
  if (!ctx.ok) return ctx;
  const batch = isId(batchId) ? await findPublicBatch(ctx.data.scope, batchId) : null;
  if (!batch) return fail("NOT_FOUND", BATCH_NOT_FOUND);
  // The filer sees their own objections and the school's answers; nobody else's.
  const mine = await ownObjections(user.id, batch.id);
  return ok({ ...batch, phase: publicityPhase(batch), ownObjections: mine });
}

/** The current term's publicity of the caller's school community, for the home pages (empty when none or not allowed). */
export async function communityPublicity(user: SessionUser) {
  const ctx = accessContext(user, "publicity.view");
  if (!ctx.ok) return [];
  const term = await findCurrentTerm();
  if (!term) return [];
  const batches = await listCommunityBatches(ctx.data.scope, term.id);
  return batches.map((batch) => ({ ...batch, phase: publicityPhase(batch) }));
}

/** Files an objection during publicity; rate-limited per account and per address (lib/security/rate-limit.ts). */
export async function fileObjection(
  user: SessionUser,
  raw: unknown,
  ip: string | null = null,
): Promise<ActionResult<{ id: string }>> {
  const ctx = accessContext(user, "publicity.object");
  if (!ctx.ok) return ctx;
  const input = parseInput(objectionSchema, raw);
  if (!input.ok) return input;
  const limited = await limitAttempt(objectionLimits(user.id, ip));
  if (!limited.ok) return fail("LIMIT", limited.message);
  const pending = await prepareObjection(
    ctx.data.scope,
    input.data.batchId,
    user.id,
    "OBJECTION",
    input.data.content,
  );
  if (!pending) return fail("NOT_FOUND", BATCH_NOT_FOUND);
  if (publicityPhase(pending.batch) !== "open") return fail("REFUSED", "只能在公示期内提出异议。");
  const objection = await pending.create((tx) => notifyObjectionFiled(tx, pending.batch));
  await audit(
    { user, schoolId: pending.batch.schoolId },
    "publicity.objection",
    { type: "Objection", id: objection.id },
    undefined,
    { ip },
  );
  return ok(objection);
}

export async function answerObjection(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "publicity.manage");
  if (!ctx.ok) return ctx;
  const input = parseInput(answerSchema, raw);
  if (!input.ok) return input;
  const outcome = await saveObjectionAnswer(
    ctx.data.scope,
    input.data.objectionId,
    user.id,
    input.data.answer,
    (tx, objection) =>
      notifyObjectionAnswered(tx, {
        filerId: objection.filedById,
        schoolId: objection.schoolId,
        reviewRequest: objection.kind === "REVIEW_REQUEST",
      }),
  );
  if (outcome === "missing") return fail("NOT_FOUND", "未找到该异议。");
  if (outcome === "done") return fail("CONFLICT", "该异议已处理。");
  await audit(ctx.data, "publicity.answer", { type: "Objection", id: input.data.objectionId });
  return ok(undefined);
}

/** Ends a batch: the period must be over and every objection and review request answered. */
export async function finalisePublicity(
  user: SessionUser,
  batchId: string,
  now = new Date(),
): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "publicity.manage");
  if (!ctx.ok) return ctx;
  const batch = isId(batchId) ? await findBatchForAdmin(ctx.data.scope, batchId) : null;
  if (!batch) return fail("NOT_FOUND", BATCH_NOT_FOUND);
  if (batch.state === "FINAL") return fail("CONFLICT", "该公示已确定最终结果。");
  if (publicityPhase(batch, now) !== "ended")
    return fail("REFUSED", `公示期至 ${day(batch.endDate)} 结束，期满后才能确定最终结果。`);
  const open = await openObjectionCount(batch.id);
  if (open > 0) return fail("REFUSED", `还有${open}条异议或复议申请未处理，处理完毕后才能确定最终结果。`);
  if (batch.kind !== "ADJUSTMENT") {
    await setBatchState(batch.id, "FINAL");
    await audit(ctx.data, "publicity.finalise", { type: "PublicityBatch", id: batch.id });
    return ok(undefined);
  }
  // An adjustment publicity ends without a pending objection: its levels replace the earlier ones from today,
  // in the transaction that makes the batch final.
  const effectiveFrom = formatBeijingDate(now);
  const effective = await makeAdjustmentsEffective(batch.id, new Date(`${effectiveFrom}T00:00:00Z`));
  if (!effective) return fail("CONFLICT", "该公示已确定最终结果。");
  await audit(ctx.data, "publicity.finalise", { type: "PublicityBatch", id: batch.id });
  for (const adjustment of effective)
    await audit(
      ctx.data,
      "adjustment.effective",
      { type: "Application", id: adjustment.applicationId },
      { replaces: adjustment.adjustsId, effectiveFrom, batchId: batch.id },
    );
  return ok(undefined);
}

// ── the applicant's side ──

const NO_APPLICATION = "没有找到本学期的申请。";

export async function ownResult(user: SessionUser, personId: string) {
  const ctx = accessContext(user, "result.view");
  if (!ctx.ok) return ctx;
  if (!isId(personId)) return fail("NOT_FOUND", NO_APPLICATION);
  const term = await findCurrentTerm();
  if (!term) return fail("REFUSED", "当前没有资助学期。");
  const application = await findOwnResult(ctx.data.scope, personId, term.id);
  if (!application) return fail("NOT_FOUND", NO_APPLICATION);
  // The applicant sees their final result: the result was fed back (lib/services/follow-up.ts).
  if (application.state === "determined" && application.determination?.finalLevel)
    await recordResultViewed(application.id);
  // Adjustments within the year are shown like an application, and their publicity with the others.
  const adjustments = await adjustmentsOfPerson(ctx.data.scope, personId, term.id);
  const batches = await batchesListing([
    application.id,
    ...adjustments.map((adjustment) => adjustment.applicationId),
  ]);
  const requests = await ownReviewRequests(
    user.id,
    batches.map((batch) => batch.id),
  );
  return ok({
    term,
    app: application,
    adjustments,
    batches: batches.map((batch) => ({ ...batch, phase: publicityPhase(batch) })),
    requests,
  });
}

/**
 * The applicant's 复议 request during publicity. Rate-limited on its own counters (not the objections'),
 * and only once the request is otherwise valid, so neither objections nor refused attempts use it up.
 */
export async function requestReview(
  user: SessionUser,
  raw: unknown,
  ip: string | null = null,
): Promise<ActionResult<{ id: string }>> {
  const ctx = accessContext(user, "result.review_request");
  if (!ctx.ok) return ctx;
  const input = parseInput(reviewRequestSchema, raw);
  if (!input.ok) return input;
  const term = await findCurrentTerm();
  if (!term) return fail("REFUSED", "当前没有资助学期。");
  const application = await findOwnResult(ctx.data.scope, input.data.personId, term.id);
  if (!application) return fail("NOT_FOUND", NO_APPLICATION);
  const adjustments = await adjustmentsOfPerson(ctx.data.scope, input.data.personId, term.id);
  const open = (
    await batchesListing([application.id, ...adjustments.map((adjustment) => adjustment.applicationId)])
  ).find((batch) => publicityPhase(batch) === "open");
  if (!open) return fail("REFUSED", "只能在认定结果公示期内申请复议。");
  const pending = await prepareObjection(
    ctx.data.scope,
    open.id,
    user.id,
    "REVIEW_REQUEST",
    input.data.content,
  );
  if (!pending) return fail("NOT_FOUND", NO_APPLICATION);
  const limited = await limitAttempt(reviewRequestLimits(user.id, ip));
  if (!limited.ok) return fail("LIMIT", limited.message);
  const request = await pending.create((tx) => notifyObjectionFiled(tx, pending.batch));
  await audit(
    { user, schoolId: application.schoolId },
    "result.review_request",
    { type: "Objection", id: request.id },
    undefined,
    { ip },
  );
  return ok(request);
}
