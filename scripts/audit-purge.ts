/**
 * npm run audit:purge — deletes audit-log entries older than
 * AUDIT_RETENTION_DAYS (default 365). The database refuses any retention
 * under 180 days and any other deletion of the audit log (migration 050).
 * Schedule it e.g. monthly (cron / systemd timer).
 */
import { auditRetentionDays, purgeAuditLog } from "@/lib/security/audit";
import { openScriptDatabase } from "@/lib/security/script-db";

const database = await openScriptDatabase();
try {
  const days = auditRetentionDays();
  const n = await purgeAuditLog(days);
  console.log(`Audit log: ${n} entries older than ${days} days deleted.`);
} catch (e) {
  console.error(`Audit purge failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
