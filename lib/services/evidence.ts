/**
 * Evidence uploads and downloads (SPEC §4, issue 3 item 3). The applicant
 * (student self / parent of a bound child) uploads while the application is
 * editable; the applicant, the class teacher and the school's staff open
 * files. Type is decided by content (lib/domain/evidence.ts); bytes live in
 * the FileStorage under a random key.
 */
import { createHash } from "node:crypto";
import { isId } from "@/lib/schemas/id";
import { decide } from "@/lib/auth/access";
import { scopeOf } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import { writeAudit } from "@/lib/db/audit.repo";
import {
  addEvidence,
  findEvidenceForDownload,
  listEvidence,
  removeEvidence,
  type EvidenceItem,
} from "@/lib/db/evidence.repo";
import {
  checkEvidenceUpload,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  isEvidencePurpose,
  safeFileName,
  TOO_LARGE_MESSAGE,
  tooManyMessage,
  type EvidenceType,
} from "@/lib/domain/evidence";
import { evidenceStorage } from "@/lib/storage";
import { applicantEditable, loadApplicantContext, type ApplicantContext } from "./application-portal";
import { fail, ok, type ActionResult } from "./result";
import { readOrUnavailable, storeOrRefuse } from "./stored-files";

export type UploadInput = { personId: string; purpose: string; originalName: string; bytes: Uint8Array };

/** The applicant context for an evidence change, with the matrix check first. */
async function contextFor(user: SessionUser, personId: string): Promise<ActionResult<ApplicantContext>> {
  const d = decide(user, "evidence.upload");
  if (!d.ok) return fail(d.message);
  return loadApplicantContext(user, personId);
}

export async function uploadEvidence(
  user: SessionUser,
  input: UploadInput,
  ip: string | null = null,
): Promise<ActionResult<{ id: string; mimeType: EvidenceType }>> {
  if (!isEvidencePurpose(input.purpose))
    return fail("请选择这份材料用来证明什么。", { purpose: "请选择材料用途" });
  if (input.bytes.length > EVIDENCE_MAX_BYTES) return fail(TOO_LARGE_MESSAGE, { file: TOO_LARGE_MESSAGE });
  const c = await contextFor(user, input.personId);
  if (!c.ok) return c;
  const e = applicantEditable(c.data);
  if (!e.ok) return e;
  const app = e.data;

  const check = await checkEvidenceUpload(input.bytes, app._count.evidence);
  if (!check.ok) return fail(check.message, { file: check.message });

  const storage = evidenceStorage();
  const stored = await storeOrRefuse(storage, input.bytes);
  if (!stored.ok) return stored;
  const storageKey = stored.data;
  try {
    const r = await addEvidence(
      scopeOf(user),
      app.id,
      {
        purpose: input.purpose,
        originalName: safeFileName(input.originalName, check.mimeType),
        mimeType: check.mimeType,
        sizeBytes: input.bytes.length,
        sha256: createHash("sha256").update(input.bytes).digest("hex"),
        storageKey,
      },
      EVIDENCE_MAX_FILES,
      { userId: user.id, role: user.role, ip },
    );
    if (!r.ok) {
      await storage.delete(storageKey);
      return r.reason === "too-many"
        ? fail(tooManyMessage(), { file: tooManyMessage() })
        : fail("申请已提交，不能再修改材料。如需修改，请在班主任核实前撤回后重新提交。");
    }
    return ok({ id: r.id, mimeType: check.mimeType });
  } catch (err) {
    await storage.delete(storageKey);
    throw err;
  }
}

export async function deleteEvidence(
  user: SessionUser,
  personId: string,
  evidenceId: string,
  ip: string | null = null,
): Promise<ActionResult<undefined>> {
  const c = await contextFor(user, personId);
  if (!c.ok) return c;
  const e = applicantEditable(c.data);
  if (!e.ok) return e;
  const key = isId(evidenceId)
    ? await removeEvidence(scopeOf(user), e.data.id, evidenceId, { userId: user.id, role: user.role, ip })
    : null;
  if (!key) return fail("未找到该材料，可能已被删除。请刷新页面。");
  await evidenceStorage().delete(key);
  return ok(undefined);
}

export type Download = { bytes: Uint8Array; mimeType: EvidenceType; fileName: string };
export type DownloadRefusal = { status: 401 | 403 | 404 | 503; message: string };

/**
 * The file for an authorised caller. A role the matrix refuses gets 401/403;
 * an allowed role asking for a file outside its scope (or a missing one) gets
 * 404 with the same message as for an id that never existed.
 */
export async function openEvidence(
  user: SessionUser | null,
  evidenceId: string,
  ip: string | null = null,
): Promise<{ ok: true; data: Download } | ({ ok: false } & DownloadRefusal)> {
  const d = decide(user, "evidence.download");
  if (!d.ok) return { ok: false, status: d.status, message: d.message };
  const notFound = { ok: false, status: 404, message: "未找到该文件。" } as const;
  if (!isId(evidenceId)) return notFound;
  const f = await findEvidenceForDownload(d.scope, evidenceId);
  if (!f) return notFound;
  const read = await readOrUnavailable(evidenceStorage(), f.storageKey);
  if (!read.ok) return read;
  const bytes = read.bytes;
  if (!bytes) return notFound;
  if (d.user.role !== "STUDENT" && d.user.role !== "PARENT") {
    await writeAudit({
      actorUserId: d.user.id,
      actorRole: d.user.role,
      schoolId: f.schoolId,
      ip,
      action: "evidence.viewed",
      targetType: "EvidenceFile",
      targetId: f.id,
      detail: { applicationId: f.applicationId },
    });
  }
  const mimeType = f.mimeType as EvidenceType;
  return { ok: true, data: { bytes, mimeType, fileName: safeFileName(f.originalName, mimeType) } };
}

/** The files of the applicant's current application (empty before it is started). */
export async function listApplicantEvidence(ctx: ApplicantContext): Promise<EvidenceItem[]> {
  return ctx.application ? listEvidence(scopeOf(ctx.user), ctx.application.id) : [];
}
