/**
 * Paper applications: the class teacher enters the paper form
 * (《家庭经济困难学生认定申请表》) for a student of their class, attaches the
 * scan and submits; the timeline shows it was entered by the teacher.
 * Reuses the applicant's household schema and the applications repository.
 */
import "server-only";
import { createHash } from "node:crypto";
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
  type ApplicantStudent,
  type ApplicationView,
} from "@/lib/db/applications.repo";
import { addScan, countScans, listPaperWork, listScans, SCAN_PURPOSE } from "@/lib/db/paper-application.repo";
import { findCurrentTerm, type CurrentTerm } from "@/lib/db/terms.repo";
import { decideTransition } from "@/lib/domain/application-state";
import { EVIDENCE_MAX_BYTES, inspectEvidence, safeFileName } from "@/lib/domain/evidence";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { submissionProblems } from "@/lib/domain/submission";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { draftVersionSchema, householdSchema, programmeChoiceSchema } from "@/lib/schemas/application";
import { idSchema } from "@/lib/schemas/teacher";
import { evidenceStorage } from "@/lib/storage";
import { MISSING_VERSION_MESSAGE, STALE_DRAFT_MESSAGE } from "./application-portal";
import { audit } from "./audit";
import { teacherContext, type TeacherContext } from "./context";
import { storeOrRefuse } from "./stored-files";
import { TEACHER_CONFLICT } from "./teacher-verification";

const NOT_FOUND = "未找到该学生，或该学生不在您负责的班级。";
export { SCAN_PURPOSE };

/** The teacher's context for one student of their class, with the current term and this term's application. */
type PaperContext = {
  teacher: TeacherContext;
  student: ApplicantStudent;
  term: CurrentTerm;
  application: ApplicationView | null;
};

async function paperContext(user: SessionUser, personId: string): Promise<ActionResult<PaperContext>> {
  const ctx = teacherContext(user, "paper.enter");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(personId).success) return fail("NOT_FOUND", NOT_FOUND);
  const student = await findApplicantStudent(ctx.data.scope, personId);
  if (!student) return fail("NOT_FOUND", NOT_FOUND);
  const term = await findCurrentTerm();
  if (!term) return fail("REFUSED", "当前没有开放的资助学期。");
  const application = await findApplicationOfPerson(ctx.data.scope, personId, term.id);
  return ok({ teacher: ctx.data, student, term, application });
}

/** Students of the teacher's classes without an application this term (candidates for a paper form). */
export async function listPaperCandidates(user: SessionUser) {
  const ctx = teacherContext(user, "paper.enter");
  if (!ctx.ok) return ctx;
  const term = await findCurrentTerm();
  if (!term) return ok({ candidates: [], entered: [] });
  const { candidates, entered } = await listPaperWork(ctx.data.scope, term.id);
  return ok({ candidates, entered });
}

export async function startPaperApplication(
  user: SessionUser,
  personId: string,
): Promise<ActionResult<{ applicationId: string }>> {
  const paper = await paperContext(user, personId);
  if (!paper.ok) return paper;
  const { application, student, term, teacher } = paper.data;
  if (application && !application.enteredOnPaper)
    return fail("CONFLICT", "该学生已在网上申请，不能再录入纸质申请。");
  if (application) return ok({ applicationId: application.id });
  const applicationId = await createDraft(
    student,
    term.id,
    { userId: user.id, role: user.role },
    { enteredOnPaper: true },
  );
  await audit({ user: teacher.user, schoolId: student.schoolId }, "paper.enter", {
    type: "Application",
    id: applicationId,
  });
  return ok({ applicationId });
}

export async function loadPaperApplication(user: SessionUser, personId: string) {
  const paper = await paperContext(user, personId);
  if (!paper.ok) return paper;
  const { application, student, term, teacher } = paper.data;
  if (!application || !application.enteredOnPaper)
    return fail("REFUSED", "请先在“录入纸质申请”中选择该学生开始录入。");
  const [programmes, scans] = await Promise.all([
    listOpenProgrammes(term.id, student.stage, student.schoolId),
    listScans(teacher.scope, application.id),
  ]);
  return ok({ student, application, programmes, scans });
}

/** The paper application while the teacher may still change it (a draft, or returned). */
async function editablePaper(
  user: SessionUser,
  personId: string,
): Promise<ActionResult<PaperContext & { application: ApplicationView }>> {
  const paper = await paperContext(user, personId);
  if (!paper.ok) return paper;
  const application = paper.data.application;
  if (!application || !application.enteredOnPaper) return fail("REFUSED", "请先开始录入纸质申请。");
  if (application.state !== "draft" && application.state !== "returned")
    return fail("REFUSED", "该纸质申请已提交，不能再修改。");
  return ok({ ...paper.data, application });
}

/** The version the form read (hidden `version` field), or null when the form carries none. */
function expectedVersionOf(raw: unknown): number | null {
  const parsed = draftVersionSchema.safeParse((raw as { version?: unknown } | null)?.version);
  return parsed.success ? parsed.data : null;
}

const editFailure = (stale: boolean) => fail("CONFLICT", stale ? STALE_DRAFT_MESSAGE : TEACHER_CONFLICT);

/** The paper application the teacher may edit, with the draft version the form was opened at. */
async function editablePaperDraft(user: SessionUser, personId: string, raw: unknown) {
  const paper = await editablePaper(user, personId);
  if (!paper.ok) return paper;
  const version = expectedVersionOf(raw);
  if (version === null) return fail("CONFLICT", MISSING_VERSION_MESSAGE);
  return ok({ ...paper.data, version });
}

/** Writes one part of the paper draft at the version the form was opened at. */
async function writePaperDraft(
  teacherScope: Parameters<typeof editDraft>[0],
  applicationId: string,
  write: Parameters<typeof editDraft>[2],
  version: number,
): Promise<ActionResult<{ version: number }>> {
  const done = await editDraft(teacherScope, applicationId, write, {}, version);
  return done.ok ? ok({ version: done.version }) : editFailure(done.stale);
}

export async function savePaperProgrammes(
  user: SessionUser,
  personId: string,
  raw: unknown,
): Promise<ActionResult<{ version: number }>> {
  const paper = await editablePaperDraft(user, personId, raw);
  if (!paper.ok) return paper;
  const { application, student, term, teacher, version } = paper.data;
  const parsed = programmeChoiceSchema.safeParse(raw);
  if (!parsed.success || parsed.data.programmeIds.length === 0)
    return fail("INVALID", "请至少选择一个资助项目。", { programmeIds: "请至少选择一个资助项目" });
  const offered = await listOpenProgrammes(term.id, student.stage, student.schoolId);
  const open = new Set(offered.map((offer) => offer.programme.id));
  if (parsed.data.programmeIds.some((programmeId) => !open.has(programmeId)))
    return fail("INVALID", "所选项目不对该学段开放，请重新选择。", { programmeIds: "所选项目不开放" });
  return writePaperDraft(
    teacher.scope,
    application.id,
    (tx) => setProgrammes(tx, application.id, [...new Set(parsed.data.programmeIds)]),
    version,
  );
}

export async function savePaperHousehold(
  user: SessionUser,
  personId: string,
  raw: unknown,
): Promise<ActionResult<{ version: number }>> {
  const paper = await editablePaperDraft(user, personId, raw);
  if (!paper.ok) return paper;
  const { application, teacher, version } = paper.data;
  const parsed = householdSchema.safeParse(raw);
  if (!parsed.success)
    return fail("INVALID", "请按提示修改标红的内容后再保存。", fieldErrorsOf(parsed.error));
  return writePaperDraft(
    teacher.scope,
    application.id,
    (tx) => saveHousehold(tx, application.id, parsed.data),
    version,
  );
}

export async function attachScan(
  user: SessionUser,
  personId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<ActionResult<undefined>> {
  const paper = await editablePaper(user, personId);
  if (!paper.ok) return paper;
  const { application, teacher } = paper.data;
  if (file.bytes.length === 0)
    return fail("INVALID", "请选择纸质申请表的扫描件或照片。", { scan: "请选择文件" });
  if (file.bytes.length > EVIDENCE_MAX_BYTES)
    return fail("LIMIT", "扫描件不能超过10MB，请压缩后重新上传。", { scan: "文件超过10MB" });
  // The same content check as the applicant's evidence: JPEG/PNG/PDF by their bytes, polyglots refused.
  const type = await inspectEvidence(file.bytes);
  if (!type.ok) return fail("INVALID", type.message, { scan: "只能上传 JPG、PNG 或 PDF" });
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
  const scanId = await addScan(teacher.scope, application.id, scan, { userId: user.id, role: user.role });
  if (!scanId) {
    await evidenceStorage().delete(storageKey);
    return fail("NOT_FOUND", NOT_FOUND);
  }
  return ok(undefined);
}

/** Submits the paper application on the applicant's behalf (the paper form carries their signed commitment). */
export async function submitPaperApplication(
  user: SessionUser,
  personId: string,
): Promise<ActionResult<undefined>> {
  const paper = await editablePaper(user, personId);
  if (!paper.ok) return paper;
  const { application, student, teacher } = paper.data;
  const scans = await countScans(teacher.scope, application.id);
  const problems = submissionProblems({
    enrolmentConfirmed: true,
    policyAcknowledged: true,
    programmeCount: application.programmes.length,
    requiredFields: [...new Set(application.programmes.flatMap((choice) => choice.programme.requiredFields))],
    household: application.household,
    familyMemberCount: application.familyMembers.length,
    commitmentSigned: true,
  });
  if (scans === 0) problems.push("请上传纸质申请表的扫描件。");
  if (problems.length) return fail("REFUSED", problems.join(""));
  const decision = decideTransition(
    { action: "submit", actorRole: user.role, from: application.state },
    { now: new Date(), windowOpen: true, returnDeadline: application.returnDeadline },
  );
  if (!decision.ok) return fail("REFUSED", decision.message);
  const now = new Date();
  try {
    await transition(teacher.scope, {
      applicationId: application.id,
      version: application.version,
      from: application.state,
      to: decision.to,
      actor: { userId: user.id, role: user.role },
      comment: "班主任根据纸质申请表代为录入并提交（申请人已在纸质表上签署承诺）",
      fields: {
        enrolmentConfirmedAt: now,
        policyAcknowledgedAt: now,
        commitmentSignedAt: now,
        submittedAt: now,
      },
    });
  } catch (error) {
    if (error instanceof VersionConflict) return fail("CONFLICT", TEACHER_CONFLICT);
    throw error;
  }
  await audit({ user: teacher.user, schoolId: student.schoolId }, "paper.submit", {
    type: "Application",
    id: application.id,
  });
  return ok(undefined);
}
