/**
 * The determination process: the committees' recorded steps (grade committee, school committee…) in their
 * order, with no applicant sitting on a committee evaluating them, and the leader's sign-off.
 */
import "server-only";
import { listGrades } from "@/lib/db/determination-queue.repo";
import { lastDeterminationChange } from "@/lib/db/final-level.repo";
import { committeeApplicantNames, processFacts } from "@/lib/db/process-order.repo";
import { addReviewStep, lastStepAt, listReviewSteps } from "@/lib/db/review-steps.repo";
import { REVIEW_STEP_LABELS } from "@/lib/domain/codes";
import { signOffProblem } from "@/lib/domain/determination";
import { applicantMemberProblem, stepOrderProblem } from "@/lib/domain/process-order";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { formatBeijingDate } from "@/lib/domain/time";
import { parseInput } from "@/lib/forms/field-errors";
import { signOffSchema, stepSchema } from "@/lib/schemas/determination";
import { audit } from "./audit";
import { schoolTermContext } from "./context";

const GRADE_NOT_FOUND = "未找到该年级。";

/** Records one committee step of the current term, refusing one out of order or with an applicant as member. */
export async function recordReviewStep(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ id: string }>> {
  const ctx = await schoolTermContext(user, "determination.committee_step");
  if (!ctx.ok) return ctx;
  const input = parseInput(stepSchema, raw);
  if (!input.ok) return input;
  const { scope, term } = ctx.data;
  const { kind, gradeId, comment } = input.data;
  if (kind === "GRADE_COMMITTEE" && !gradeId)
    return fail("INVALID", "请选择年级：年级认定小组按年级审核。", { gradeId: "请选择年级" });
  if (gradeId && !(await listGrades(scope)).some((grade) => grade.id === gradeId))
    return fail("NOT_FOUND", GRADE_NOT_FOUND, { gradeId: GRADE_NOT_FOUND });
  const members = input.data.members
    ? input.data.members
        .split(/[，,、\s]+/)
        .filter(Boolean)
        .map((name) => ({ name }))
    : undefined;
  if (members && (kind === "GRADE_COMMITTEE" || kind === "SCHOOL_COMMITTEE")) {
    // An applicant may not sit on a committee evaluating them (the grade's, or the school's applicants).
    const clash = applicantMemberProblem(
      members,
      await committeeApplicantNames(scope, term.id, kind === "GRADE_COMMITTEE" ? gradeId : null),
      REVIEW_STEP_LABELS[kind].replace(/审核.*$/, ""),
    );
    if (clash) return fail("INVALID", clash, { members: clash });
  }
  const order = stepOrderProblem(
    kind,
    await processFacts(scope, term.id, gradeId, formatBeijingDate(new Date())),
  );
  if (order) return fail("REFUSED", order);
  const step = await addReviewStep(scope, {
    termId: term.id,
    kind,
    gradeId,
    actorId: ctx.data.user.id,
    members,
    comment,
  });
  if (!step) return fail("NOT_FOUND", GRADE_NOT_FOUND, { gradeId: GRADE_NOT_FOUND });
  await audit(ctx.data, "determination.step", { type: "ReviewStep", id: step.id }, { kind });
  return ok({ id: step.id });
}

/** The school leader signs the term's results off, after the school committee. */
export async function signOffDetermination(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ id: string }>> {
  const ctx = await schoolTermContext(user, "determination.sign_off");
  if (!ctx.ok) return ctx;
  const input = parseInput(signOffSchema, raw);
  if (!input.ok) return input;
  const problem = signOffProblem(await lastStepAt(ctx.data.scope, ctx.data.term.id, "SCHOOL_COMMITTEE"));
  if (problem) return fail("REFUSED", problem);
  const step = await addReviewStep(ctx.data.scope, {
    termId: ctx.data.term.id,
    kind: "LEADER_SIGNOFF",
    gradeId: null,
    actorId: ctx.data.user.id,
    members: undefined,
    comment: input.data.comment,
  });
  await audit(ctx.data, "determination.sign_off", { type: "ReviewStep", id: step!.id });
  return ok({ id: step!.id });
}

/** The term's recorded steps, the last change of a level, whether the school is a village school, its grades. */
export async function loadReviewProcess(user: SessionUser) {
  const ctx = await schoolTermContext(user, "determination.queue");
  if (!ctx.ok) return ctx;
  const { scope, term } = ctx.data;
  const [steps, lastChange, facts, grades] = await Promise.all([
    listReviewSteps(scope, term.id),
    lastDeterminationChange(scope, term.id),
    processFacts(scope, term.id, null, formatBeijingDate(new Date())),
    listGrades(scope),
  ]);
  return ok({
    term,
    steps: steps.map((step) => ({ ...step, label: REVIEW_STEP_LABELS[step.kind] })),
    lastChange,
    isVillage: facts.isVillage,
    grades,
  });
}
