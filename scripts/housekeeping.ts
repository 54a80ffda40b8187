/**
 * npm run housekeeping — the owner's part of the cleanup, run daily or weekly (cron / systemd timer):
 *   - deletes audit-log entries older than AUDIT_RETENTION_DAYS (default 365;
 *     the database refuses any retention under 180 days and any other
 *     deletion of the audit log, migration 050);
 *   - and runs the job workers' daily housekeeping once now (lib/services/housekeeping.ts: expired
 *     rate-limit counters, old session records, one-time SMS codes, unknown-identifier lockouts,
 *     finished import jobs past their retention, stale temp files), which the workers otherwise run
 *     on their own schedule.
 */
import { runHousekeeping } from "@/lib/services/housekeeping";
import { auditRetentionDays, purgeAuditLog } from "@/lib/security/audit-retention";
import { openScriptDatabase } from "@/lib/security/script-db";

const database = await openScriptDatabase();
try {
  const days = auditRetentionDays();
  const audit = await purgeAuditLog(days);
  const r = await runHousekeeping();
  console.log(
    `Audit log: ${audit} entries older than ${days} days deleted. Rate-limit counters: ${r.rateLimitCounters} expired deleted. Sessions: ${r.sessions} old records deleted. One-time SMS codes: ${r.oneTimeCodes} old deleted. Unknown-identifier lockouts: ${r.signInLockouts} old deleted. Import jobs: ${r.importJobs} old finished deleted (${r.storedUploads} stored uploads). Temp files: ${r.tempFiles} deleted. Support problems closed after the confirmation window: ${r.supportAutoClosed}.`,
  );
} catch (e) {
  console.error(`Housekeeping failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
