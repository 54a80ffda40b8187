/**
 * Evidence files of applications. Every query ANDs the caller's Scope through
 * the owning application, so a file of an application outside the scope
 * behaves exactly like a missing one. Adding and removing lock the
 * application row first (so the per-application limit holds under concurrent
 * uploads) and only succeed while the application is editable by the
 * applicant (draft or returned).
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { Role } from "@/lib/domain/codes";
import { writeAudit } from "./audit.repo";
import { db, type Tx } from "./client";
import { applicationWhere } from "./scope";

const EVIDENCE_ITEM = {
  id: true,
  purpose: true,
  originalName: true,
  mimeType: true,
  sizeBytes: true,
  createdAt: true,
} as const;
export type EvidenceItem = {
  id: string;
  purpose: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: Date;
};

export function listEvidence(scope: Scope, applicationId: string): Promise<EvidenceItem[]> {
  return db().evidenceFile.findMany({
    where: { applicationId, application: applicationWhere(scope) },
    select: EVIDENCE_ITEM,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export type EvidenceBlob = {
  id: string;
  applicationId: string;
  schoolId: string;
  storageKey: string;
  mimeType: string;
  originalName: string;
  sizeBytes: number;
};

/** The file's stored facts for an authorised download, or null when missing or out of scope. */
export async function findEvidenceForDownload(
  scope: Scope,
  evidenceId: string,
): Promise<EvidenceBlob | null> {
  const file = await db().evidenceFile.findFirst({
    where: { id: evidenceId, application: applicationWhere(scope) },
    select: {
      id: true,
      applicationId: true,
      storageKey: true,
      mimeType: true,
      originalName: true,
      sizeBytes: true,
      application: { select: { schoolId: true } },
    },
  });
  if (!file || !file.applicationId || !file.application) return null;
  return {
    id: file.id,
    applicationId: file.applicationId,
    schoolId: file.application.schoolId,
    storageKey: file.storageKey,
    mimeType: file.mimeType,
    originalName: file.originalName,
    sizeBytes: file.sizeBytes,
  };
}

type Actor = { userId: string; role: Role; ip?: string | null };

/** The audit record of an evidence file added or removed, in the same transaction. */
function auditEvidence(
  tx: Tx,
  actor: Actor,
  schoolId: string,
  action: "evidence.uploaded" | "evidence.deleted",
  evidenceId: string,
  detail: Record<string, string | number>,
) {
  return writeAudit(
    {
      actorUserId: actor.userId,
      actorRole: actor.role,
      schoolId,
      ip: actor.ip ?? null,
      action,
      targetType: "EvidenceFile",
      targetId: evidenceId,
      detail,
    },
    tx,
  );
}

/** Locks the application if the caller may still edit it; returns its school, or null. */
async function lockEditable(
  tx: Tx,
  scope: Scope,
  applicationId: string,
): Promise<{ schoolId: string } | null> {
  const updated = await tx.application.updateMany({
    where: { AND: [applicationWhere(scope), { id: applicationId, state: { in: ["draft", "returned"] } }] },
    data: { updatedAt: new Date() },
  });
  if (updated.count === 0) return null;
  return tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { schoolId: true } });
}

export type NewEvidence = {
  purpose: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};

/**
 * Records a stored file on the application, unless it is no longer editable
 * ("not-editable") or already has `max` files ("too-many"). Audited in the
 * same transaction.
 */
export async function addEvidence(
  scope: Scope,
  applicationId: string,
  file: NewEvidence,
  max: number,
  actor: Actor,
): Promise<{ ok: true; id: string } | { ok: false; reason: "not-editable" | "too-many" }> {
  return db().$transaction(async (tx) => {
    const app = await lockEditable(tx, scope, applicationId);
    if (!app) return { ok: false, reason: "not-editable" } as const;
    if ((await tx.evidenceFile.count({ where: { applicationId } })) >= max)
      return { ok: false, reason: "too-many" } as const;
    const row = await tx.evidenceFile.create({
      data: { applicationId, uploadedById: actor.userId, ...file },
      select: { id: true },
    });
    await auditEvidence(tx, actor, app.schoolId, "evidence.uploaded", row.id, {
      applicationId,
      purpose: file.purpose,
      mimeType: file.mimeType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    });
    return { ok: true, id: row.id } as const;
  });
}

/** Removes the file's record while the application is editable; returns its storage key to delete, or null. */
export async function removeEvidence(
  scope: Scope,
  applicationId: string,
  evidenceId: string,
  actor: Actor,
): Promise<string | null> {
  return db().$transaction(async (tx) => {
    const app = await lockEditable(tx, scope, applicationId);
    if (!app) return null;
    const file = await tx.evidenceFile.findFirst({
      where: { id: evidenceId, applicationId },
      select: { id: true, storageKey: true, purpose: true, sha256: true },
    });
    if (!file) return null;
    await tx.evidenceFile.delete({ where: { id: file.id } });
    await auditEvidence(tx, actor, app.schoolId, "evidence.deleted", file.id, {
      applicationId,
      purpose: file.purpose,
      sha256: file.sha256,
    });
    return file.storageKey;
  });
}
