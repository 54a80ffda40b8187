/**
 * Paper applications (SPEC §2): the class teacher enters the paper form
 * (《家庭经济困难学生认定申请表》) for a student of their class, attaches the
 * scan and submits; the timeline shows it was entered by the teacher.
 * Reuses the applicant's household schema and the applications repository.
 */
import type { SessionUser } from "@/lib/auth/session";
import { createDraft, editDraft, findApplicantStudent, findApplicationOfPerson, listOpenProgrammes, saveHousehold, setProgrammes, transition, VersionConflict, type ApplicationView } from "@/lib/db/applications.repo";
import { writeAudit } from "@/lib/db/audit.repo";
import { db } from "@/lib/db/client";
import { applicationWhere, studentWhere } from "@/lib/db/scope";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { decideTransition } from "@/lib/domain/application-state";
import { submissionProblems } from "@/lib/domain/submission";
import { householdSchema, issuesByPath, programmeChoiceSchema } from "@/lib/schemas/application";
import { idSchema } from "@/lib/schemas/teacher";
import { MAX_SCAN_BYTES, sniffScanType, storeScan } from "@/lib/storage/scan-store";
import { fail, ok, type ActionResult } from "./result";
import { guard, TEACHER_CONFLICT } from "./teacher-verification";

const NOT_FOUND = "未找到该学生，或该学生不在您负责的班级。";
export const SCAN_PURPOSE = "paper_form";

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
  const [candidates, entered] = await Promise.all([
    db().student.findMany({
      where: { AND: [studentWhere(g.data.scope), { status: "IN_SCHOOL", person: { applications: { none: { termId: term.id } } } }] },
      select: { id: true, personId: true, person: { select: { name: true } }, class: { select: { name: true, grade: { select: { name: true } } } } },
      orderBy: [{ classId: "asc" }, { person: { name: "asc" } }], take: 500,
    }),
    db().application.findMany({
      where: { AND: [applicationWhere(g.data.scope), { termId: term.id, enteredOnPaper: true }] },
      select: { id: true, personId: true, state: true, person: { select: { name: true } } }, orderBy: { createdAt: "desc" }, take: 200,
    }),
  ]);
  return ok({ candidates, entered });
}

export async function startPaperApplication(user: SessionUser, personId: string): Promise<ActionResult<{ applicationId: string }>> {
  const c = await context(user, personId);
  if (!c.ok) return c;
  if (c.data.application && !c.data.application.enteredOnPaper) return fail("该学生已在网上申请，不能再录入纸质申请。");
  const id = c.data.application?.id ?? (await createDraft(c.data.student, c.data.term.id, { userId: user.id, role: user.role }, { enteredOnPaper: true }));
  if (!c.data.application) await writeAudit({ actorUserId: user.id, actorRole: user.role, schoolId: c.data.student.schoolId, action: "paper.enter", targetType: "Application", targetId: id });
  return ok({ applicationId: id });
}

export async function loadPaperApplication(user: SessionUser, personId: string) {
  const c = await context(user, personId);
  if (!c.ok) return c;
  const app = c.data.application;
  if (!app || !app.enteredOnPaper) return fail("请先在“录入纸质申请”中选择该学生开始录入。");
  const [programmes, scans] = await Promise.all([
    listOpenProgrammes(c.data.term.id, c.data.student.stage, c.data.student.schoolId),
    db().evidenceFile.findMany({ where: { applicationId: app.id, purpose: SCAN_PURPOSE }, select: { id: true, originalName: true, sizeBytes: true, createdAt: true } }),
  ]);
  return ok({ student: c.data.student, application: app, programmes, scans });
}

async function editable(user: SessionUser, personId: string): Promise<ActionResult<{ app: ApplicationView; ctx: Extract<Awaited<ReturnType<typeof context>>, { ok: true }>["data"] }>> {
  const c = await context(user, personId);
  if (!c.ok) return c;
  const app = c.data.application;
  if (!app || !app.enteredOnPaper) return fail("请先开始录入纸质申请。");
  if (app.state !== "draft" && app.state !== "returned") return fail("该纸质申请已提交，不能再修改。");
  return ok({ app, ctx: c.data });
}

export async function savePaperProgrammes(user: SessionUser, personId: string, raw: unknown): Promise<ActionResult<undefined>> {
  const e = await editable(user, personId);
  if (!e.ok) return e;
  const parsed = programmeChoiceSchema.safeParse(raw);
  if (!parsed.success || parsed.data.programmeIds.length === 0) return fail("请至少选择一个资助项目。");
  const open = new Set((await listOpenProgrammes(e.data.ctx.term.id, e.data.ctx.student.stage, e.data.ctx.student.schoolId)).map((p) => p.programme.id));
  if (parsed.data.programmeIds.some((id) => !open.has(id))) return fail("所选项目不对该学段开放，请重新选择。");
  const done = await editDraft(e.data.ctx.g.scope, e.data.app.id, (tx) => setProgrammes(tx, e.data.app.id, [...new Set(parsed.data.programmeIds)]));
  return done ? ok(undefined) : fail(TEACHER_CONFLICT);
}

export async function savePaperHousehold(user: SessionUser, personId: string, raw: unknown): Promise<ActionResult<undefined>> {
  const e = await editable(user, personId);
  if (!e.ok) return e;
  const parsed = householdSchema.safeParse(raw);
  if (!parsed.success) return fail("请按提示修改标红的内容后再保存。", issuesByPath(parsed.error));
  const done = await editDraft(e.data.ctx.g.scope, e.data.app.id, (tx) => saveHousehold(tx, e.data.app.id, parsed.data));
  return done ? ok(undefined) : fail(TEACHER_CONFLICT);
}

export async function attachScan(user: SessionUser, personId: string, file: { name: string; bytes: Uint8Array }): Promise<ActionResult<undefined>> {
  const e = await editable(user, personId);
  if (!e.ok) return e;
  if (file.bytes.length === 0) return fail("请选择纸质申请表的扫描件或照片。", { scan: "请选择文件" });
  if (file.bytes.length > MAX_SCAN_BYTES) return fail("扫描件不能超过10MB，请压缩后重新上传。", { scan: "文件超过10MB" });
  const mimeType = sniffScanType(file.bytes);
  if (!mimeType) return fail("扫描件只能是 JPG、PNG 图片或 PDF 文件。", { scan: "只能上传 JPG、PNG 或 PDF" });
  const stored = await storeScan(file.bytes);
  const f = await db().evidenceFile.create({
    data: { applicationId: e.data.app.id, purpose: SCAN_PURPOSE, originalName: file.name.slice(0, 120) || "纸质申请表", mimeType, sizeBytes: file.bytes.length, sha256: stored.sha256, storageKey: stored.storageKey, uploadedById: user.id },
    select: { id: true },
  });
  await writeAudit({ actorUserId: user.id, actorRole: user.role, schoolId: e.data.ctx.student.schoolId, action: "paper.scan_attached", targetType: "EvidenceFile", targetId: f.id, detail: { applicationId: e.data.app.id } });
  return ok(undefined);
}

/** Submits the paper application on the applicant's behalf (the paper form carries their signed commitment). */
export async function submitPaperApplication(user: SessionUser, personId: string): Promise<ActionResult<undefined>> {
  const e = await editable(user, personId);
  if (!e.ok) return e;
  const app = e.data.app;
  const scans = await db().evidenceFile.count({ where: { applicationId: app.id, purpose: SCAN_PURPOSE } });
  const problems = submissionProblems({
    enrolmentConfirmed: true, policyAcknowledged: true, programmeCount: app.programmes.length,
    requiredFields: [...new Set(app.programmes.flatMap((p) => p.programme.requiredFields))], household: app.household, familyMemberCount: app.familyMembers.length, commitmentSigned: true,
  });
  if (scans === 0) problems.push("请上传纸质申请表的扫描件。");
  if (problems.length) return fail(problems.join(""));
  const d = decideTransition({ action: "submit", actorRole: user.role, from: app.state }, { now: new Date(), windowOpen: true, returnDeadline: app.returnDeadline });
  if (!d.ok) return fail(d.message);
  const now = new Date();
  try {
    await transition(e.data.ctx.g.scope, {
      applicationId: app.id, version: app.version, from: app.state, to: d.to, actor: { userId: user.id, role: user.role },
      comment: "班主任根据纸质申请表代为录入并提交（申请人已在纸质表上签署承诺）",
      fields: { enrolmentConfirmedAt: now, policyAcknowledgedAt: now, commitmentSignedAt: now, submittedAt: now },
    });
  } catch (err) {
    if (err instanceof VersionConflict) return fail(TEACHER_CONFLICT);
    throw err;
  }
  await writeAudit({ actorUserId: user.id, actorRole: user.role, schoolId: e.data.ctx.student.schoolId, action: "paper.submit", targetType: "Application", targetId: app.id });
  return ok(undefined);
}
