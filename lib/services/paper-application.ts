/**
 * Paper applications (SPEC §2): the class teacher enters the paper form
 * (《家庭经济困难学生认定申请表》) for a student of their class, attaches the
 * scan and submits; the timeline shows it was entered by the teacher.
 * Reuses the applicant's household schema and the applications repository.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { SessionUser } from "@/lib/auth/session";
import {
  createDraft,
  editDraft,
  findApplicantStudent,
  findApplicationOfPerson,
  listOpenProgrammes,
  saveHousehold,
  setProgrammes,
  transitionApplication as transition,
  VersionConflict,
  type ApplicationView,
} from "@/lib/db/applications.repo";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { writeAudit } from "@/lib/db/audit.repo";
import { addScan, countScans, listPaperWork, listScans, SCAN_PURPOSE } from "@/lib/db/paper-application.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { decideTransition } from "@/lib/domain/application-state";
import { submissionProblems } from "@/lib/domain/submission";
import { draftVersionSchema, householdSchema, programmeChoiceSchema } from "@/lib/schemas/application";
import { MISSING_VERSION_MESSAGE, STALE_DRAFT_MESSAGE } from "./application-portal";
import { idSchema } from "@/lib/schemas/teacher";
import { EVIDENCE_MAX_BYTES, inspectEvidence, safeFileName } from "@/lib/domain/evidence";
import { evidenceStorage } from "@/lib/storage";
import { fail, ok, type ActionResult } from "./result";
import { storeOrRefuse } from "./stored-files";
import { guard, TEACHER_CONFLICT } from "./teacher-verification";

const NOT_FOUND = "未找到该学生，或该学生不在您负责的班级。";
export { SCAN_PURPOSE };

async function context(user: SessionUser, personId: string) {
  const g = guard(user, "paper.enter");
  if (!g.ok) return g;
  if (!idSchema.safeParse(personId).success) return fail(NOT_FOUND);
  const student = await findApplicantStudent(g.data.scope, personId);
  if (!student) return fail(NOT_FOUND);
  const term = await findCurrentTerm();
  if (!term) return fail("当前没有开放的资助学期。");
  const application = await findApplicationOfPerson(g.data.scope, personId, term.id);
  return ok({ g: g.data, student, term, application });
}

/** Students of the teacher's classes without an application this term (candidates for a paper form). */
export async function listPaperCandidates(user: SessionUser) {
  const g = guard(user, "paper.enter");
  if (!g.ok) return g;
  const term = await findCurrentTerm();
  if (!term) return ok({ candidates: [], entered: [] });
  const { candidates, entered } = await listPaperWork(g.data.scope, term.id);
  return ok({ candidates, entered });
}

export async function startPaperApplication(
  user: SessionUser,
  personId: string,
): Promise<ActionResult<{ applicationId: string }>> {
  const c = await context(user, personId);
  if (!c.ok) return c;
  if (c.data.application && !c.data.application.enteredOnPaper)
    return fail("该学生已在网上申请，不能再录入纸质申请。");
  const id =
    c.data.application?.id ??
    (await createDraft(
      c.data.student,
      c.data.term.id,
      { userId: user.id, role: user.role },
      { enteredOnPaper: true },
    ));
  if (!c.data.application)
    await writeAudit({
      actorUserId: user.id,
      actorRole: user.role,
      schoolId: c.data.student.schoolId,
      action: "paper.enter",
      targetType: "Application",
      targetId: id,
    });
  return ok({ applicationId: id });
}

export async function loadPaperApplication(user: SessionUser, personId: string) {
  const c = await context(user, personId);
  if (!c.ok) return c;
  const app = c.data.application;
  if (!app || !app.enteredOnPaper) return fail("请先在“录入纸质申请”中选择该学生开始录入。");
  const [programmes, scans] = await Promise.all([
    listOpenProgrammes(c.data.term.id, c.data.student.stage, c.data.student.schoolId),
    listScans(c.data.g.scope, app.id),
  ]);
  return ok({ student: c.data.student, application: app, programmes, scans });
}

async function editable(
  user: SessionUser,
  personId: string,
): Promise<
  ActionResult<{
    app: ApplicationView;
    ctx: Extract<Awaited<ReturnType<typeof context>>, { ok: true }>["data"];
  }>
> {
  const c = await context(user, personId);
  if (!c.ok) return c;
  const app = c.data.application;
  if (!app || !app.enteredOnPaper) return fail("请先开始录入纸质申请。");
  if (app.state !== "draft" && app.state !== "returned") return fail("该纸质申请已提交，不能再修改。");
  return ok({ app, ctx: c.data });
}

/** The version the form read (hidden `version` field), or null when the form carries none. */
function expectedVersionOf(raw: unknown): number | null {
  const v = draftVersionSchema.safeParse((raw as { version?: unknown } | null)?.version);
  return v.success ? v.data : null;
}

const editFailure = (stale: boolean) => fail(stale ? STALE_DRAFT_MESSAGE : TEACHER_CONFLICT);

export async function savePaperProgrammes(
  user: SessionUser,
  personId: string,
  raw: unknown,
): Promise<ActionResult<{ version: number }>> {
  const e = await editable(user, personId);
  if (!e.ok) return e;
  const version = expectedVersionOf(raw);
  if (version === null) return fail(MISSING_VERSION_MESSAGE);
  const parsed = programmeChoiceSchema.safeParse(raw);
  if (!parsed.success || parsed.data.programmeIds.length === 0) return fail("请至少选择一个资助项目。");
  const open = new Set(
    (await listOpenProgrammes(e.data.ctx.term.id, e.data.ctx.student.stage, e.data.ctx.student.schoolId)).map(
      (p) => p.programme.id,
    ),
  );
  if (parsed.data.programmeIds.some((id) => !open.has(id)))
    return fail("所选项目不对该学段开放，请重新选择。");
  const done = await editDraft(
    e.data.ctx.g.scope,
    e.data.app.id,
    (tx) => setProgrammes(tx, e.data.app.id, [...new Set(parsed.data.programmeIds)]),
    {},
    version,
  );
  return done.ok ? ok({ version: done.version }) : editFailure(done.stale);
}

export async function savePaperHousehold(
  user: SessionUser,
  personId: string,
  raw: unknown,
): Promise<ActionResult<{ version: number }>> {
  const e = await editable(user, personId);
  if (!e.ok) return e;
  const version = expectedVersionOf(raw);
  if (version === null) return fail(MISSING_VERSION_MESSAGE);
  const parsed = householdSchema.safeParse(raw);
  if (!parsed.success)
    return fail("INVALID", "请按提示修改标红的内容后再保存。", fieldErrorsOf(parsed.error));
  const done = await editDraft(
    e.data.ctx.g.scope,
    e.data.app.id,
    (tx) => saveHousehold(tx, e.data.app.id, parsed.data),
    {},
    version,
  );
  return done.ok ? ok({ version: done.version }) : editFailure(done.stale);
}

export async function attachScan(
  user: SessionUser,
  personId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<ActionResult<undefined>> {
  const e = await editable(user, personId);
  if (!e.ok) return e;
  if (file.bytes.length === 0) return fail("请选择纸质申请表的扫描件或照片。", { scan: "请选择文件" });
  if (file.bytes.length > EVIDENCE_MAX_BYTES)
    return fail("扫描件不能超过10MB，请压缩后重新上传。", { scan: "文件超过10MB" });
  // The same content check as the applicant's evidence: JPEG/PNG/PDF by their bytes, polyglots refused.
  const type = await inspectEvidence(file.bytes);
  if (!type.ok) return fail(type.message, { scan: "只能上传 JPG、PNG 或 PDF" });
  const stored = await storeOrRefuse(evidenceStorage(), file.bytes, "scan");
  if (!stored.ok) return stored;
  const storageKey = stored.data;
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const scan = {
    originalName: safeFileName(file.name || "纸质申请表", type.mimeType),
    mimeType: type.mimeType,
    sizeBytes: file.bytes.length,
    sha256,
    storageKey,
  };
  const id = await addScan(e.data.ctx.g.scope, e.data.app.id, scan, { userId: user.id, role: user.role });
  if (!id) {
    await evidenceStorage().delete(storageKey);
    return fail(NOT_FOUND);
  }
  return ok(undefined);
}

/** Submits the paper application on the applicant's behalf (the paper form carries their signed commitment). */
export async function submitPaperApplication(
  user: SessionUser,
  personId: string,
): Promise<ActionResult<undefined>> {
  const e = await editable(user, personId);
  if (!e.ok) return e;
  const app = e.data.app;
  const scans = await countScans(e.data.ctx.g.scope, app.id);
  const problems = submissionProblems({
    enrolmentConfirmed: true,
    policyAcknowledged: true,
    programmeCount: app.programmes.length,
    requiredFields: [...new Set(app.programmes.flatMap((p) => p.programme.requiredFields))],
    household: app.household,
    familyMemberCount: app.familyMembers.length,
    commitmentSigned: true,
  });
  if (scans === 0) problems.push("请上传纸质申请表的扫描件。");
  if (problems.length) return fail(problems.join(""));
  const d = decideTransition(
    { action: "submit", actorRole: user.role, from: app.state },
    { now: new Date(), windowOpen: true, returnDeadline: app.returnDeadline },
  );
  if (!d.ok) return fail(d.message);
  const now = new Date();
  try {
    await transition(e.data.ctx.g.scope, {
      applicationId: app.id,
      version: app.version,
      from: app.state,
      to: d.to,
      actor: { userId: user.id, role: user.role },
      comment: "班主任根据纸质申请表代为录入并提交（申请人已在纸质表上签署承诺）",
      fields: {
        enrolmentConfirmedAt: now,
        policyAcknowledgedAt: now,
        commitmentSignedAt: now,
        submittedAt: now,
      },
    });
  } catch (err) {
    if (err instanceof VersionConflict) return fail(TEACHER_CONFLICT);
    throw err;
  }
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: e.data.ctx.student.schoolId,
    action: "paper.submit",
    targetType: "Application",
    targetId: app.id,
  });
  return ok(undefined);
}
