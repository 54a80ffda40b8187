/**
 * THE way a service writes an audit entry: `audit(ctx, action, target, detail)`. The action is a code of the
 * table in lib/domain/audit-actions.ts (the compiler refuses any other), the actor and school come from the
 * service context (lib/services/context.ts), the target names what was acted on.
 *
 *   await audit(ctx, "application.returned", { type: "Application", id: applicationId }, { reason });
 *
 * Inside a transaction pass `{ tx }` and write the entry last (lib/db/audit.repo.ts explains why).
 */
import "server-only";
import type { Tx } from "@/lib/db/client";
import { writeAudit } from "@/lib/db/audit.repo";
import type { AuditAction, AuditTargetType } from "@/lib/domain/audit-actions";
import type { SessionUser } from "@/lib/domain/session-user";

/** Who acts, and the school the entry is filed under (null above schools: supervisors, sign-in). */
export type AuditActor = { user: Pick<SessionUser, "id" | "role">; schoolId: string | null };
export type AuditTarget = { type: AuditTargetType; id: string };
export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

export async function audit(
  ctx: AuditActor,
  action: AuditAction,
  target: AuditTarget | null,
  detail?: AuditDetail,
  options: { tx?: Tx; ip?: string | null } = {},
): Promise<void> {
  await writeAudit(
    {
      actorUserId: ctx.user.id,
      actorRole: ctx.user.role,
      schoolId: ctx.schoolId,
      ip: options.ip ?? null,
      action,
      targetType: target?.type,
      targetId: target?.id,
      detail,
    },
    options.tx,
  );
}
