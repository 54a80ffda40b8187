/**
 * The applicant's side of an application (every step of the applicant flow): the student
 * for themselves, or a parent for a bound child. Each function checks scope
 * (through the repositories), the stage's applicant, the term window and the
 * state machine, then writes in one transaction.
 */
import "server-only";
import {
  createDraft,
  editDraft,
  listOpenProgrammes,
  matchedCategories,
  reportEnrolmentIssue,
  saveHousehold,
  setProgrammes,
  transitionApplication as transition,
  type ApplicationView,
} from "@/lib/db/applications.repo";
import { listCountyRegions } from "@/lib/db/regions.repo";
import { applicantCanEdit, decideTransition, type ApplicationAction } from "@/lib/domain/application-state";
import { STAGE_LABELS } from "@/lib/domain/codes";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { submissionProblemItems, type SubmissionProblem } from "@/lib/domain/submission";
import { fieldErrorsOf, invalidInput } from "@/lib/forms/field-errors";
import {
  draftVersionSchema,
  enrolmentIssueSchema,
  householdSchema,
  programmeChoiceSchema,
  waiveSchema,
} from "@/lib/schemas/application";
import { moveApplication } from "./application-transition";
import { audit } from "./audit";
import { applicantContext, type ApplicantContext } from "./context";
import { notifyEnrolmentErrorReported, notifySubmissionReceived } from "./notifications/staff-events";

export const CONFLICT_MESSAGE =
  "该申请刚刚被他人处理（例如班主任已核实），您的操作没有生效。请刷新页面查看最新状态。";
export const STALE_DRAFT_MESSAGE =
  "您打开本页后，这份申请已在别处（另一个窗口，或另一位监护人）修改过。为免覆盖对方填写的内容，本次保存没有生效，您填写的内容仍保留在本页。请先复制需要的内容，刷新页面查看最新内容后再修改保存。";
export const MISSING_VERSION_MESSAGE = "页面已过期，请刷新后再保存。";

const actorOf = (ctx: ApplicantContext) => ({ userId: ctx.user.id, role: ctx.user.role });
const applicationTarget = (applicationId: string) => ({ type: "Application" as const, id: applicationId });

/** Starts (or returns) the draft for the current term; only within the window. */
export async function startApplication(
  ctx: ApplicantContext,
): Promise<ActionResult<{ applicationId: string }>> {
  if (ctx.application) return ok({ applicationId: ctx.application.id });
  if (ctx.window.status !== "open") return fail("REFUSED", ctx.window.message);
  const id = await createDraft(ctx.student, ctx.term.id, actorOf(ctx));
  await audit(ctx, "application.created", applicationTarget(id));
  return ok({ applicationId: id });
}

/** The application if the applicant may still change it (draft in the window, or returned before its deadline). */
export function applicantEditable(ctx: ApplicantContext): ActionResult<ApplicationView> {
  const app = ctx.application;
  if (!app) return fail("REFUSED", "请先开始申请。");
  if (!applicantCanEdit(app.state))
    return fail("REFUSED", "申请已提交，不能再修改。如需修改，请在班主任核实前撤回后重新提交。");
  if (app.state === "draft" && ctx.window.status !== "open") return fail("REFUSED", ctx.window.message);
  if (app.state === "returned" && app.returnDeadline && new Date() > app.returnDeadline)
    return fail("REFUSED", "修改期限已过，请联系班主任。");
  return ok(app);
}

async function edit(
  ctx: ApplicantContext,
  step: string,
  fn: Parameters<typeof editDraft>[2],
  fields: Parameters<typeof editDraft>[3] = {},
  expectedVersion?: number,
): Promise<ActionResult<{ version: number }>> {
  const editable = applicantEditable(ctx);
  if (!editable.ok) return editable;
  const done = await editDraft(
    ctx.scope,
    editable.data.id,
    fn,
    { ...fields, draftStep: step },
    expectedVersion,
  );
  if (done.ok) return ok({ version: done.version });
  return fail("CONFLICT", done.stale ? STALE_DRAFT_MESSAGE : CONFLICT_MESSAGE);
}

/** The version the form read (its hidden `version` field); every saving form must carry it. */
function expectedVersionOf(raw: unknown): number | null {
  const parsed = draftVersionSchema.safeParse((raw as { version?: unknown } | null)?.version);
  return parsed.success ? parsed.data : null;
}

export function confirmEnrolment(ctx: ApplicantContext) {
  return edit(ctx, "confirm", async () => undefined, { enrolmentConfirmedAt: new Date() });
}

export async function reportEnrolmentError(
  ctx: ApplicantContext,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const parsed = enrolmentIssueSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  await reportEnrolmentIssue(ctx.scope, ctx.student.studentId, ctx.user.id, parsed.data.content, (tx) =>
    notifyEnrolmentErrorReported(tx, ctx.student),
  );
  return ok(undefined);
}

export function acknowledgePolicy(ctx: ApplicantContext) {
  return edit(ctx, "policy", async () => undefined, { policyAcknowledgedAt: new Date() });
}

export async function chooseProgrammes(
  ctx: ApplicantContext,
  raw: unknown,
): Promise<ActionResult<{ version: number }>> {
  const version = expectedVersionOf(raw);
  if (version === null) return fail("CONFLICT", MISSING_VERSION_MESSAGE);
  const parsed = programmeChoiceSchema.safeParse(raw);
  if (!parsed.success)
    return fail("INVALID", "所选资助项目无效，请刷新后重试。", { programmeIds: "所选资助项目无效" });
  const open = await listOpenProgrammes(ctx.term.id, ctx.student.stage, ctx.student.schoolId);
  const allowed = new Set(open.map((offer) => offer.programme.id));
  const chosen = [...new Set(parsed.data.programmeIds)];
  if (chosen.length === 0)
    return fail("INVALID", "请至少选择一个资助项目。", { programmeIds: "请至少选择一个资助项目" });
  if (chosen.some((id) => !allowed.has(id)))
    return fail("INVALID", `所选项目不对${STAGE_LABELS[ctx.student.stage]}学生开放，请重新选择。`, {
      programmeIds: "所选项目不开放",
    });
  return edit(ctx, "programmes", (tx) => setProgrammes(tx, ctx.application!.id, chosen), {}, version);
}

/** Saves the household step; `raw.version` is the version the form was opened at (refused when stale). */
export async function saveHouseholdInfo(
  ctx: ApplicantContext,
  raw: unknown,
): Promise<ActionResult<{ version: number }>> {
  const version = expectedVersionOf(raw);
  if (version === null) return fail("CONFLICT", MISSING_VERSION_MESSAGE);
  const parsed = householdSchema.safeParse(raw);
  if (!parsed.success)
    return fail("INVALID", "请按提示修改标红的内容后再保存。", fieldErrorsOf(parsed.error));
  return edit(ctx, "household", (tx) => saveHousehold(tx, ctx.application!.id, parsed.data), {}, version);
}

/** The programmes open to the student's stage at their school this term (the programme step's choices). */
export function openProgrammesFor(ctx: ApplicantContext) {
  return listOpenProgrammes(ctx.term.id, ctx.student.stage, ctx.student.schoolId);
}

/** The county-level regions a household's residence is chosen from (household forms of applicant and teacher). */
export function residenceRegions() {
  return listCountyRegions();
}

/** Special-group categories from the school's lists, shown pre-filled and marked "由学校名单确认". */
export function confirmedCategories(ctx: ApplicantContext) {
  return matchedCategories(ctx.scope, ctx.student.personId);
}

async function move(
  ctx: ApplicantContext,
  action: ApplicationAction,
  opts: {
    reason?: string;
    comment?: string;
    fields?: Parameters<typeof transition>[1]["fields"];
    onWritten?: Parameters<typeof transition>[1]["onWritten"];
  } = {},
): Promise<ActionResult<undefined>> {
  const app = ctx.application;
  if (!app) return fail("REFUSED", "请先开始申请。");
  const decision = decideTransition(
    { action, actorRole: ctx.user.role, from: app.state, reason: opts.reason },
    {
      now: new Date(),
      windowOpen: ctx.window.status === "open",
      windowMessage: ctx.window.message,
      returnDeadline: app.returnDeadline,
    },
  );
  if (!decision.ok) return fail("REFUSED", decision.message);
  const moved = await moveApplication(
    ctx.scope,
    app,
    {
      to: decision.to,
      actor: actorOf(ctx),
      comment: opts.comment ?? null,
      fields: opts.fields,
      onWritten: opts.onWritten,
    },
    CONFLICT_MESSAGE,
  );
  if (!moved.ok) return moved;
  await audit(ctx, `application.${action}`, applicationTarget(app.id), { from: app.state, to: decision.to });
  return ok(undefined);
}

export function problemsBeforeSubmit(app: ApplicationView, commitmentSigned: boolean): string[] {
  return problemItemsBeforeSubmit(app, commitmentSigned).map((p) => p.message);
}

/** The problems with the step of the applicant flow where each is fixed (the submit page links back to it). */
export function problemItemsBeforeSubmit(
  app: ApplicationView,
  commitmentSigned: boolean,
): SubmissionProblem[] {
  return submissionProblemItems({
    enrolmentConfirmed: app.enrolmentConfirmedAt !== null,
    policyAcknowledged: app.policyAcknowledgedAt !== null,
    programmeCount: app.programmes.length,
    requiredFields: [...new Set(app.programmes.flatMap((p) => p.programme.requiredFields))],
    household: app.household,
    familyMemberCount: app.familyMembers.length,
    commitmentSigned,
  });
}

/** Signs the credit commitment (信用承诺) and submits. */
export async function submitApplication(
  ctx: ApplicantContext,
  commitment: boolean,
): Promise<ActionResult<undefined>> {
  const app = ctx.application;
  if (!app) return fail("REFUSED", "请先开始申请。");
  const problems = problemsBeforeSubmit(app, commitment);
  if (problems.length) return fail("REFUSED", problems.join(""));
  const now = new Date();
  return move(ctx, "submit", {
    comment: app.state === "returned" ? "已按要求修改后重新提交" : "已签署诚信承诺并提交",
    fields: { commitmentSignedAt: now, submittedAt: now },
    onWritten: (tx) => notifySubmissionReceived(tx, ctx.student, app),
  });
}

export async function waiveApplication(
  ctx: ApplicantContext,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const parsed = waiveSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  if (!ctx.application) {
    const started = await startApplication(ctx);
    if (!started.ok) return started;
    const reloaded = await applicantContext(ctx.user, ctx.student.personId);
    if (!reloaded.ok) return reloaded;
    ctx = reloaded.data;
  }
  return move(ctx, "waive", {
    reason: parsed.data.reason,
    comment: parsed.data.reason || "放弃申请",
    fields: { waiverReason: parsed.data.reason || null },
  });
}

export function withdrawApplication(ctx: ApplicantContext) {
  return move(ctx, "withdraw", { comment: "申请人撤回" });
}

export function reopenApplication(ctx: ApplicantContext) {
  return move(ctx, "reopen", { comment: "重新填写申请" });
}
