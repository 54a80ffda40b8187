/**
 * The applicant's side of an application (SPEC §4 steps 1–8): the student
 * for themselves, or a parent for a bound child. Each function checks scope
 * (through the repositories), the stage's applicant, the term window and the
 * state machine, then writes in one transaction.
 */
import "server-only";
import { scopeOf } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import {
  createDraft,
  editDraft,
  findApplicantStudent,
  findApplicationOfPerson,
  listOpenProgrammes,
  matchedCategories,
  reportEnrolmentIssue,
  saveHousehold,
  setProgrammes,
  transitionApplication as transition,
  VersionConflict,
  type ApplicantStudent,
  type ApplicationView,
} from "@/lib/db/applications.repo";
import { writeAudit } from "@/lib/db/audit.repo";
import { findCurrentTerm, termDatesForSchool, type CurrentTerm } from "@/lib/db/terms.repo";
import { applicantRoleFor } from "@/lib/domain/applicant";
import { decideTransition, applicantCanEdit, type ApplicationAction } from "@/lib/domain/application-state";
import { STAGE_LABELS } from "@/lib/domain/codes";
import { submissionProblemItems, type SubmissionProblem } from "@/lib/domain/submission";
import { applicationWindow, type TermDates, type WindowStatus } from "@/lib/domain/term-window";
import {
  enrolmentIssueSchema,
  draftVersionSchema,
  householdSchema,
  issuesByPath,
  personIdSchema,
  programmeChoiceSchema,
  waiveSchema,
} from "@/lib/schemas/application";
import { fail, ok, type ActionResult } from "./result";

export const CONFLICT_MESSAGE =
  "该申请刚刚被他人处理（例如班主任已核实），您的操作没有生效。请刷新页面查看最新状态。";
export const STALE_DRAFT_MESSAGE =
  "您打开本页后，这份申请已在别处（另一个窗口，或另一位监护人）修改过。为免覆盖对方填写的内容，本次保存没有生效，您填写的内容仍保留在本页。请先复制需要的内容，刷新页面查看最新内容后再修改保存。";
export const MISSING_VERSION_MESSAGE = "页面已过期，请刷新后再保存。";
export const NOT_FOUND_MESSAGE = "未找到该学生，或您无权为其申请。";

export type ApplicantContext = {
  user: SessionUser;
  student: ApplicantStudent;
  term: CurrentTerm;
  dates: TermDates;
  window: WindowStatus;
  application: ApplicationView | null;
};

/** Everything an applicant page needs, or a Chinese reason why the applicant cannot act for this person. */
export async function loadApplicantContext(
  user: SessionUser,
  personId: string,
  now = new Date(),
): Promise<ActionResult<ApplicantContext>> {
  if (user.role !== "STUDENT" && user.role !== "PARENT") return fail("只有学生本人或家长可以在这里申请。");
  // The id comes from the address bar: anything malformed is simply "not found" (found by fuzzing: NUL crashed the query).
  if (!personIdSchema.safeParse(personId).success) return fail(NOT_FOUND_MESSAGE);
  const scope = scopeOf(user);
  const student = await findApplicantStudent(scope, personId);
  if (!student) return fail(NOT_FOUND_MESSAGE);
  if (applicantRoleFor(student.stage) !== user.role) {
    return fail(
      user.role === "PARENT"
        ? `${STAGE_LABELS[student.stage]}学生由本人登录申请，家长无需代为申请。`
        : `${STAGE_LABELS[student.stage]}阶段由家长（监护人）登录申请。`,
    );
  }
  const term = await findCurrentTerm();
  if (!term) return fail("当前没有开放的资助学期。");
  const dates = await termDatesForSchool(term, student.schoolId);
  const application = await findApplicationOfPerson(scope, personId, term.id);
  return ok({ user, student, term, dates, window: applicationWindow(dates, now), application });
}

const actorOf = (ctx: ApplicantContext) => ({ userId: ctx.user.id, role: ctx.user.role });

async function audit(
  ctx: ApplicantContext,
  action: string,
  applicationId: string,
  detail?: Record<string, string>,
) {
  await writeAudit({
    actorUserId: ctx.user.id,
    actorRole: ctx.user.role,
    schoolId: ctx.student.schoolId,
    action,
    targetType: "Application",
    targetId: applicationId,
    detail,
  });
}

/** Starts (or returns) the draft for the current term; only within the window. */
export async function startApplication(
  ctx: ApplicantContext,
): Promise<ActionResult<{ applicationId: string }>> {
  if (ctx.application) return ok({ applicationId: ctx.application.id });
  if (ctx.window.status !== "open") return fail(ctx.window.message);
  const id = await createDraft(ctx.student, ctx.term.id, actorOf(ctx));
  await audit(ctx, "application.created", id);
  return ok({ applicationId: id });
}

/** The application if the applicant may still change it (draft in the window, or returned before its deadline). */
export function applicantEditable(ctx: ApplicantContext): ActionResult<ApplicationView> {
  const app = ctx.application;
  if (!app) return fail("请先开始申请。");
  if (!applicantCanEdit(app.state))
    return fail("申请已提交，不能再修改。如需修改，请在班主任核实前撤回后重新提交。");
  if (app.state === "draft" && ctx.window.status !== "open") return fail(ctx.window.message);
  if (app.state === "returned" && app.returnDeadline && new Date() > app.returnDeadline)
    return fail("修改期限已过，请联系班主任。");
  return ok(app);
}

async function edit(
  ctx: ApplicantContext,
  step: string,
  fn: Parameters<typeof editDraft>[2],
  fields: Parameters<typeof editDraft>[3] = {},
  expectedVersion?: number,
): Promise<ActionResult<{ version: number }>> {
  const e = applicantEditable(ctx);
  if (!e.ok) return e;
  const done = await editDraft(
    scopeOf(ctx.user),
    e.data.id,
    fn,
    { ...fields, draftStep: step },
    expectedVersion,
  );
  if (done.ok) return ok({ version: done.version });
  return fail(done.stale ? STALE_DRAFT_MESSAGE : CONFLICT_MESSAGE);
}

/** The version the form read (its hidden `version` field); every saving form must carry it. */
function expectedVersionOf(raw: unknown): number | null {
  const v = draftVersionSchema.safeParse((raw as { version?: unknown } | null)?.version);
  return v.success ? v.data : null;
}

export function confirmEnrolment(ctx: ApplicantContext) {
  return edit(ctx, "confirm", async () => undefined, { enrolmentConfirmedAt: new Date() });
}

export async function reportEnrolmentError(
  ctx: ApplicantContext,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const parsed = enrolmentIssueSchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues[0]!.message, issuesByPath(parsed.error));
  await reportEnrolmentIssue(scopeOf(ctx.user), ctx.student.studentId, ctx.user.id, parsed.data.content);
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
  if (version === null) return fail(MISSING_VERSION_MESSAGE);
  const parsed = programmeChoiceSchema.safeParse(raw);
  if (!parsed.success) return fail("所选资助项目无效，请刷新后重试。");
  const open = await listOpenProgrammes(ctx.term.id, ctx.student.stage, ctx.student.schoolId);
  const allowed = new Set(open.map((p) => p.programme.id));
  const chosen = [...new Set(parsed.data.programmeIds)];
  if (chosen.length === 0) return fail("请至少选择一个资助项目。");
  if (chosen.some((id) => !allowed.has(id)))
    return fail(`所选项目不对${STAGE_LABELS[ctx.student.stage]}学生开放，请重新选择。`);
  return edit(ctx, "programmes", (tx) => setProgrammes(tx, ctx.application!.id, chosen), {}, version);
}

/** Saves the household step; `raw.version` is the version the form was opened at (refused when stale). */
export async function saveHouseholdInfo(
  ctx: ApplicantContext,
  raw: unknown,
): Promise<ActionResult<{ version: number }>> {
  const version = expectedVersionOf(raw);
  if (version === null) return fail(MISSING_VERSION_MESSAGE);
  const parsed = householdSchema.safeParse(raw);
  if (!parsed.success) return fail("请按提示修改标红的内容后再保存。", issuesByPath(parsed.error));
  return edit(ctx, "household", (tx) => saveHousehold(tx, ctx.application!.id, parsed.data), {}, version);
}

/** Special-group categories from the school's lists, shown pre-filled and marked "由学校名单确认". */
export function confirmedCategories(ctx: ApplicantContext) {
  return matchedCategories(scopeOf(ctx.user), ctx.student.personId);
}

async function move(
  ctx: ApplicantContext,
  action: ApplicationAction,
  opts: { reason?: string; comment?: string; fields?: Parameters<typeof transition>[1]["fields"] } = {},
): Promise<ActionResult<undefined>> {
  const app = ctx.application;
  if (!app) return fail("请先开始申请。");
  const d = decideTransition(
    { action, actorRole: ctx.user.role, from: app.state, reason: opts.reason },
    {
      now: new Date(),
      windowOpen: ctx.window.status === "open",
      windowMessage: ctx.window.message,
      returnDeadline: app.returnDeadline,
    },
  );
  if (!d.ok) return fail(d.message);
  try {
    await transition(scopeOf(ctx.user), {
      applicationId: app.id,
      version: app.version,
      from: app.state,
      to: d.to,
      actor: actorOf(ctx),
      comment: opts.comment ?? null,
      fields: opts.fields,
    });
  } catch (e) {
    if (e instanceof VersionConflict) return fail(CONFLICT_MESSAGE);
    throw e;
  }
  await audit(ctx, `application.${action}`, app.id, { from: app.state, to: d.to });
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
  if (!app) return fail("请先开始申请。");
  const problems = problemsBeforeSubmit(app, commitment);
  if (problems.length) return fail(problems.join(""));
  const now = new Date();
  return move(ctx, "submit", {
    comment: app.state === "returned" ? "已按要求修改后重新提交" : "已签署诚信承诺并提交",
    fields: { commitmentSignedAt: now, submittedAt: now },
  });
}

export async function waiveApplication(
  ctx: ApplicantContext,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const parsed = waiveSchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues[0]!.message);
  if (!ctx.application) {
    const started = await startApplication(ctx);
    if (!started.ok) return started;
    const reloaded = await loadApplicantContext(ctx.user, ctx.student.personId);
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
