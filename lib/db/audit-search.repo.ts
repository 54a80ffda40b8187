/**
 * Reading the audit log (the admin's search) and the retention purge. The
 * table itself refuses UPDATE, DELETE and TRUNCATE (migration 050); the only
 * deletion path is purge_audit_log(), which refuses to go below 180 days.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db, readDb, type Db } from "./client";
import type { Prisma } from "./generated/client";
import type { Role } from "./generated/enums";

/** `actions`: any of these (a code and its old spellings, lib/domain/audit-actions.ts), matched as substrings. */
export type AuditFilter = { actor?: string; actions?: string[]; from?: Date; to?: Date };

export type AuditRow = {
  id: string;
  at: Date;
  actorName: string | null;
  actorUsername: string | null;
  actorRole: Role | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
};

/** The audit entries of the caller's school (admins and leaders only; any other scope sees nothing). */
function auditScopeWhere(scope: Scope): Prisma.AuditLogWhereInput {
  if (scope.role === "SCHOOL_ADMIN" || scope.role === "SCHOOL_LEADER") return { schoolId: scope.schoolId };
  return { id: -1n };
}

/** The admin's audit search. Reads from the replica ({@link readDb}): a read-only list of past entries. */
export async function searchAudit(
  scope: Scope,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  const and: Prisma.AuditLogWhereInput[] = [auditScopeWhere(scope)];
  if (filter.actions?.length)
    and.push({
      OR: filter.actions.map((action) => ({ action: { contains: action, mode: "insensitive" as const } })),
    });
  if (filter.from) and.push({ at: { gte: filter.from } });
  if (filter.to) and.push({ at: { lte: filter.to } });
  if (filter.actor) {
    and.push({
      actor: {
        OR: [
          { username: { contains: filter.actor, mode: "insensitive" } },
          { displayName: { contains: filter.actor, mode: "insensitive" } },
        ],
      },
    });
  }
  const where: Prisma.AuditLogWhereInput = { AND: and };
  const reader = await readDb();
  const [rows, total] = await Promise.all([
    reader.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        at: true,
        actorRole: true,
        ip: true,
        action: true,
        targetType: true,
        targetId: true,
        detail: true,
        actor: { select: { displayName: true, username: true } },
      },
    }),
    reader.auditLog.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id.toString(),
      at: row.at,
      actorName: row.actor?.displayName ?? null,
      actorUsername: row.actor?.username ?? null,
      actorRole: row.actorRole,
      ip: row.ip,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      detail: row.detail,
    })),
  };
}

/**
 * Deletes audit entries older than `retentionDays` through the database's guarded purge function, which
 * records the removed runs so the hash chain stays verifiable (migration 140). Needs the owner role
 * (`npm run housekeeping` connects as it); the app role may not delete audit entries.
 */
export async function purgeAuditOlderThan(retentionDays: number, client: Db = db()): Promise<number> {
  const rows = await client.$queryRaw<
    { n: bigint }[]
  >`SELECT purge_audit_log(${retentionDays}::integer) AS n`;
  return Number(rows[0]?.n ?? 0);
}
