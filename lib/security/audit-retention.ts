/**
 * Audit-log retention: AUDIT_RETENTION_DAYS (default 365, never
 * below 180 — the database refuses anything shorter, migration 050);
 * `npm run housekeeping` deletes older entries. Kept apart from the search
 * (lib/services/audit-log.ts) so scripts need not load the web app's auth.
 */
import "server-only";
import { purgeAuditOlderThan } from "@/lib/db/audit-search.repo";
import type { Db } from "@/lib/db/client";

export const MIN_AUDIT_RETENTION_DAYS = 180;

/** The configured retention in days (AUDIT_RETENTION_DAYS, default 365); values below 180 are refused. */
export function auditRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.AUDIT_RETENTION_DAYS?.trim();
  if (!raw) return 365;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < MIN_AUDIT_RETENTION_DAYS) {
    throw new Error(
      `AUDIT_RETENTION_DAYS must be a whole number of at least ${MIN_AUDIT_RETENTION_DAYS} days (got "${raw}")`,
    );
  }
  return v;
}

/**
 * Deletes audit entries older than the retention; the database refuses anything under 180 days.
 * Runs as the owner role (`client`, default db() as set up by lib/security/script-db.ts).
 */
export function purgeAuditLog(retentionDays = auditRetentionDays(), client?: Db): Promise<number> {
  return purgeAuditOlderThan(retentionDays, client);
}
