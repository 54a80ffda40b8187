/**
 * npm run housekeeping — run daily or weekly (cron / systemd timer):
 *   - deletes audit-log entries older than AUDIT_RETENTION_DAYS (default 365;
 *     the database refuses any retention under 180 days and any other
 *     deletion of the audit log, migration 050);
 *   - deletes expired rate-limit counters (windows end within a day);
 *   - deletes session records that ended or went idle more than a day ago;
 *   - deletes one-time SMS codes older than a day (they live 5 minutes).
 *   - deletes the lockout state of sign-in identifiers without an account
 *     untouched for 30 days (migration 110).
 */
import { deleteOldUnknownSignInLockouts } from "@/lib/db/auth.repo";
import { purgeOldCodes } from "@/lib/db/one-time-codes.repo";
import { deleteExpiredCounters } from "@/lib/db/rate-limit.repo";
import { deleteOldSessionRecords } from "@/lib/db/sessions.repo";
import { auditRetentionDays, purgeAuditLog } from "@/lib/security/audit-retention";
import { openScriptDatabase } from "@/lib/security/script-db";

const DAY = 86_400_000;
const database = await openScriptDatabase();
try {
  const days = auditRetentionDays();
  const audit = await purgeAuditLog(days);
  const counters = await deleteExpiredCounters(new Date(Date.now() - 2 * DAY));
  const sessions = await deleteOldSessionRecords(new Date(Date.now() - DAY));
  const otps = await purgeOldCodes(new Date(Date.now() - DAY));
  const lockouts = await deleteOldUnknownSignInLockouts(new Date(Date.now() - 30 * DAY));
  console.log(
    `Audit log: ${audit} entries older than ${days} days deleted. Rate-limit counters: ${counters} expired deleted. Sessions: ${sessions} old records deleted. One-time SMS codes: ${otps} old deleted. Unknown-identifier lockouts: ${lockouts} old deleted.`,
  );
} catch (e) {
  console.error(`Housekeeping failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
