import "server-only";
import type { AuditAction } from "@/lib/domain/audit-actions";
import type { Prisma } from "./generated/client";
import type { Role } from "./generated/enums";
import { db, type Tx } from "./client";

export type AuditEntry = {
  actorUserId?: string | null;
  actorRole?: Role | null;
  schoolId?: string | null;
  ip?: string | null;
  /** A code of lib/domain/audit-actions.ts (checked by the compiler). */
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  detail?: Prisma.InputJsonValue;
};

/**
 * Appends to the audit log (the table refuses UPDATE and DELETE). Pass `tx` to write in the caller's transaction.
 * The insert locks the hash chain's head until the transaction ends (migration 140): in a transaction, write the
 * entry last and keep the transaction short, or every other audit write (sign-ins too) waits for it.
 */
export async function writeAudit(entry: AuditEntry, tx?: Tx): Promise<void> {
  await (tx ?? db()).auditLog.create({
    data: {
      actorUserId: entry.actorUserId ?? null,
      actorRole: entry.actorRole ?? null,
      schoolId: entry.schoolId ?? null,
      ip: entry.ip ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      detail: entry.detail,
    },
  });
}
