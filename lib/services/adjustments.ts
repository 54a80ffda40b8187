/**
 * Adjustment within the year (动态调整; seed 003 三.2, rules in lib/domain/adjustments.ts). Outside the
 * application window a class teacher (own class) or the aid office opens an adjustment for one student after a
 * sudden event: a second application of the term (lib/db/adjustments.repo.ts) that the class teacher verifies
 * and the school determines as usual (lib/services/teacher-verification.ts, lib/services/final-level.ts), then
 * a publicity of its own (createAdjustmentPublicity); when that publicity is finalised
 * (lib/services/publicity.ts finalisePublicity) its level replaces the earlier one from that day.
 */
import "server-only";
import { decide } from "@/lib/auth/access";
import {
  adjustableCandidates,
  adjustmentCandidates,
  AdjustmentsAlreadyPublicised,
  attachPublicity,
  createAdjustment,
  findOfRecord,
  levelPeriods,
  listAdjustments,
  withdrawAdjustment,
} from "@/lib/db/adjustments.repo";
import { findApplicantStudent } from "@/lib/db/applications.repo";
import { createBatch } from "@/lib/db/publicity.repo";
import { termDatesForSchool } from "@/lib/db/terms.repo";
import {
  ADJUSTMENT_EVENT_LABELS,
  adjustableProblem,
  adjustmentWindowProblem,
  levelOn,
} from "@/lib/domain/adjustments";
import { HARDSHIP_LEVEL_LABELS } from "@/lib/domain/codes";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { applicationWindow } from "@/lib/domain/term-window";
import { formatBeijingDate } from "@/lib/domain/time";
import { MIN_PUBLICITY_WORKING_DAYS, publicityEndDate } from "@/lib/domain/working-days";
import { parseInput } from "@/lib/forms/field-errors";
import { isId } from "@/lib/schemas/id";
import {
  adjustmentPublicitySchema,
  openAdjustmentSchema,
  withdrawAdjustmentSchema,
} from "@/lib/schemas/adjustments";
import { audit } from "./audit";
import { schoolTermContext } from "./context";
import { publicityStartProblem, schoolCalendar } from "./publicity";

const STUDENT_NOT_FOUND = "未找到该学生，或该学生不在您负责的范围内。";
const ADJUSTMENT_NOT_FOUND = "未找到该动态调整，或它已结束。";
export const OPEN_EXISTS = "该学生已有一项进行中的动态调整，请等它生效或撤回后再发起。";

/** Opens an adjustment for one student of the caller's class (teacher) or school (aid office). */
export async function openAdjustment(
  user: SessionUser,
  raw: unknown,
  now = new Date(),
): Promise<ActionResult<{ applicationId: string }>> {
  const ctx = await schoolTermContext(user, "adjustment.open");
  if (!ctx.ok) return ctx;
  const input = parseInput(openAdjustmentSchema, raw);
  if (!input.ok) return input;
  const { scope, term, schoolId } = ctx.data;
  const student = await findApplicantStudent(scope, input.data.personId);
  if (!student) return fail("NOT_FOUND", STUDENT_NOT_FOUND, { personId: STUDENT_NOT_FOUND });
  const windowProblem = adjustmentWindowProblem(
    applicationWindow(await termDatesForSchool(term, schoolId), now),
  );
  if (windowProblem) return fail("REFUSED", windowProblem);
  const earlier = await findOfRecord(scope, input.data.personId, term.id);
  const problem = adjustableProblem(
    earlier ? { state: earlier.state, revoked: Boolean(earlier.determination?.revokedAt) } : null,
  );
  if (problem || !earlier) return fail("REFUSED", problem ?? STUDENT_NOT_FOUND);
  const eventLabel = ADJUSTMENT_EVENT_LABELS[input.data.event];
  const created = await createAdjustment(earlier, {
    event: input.data.event,
    reason: input.data.reason,
    actor: { userId: user.id, role: user.role },
    comment: `发起动态调整（${eventLabel}）：${input.data.reason}`,
  });
  if (created === "open-exists") return fail("CONFLICT", OPEN_EXISTS, { personId: OPEN_EXISTS });
  await audit(
    ctx.data,
    "adjustment.open",
    { type: "Application", id: created.id },
    { adjusts: earlier.id, event: input.data.event, reason: input.data.reason },
  );
  return ok({ applicationId: created.id });
}

/** The adjustments page: the term's adjustments, the students that may be adjusted, and whether it is possible now. */
export async function loadAdjustments(user: SessionUser, now = new Date()) {
  const ctx = await schoolTermContext(user, "adjustment.list");
  if (!ctx.ok) return ctx;
  const { scope, term, schoolId } = ctx.data;
  const window = applicationWindow(await termDatesForSchool(term, schoolId), now);
  const [adjustments, students] = await Promise.all([
    listAdjustments(scope, term.id),
    adjustableCandidates(scope, term.id),
  ]);
  return ok({
    term,
    windowProblem: adjustmentWindowProblem(window),
    adjustments,
    students,
    publicityCandidates: decide(user, "adjustment.publicise").ok
      ? await adjustmentCandidates(scope, term.id)
      : [],
  });
}

/** Withdraws an open adjustment (e.g. an objection to it was sustained); the earlier level stays. */
export async function withdrawOpenAdjustment(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "adjustment.withdraw");
  if (!ctx.ok) return ctx;
  const input = parseInput(withdrawAdjustmentSchema, raw);
  if (!input.ok) return input;
  const done = await withdrawAdjustment(ctx.data.scope, {
    applicationId: input.data.applicationId,
    reason: input.data.reason,
    actor: { userId: user.id, role: user.role },
  });
  if (!done) return fail("NOT_FOUND", ADJUSTMENT_NOT_FOUND);
  await audit(
    ctx.data,
    "adjustment.withdraw",
    { type: "Application", id: input.data.applicationId },
    { reason: input.data.reason },
  );
  return ok(undefined);
}

/**
 * The publicity of the determined adjustments not yet publicised: school-wide, the school's working-day
 * minimum (lib/domain/working-days.ts), listing name, class and the new level only; objections as usual.
 */
export async function createAdjustmentPublicity(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ id: string; endDate: string; items: number }>> {
  const ctx = await schoolTermContext(user, "adjustment.publicise");
  if (!ctx.ok) return ctx;
  const input = parseInput(adjustmentPublicitySchema, raw);
  if (!input.ok) return input;
  const { startDate } = input.data;
  const badStart = publicityStartProblem(startDate);
  if (badStart) return badStart;
  const { scope, term } = ctx.data;
  const candidates = await adjustmentCandidates(scope, term.id);
  if (candidates.length === 0) return fail("REFUSED", "没有已认定、待公示的动态调整。");
  const workingDays = MIN_PUBLICITY_WORKING_DAYS.SCHOOL;
  const endDate = publicityEndDate(startDate, workingDays, await schoolCalendar(scope));
  const batch = await createBatch(
    scope,
    {
      termId: term.id,
      scope: "SCHOOL",
      gradeId: null,
      title: `${term.name}家庭经济困难学生认定动态调整结果公示`,
      startDate: new Date(`${startDate}T00:00:00Z`),
      endDate: new Date(`${endDate}T00:00:00Z`),
      workingDays,
      createdById: user.id,
      kind: "ADJUSTMENT",
    },
    candidates.map((candidate) => ({
      applicationId: candidate.applicationId,
      studentName: candidate.name,
      className: candidate.className,
      result: HARDSHIP_LEVEL_LABELS[candidate.level],
    })),
    (tx, batchId) =>
      attachPublicity(
        tx,
        scope,
        candidates.map((candidate) => candidate.applicationId),
        batchId,
      ),
  ).catch((error: unknown) => {
    if (error instanceof AdjustmentsAlreadyPublicised) return "taken" as const;
    throw error;
  });
  if (batch === "taken") return fail("CONFLICT", "这些动态调整刚刚已被公示，请刷新页面查看。");
  if (!batch) return fail("NOT_FOUND", "未找到学校。");
  await audit(
    ctx.data,
    "adjustment.publicity",
    { type: "PublicityBatch", id: batch.id },
    { items: candidates.length, endDate },
  );
  return ok({ id: batch.id, endDate, items: candidates.length });
}

/**
 * A student's levels in the current term over time (the regular determination and each effective adjustment)
 * and the level on `day`: what the aid archive and the portal show.
 */
export async function studentLevelHistory(user: SessionUser, personId: string, day?: string) {
  const ctx = await schoolTermContext(user, "adjustment.list");
  if (!ctx.ok) return ctx;
  if (!isId(personId)) return fail("NOT_FOUND", STUDENT_NOT_FOUND);
  const periods = await levelPeriods(ctx.data.scope, personId, ctx.data.term.id);
  if (periods.length === 0) return fail("NOT_FOUND", STUDENT_NOT_FOUND);
  const on = day ?? formatBeijingDate(new Date());
  return ok({ periods, day: on, level: levelOn(periods, on) });
}
