/**
 * 资助名单公示 attachments of a 中职 monthly list (PDF or image, type checked by content like evidence:
 * lib/domain/evidence.ts), stored encrypted in the evidence store and linked by VocationalListAttachment
 * (migration 500). Added by the school's aid officer while the list is not published; the publicity of May and
 * December needs one (lib/domain/vocational-roster.ts).
 */
import "server-only";
import { createHash } from "node:crypto";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { findList, lockList } from "@/lib/db/vocational-list.repo";
import {
  checkEvidenceUpload,
  EVIDENCE_MAX_BYTES,
  safeFileName,
  TOO_LARGE_MESSAGE,
  tooManyMessage,
} from "@/lib/domain/evidence";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { idSchema } from "@/lib/schemas/id";
import { evidenceStorage } from "@/lib/storage";
import { audit } from "./audit";
import { schoolContext } from "./context";
import { storeOrRefuse } from "./stored-files";
import { LIST_NOT_FOUND } from "./vocational-roster";

const MAX_ATTACHMENTS = 10;

export async function attachPublicityFile(
  user: SessionUser,
  rosterIdRaw: unknown,
  file: { originalName: string; bytes: Uint8Array },
): Promise<ActionResult<{ id: string }>> {
  const ctx = schoolContext(user, "vocational_list.edit");
  if (!ctx.ok) return ctx;
  const rosterId = idSchema.safeParse(rosterIdRaw);
  if (!rosterId.success) return fail("NOT_FOUND", LIST_NOT_FOUND);
  if (file.bytes.length > EVIDENCE_MAX_BYTES)
    return fail("LIMIT", TOO_LARGE_MESSAGE, { file: TOO_LARGE_MESSAGE });
  const list = await findList(ctx.data.scope, rosterId.data);
  if (!list) return fail("NOT_FOUND", LIST_NOT_FOUND);
  const existing = await db().vocationalListAttachment.count({ where: { rosterId: list.rosterId } });
  const check = await checkEvidenceUpload(file.bytes, existing, MAX_ATTACHMENTS);
  if (!check.ok) {
    const overLimit =
      check.message === TOO_LARGE_MESSAGE || check.message === tooManyMessage(MAX_ATTACHMENTS);
    return fail(overLimit ? "LIMIT" : "INVALID", check.message, { file: check.message });
  }
  const storage = evidenceStorage();
  const stored = await storeOrRefuse(storage, file.bytes);
  if (!stored.ok) return stored;
  try {
    const result = await db().$transaction(async (tx) => {
      await lockList(tx, list.rosterId);
      const now = await findList(ctx.data.scope, list.rosterId, tx);
      if (!now) return fail("NOT_FOUND", LIST_NOT_FOUND);
      if (now.state.publicity === "PUBLISHED") return fail("REFUSED", "名单已公示，不能再添加公示附件。");
      const evidence = await tx.evidenceFile.create({
        data: {
          purpose: "vocational_publicity",
          originalName: safeFileName(file.originalName, check.mimeType),
          mimeType: check.mimeType,
          sizeBytes: file.bytes.length,
          sha256: createHash("sha256").update(file.bytes).digest("hex"),
          storageKey: stored.data,
          uploadedById: user.id,
        },
        select: { id: true },
      });
      await tx.vocationalListAttachment.create({
        data: { rosterId: list.rosterId, evidenceFileId: evidence.id },
      });
      await audit(
        ctx.data,
        "vocational_list.attach",
        { type: "Roster", id: list.rosterId },
        { evidenceFileId: evidence.id, mimeType: check.mimeType, sizeBytes: file.bytes.length },
        { tx },
      );
      return ok({ id: evidence.id });
    });
    if (!result.ok) await storage.delete(stored.data);
    return result;
  } catch (error) {
    await storage.delete(stored.data);
    throw error;
  }
}
