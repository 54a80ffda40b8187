/**
 * Evidence uploads and downloads. The applicant
 * (student self / parent of a bound child) uploads while the application is
 * editable; the applicant, the class teacher and the school's staff open
 * files. Type is decided by content (lib/domain/evidence.ts); bytes live in
 * the FileStorage under a random key.
 */
import "server-only";
import { createHash } from "node:crypto";
import { isId } from "@/lib/schemas/id";
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
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { evidenceStorage } from "@/lib/storage";
import { applicantEditable } from "./application-portal";
import { audit } from "./audit";
import { accessContext, applicantContext, type ApplicantContext } from "./context";
import { readOrUnavailable, storeOrRefuse } from "./stored-files";

export type UploadInput = { personId: string; purpose: string; originalName: string; bytes: Uint8Array };

export async function uploadEvidence(
  user: SessionUser,
  input: UploadInput,
  ip: string | null = null,
): Promise<ActionResult<{ id: string; mimeType: EvidenceType }>> {
  if (!isEvidencePurpose(input.purpose))
    return fail("INVALID", "请选择这份材料用来证明什么。", { purpose: "请选择材料用途" });
  if (input.bytes.length > EVIDENCE_MAX_BYTES)
    return fail("LIMIT", TOO_LARGE_MESSAGE, { file: TOO_LARGE_MESSAGE });
  const context = await applicantContext(user, input.personId, "evidence.upload");
  if (!context.ok) return context;
  const editable = applicantEditable(context.data);
  if (!editable.ok) return editable;
  const app = editable.data;

  const check = await checkEvidenceUpload(input.bytes, app._count.evidence);
  if (!check.ok) {
    const overLimit = check.message === TOO_LARGE_MESSAGE || check.message === tooManyMessage();
    return fail(overLimit ? "LIMIT" : "INVALID", check.message, { file: check.message });
  }

  const storage = evidenceStorage();
  const stored = await storeOrRefuse(storage, input.bytes);
  if (!stored.ok) return stored;
  const storageKey = stored.data;
  try {
    const added = await addEvidence(
      context.data.scope,
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
    if (!added.ok) {
      await storage.delete(storageKey);
      return added.reason === "too-many"
        ? fail("LIMIT", tooManyMessage(), { file: tooManyMessage() })
        : fail("REFUSED", "申请已提交，不能再修改材料。如需修改，请在班主任核实前撤回后重新提交。");
    }
    return ok({ id: added.id, mimeType: check.mimeType });
  } catch (error) {
    await storage.delete(storageKey);
    throw error;
  }
}

export async function deleteEvidence(
  user: SessionUser,
  personId: string,
  evidenceId: string,
  ip: string | null = null,
): Promise<ActionResult<undefined>> {
  const context = await applicantContext(user, personId, "evidence.upload");
  if (!context.ok) return context;
  const editable = applicantEditable(context.data);
  if (!editable.ok) return editable;
  const key = isId(evidenceId)
    ? await removeEvidence(context.data.scope, editable.data.id, evidenceId, {
        userId: user.id,
        role: user.role,
        ip,
      })
    : null;
  if (!key) return fail("NOT_FOUND", "未找到该材料，可能已被删除。请刷新页面。");
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
  const context = accessContext(user, "evidence.download");
  if (!context.ok)
    return { ok: false, status: context.code === "UNAUTHENTICATED" ? 401 : 403, message: context.message };
  const notFound = { ok: false, status: 404, message: "未找到该文件。" } as const;
  if (!isId(evidenceId)) return notFound;
  const file = await findEvidenceForDownload(context.data.scope, evidenceId);
  if (!file) return notFound;
  const read = await readOrUnavailable(evidenceStorage(), file.storageKey);
  if (!read.ok) return read;
  const bytes = read.bytes;
  if (!bytes) return notFound;
  // Staff opening an applicant's file is audited; the applicant opening their own is not.
  if (context.data.rule !== "self" && context.data.rule !== "bound-child")
    await audit(
      { user: context.data.user, schoolId: file.schoolId },
      "evidence.viewed",
      { type: "EvidenceFile", id: file.id },
      { applicationId: file.applicationId },
      { ip },
    );
  const mimeType = file.mimeType as EvidenceType;
  return { ok: true, data: { bytes, mimeType, fileName: safeFileName(file.originalName, mimeType) } };
}

/** The files of the applicant's current application (empty before it is started). */
export async function listApplicantEvidence(ctx: ApplicantContext): Promise<EvidenceItem[]> {
  return ctx.application ? listEvidence(ctx.scope, ctx.application.id) : [];
}
