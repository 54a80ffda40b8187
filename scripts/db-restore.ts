/**
 * npm run db:restore -- <backup folder>
 *
 * Restores a backup made by `npm run db:backup` into an EMPTY database
 * (DATABASE_URL, or the embedded one of AID_DATA_DIR — e.g. a new data
 * folder) and its evidence files into `${AID_DATA_DIR}/evidence`. Every file
 * is decrypted and authenticated (a tampered backup is refused), row counts
 * and every evidence file's SHA-256 are verified. The field-encryption keys of
 * the backed-up installation must be configured: they open the backup too.
 */
import path from "node:path";
import { restoreBackup, sensitiveFieldsReadable } from "@/lib/security/backup";
import { openScriptDatabase, relativeToCwd } from "@/lib/security/script-db";

const folder = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!folder) {
  console.error("usage: npm run db:restore -- <backup folder>");
  process.exit(2);
}

const database = await openScriptDatabase({ migrate: false });
try {
  const r = await restoreBackup({
    backupDir: path.resolve(folder),
    databaseUrl: database.url,
    dataDir: database.dataDir,
    appRole: database.appRole,
  });
  const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
  console.log(
    `Restored ${relativeToCwd(path.resolve(folder))}: ${Object.keys(r.tables).length} tables, ${rows} rows, ${r.evidenceFiles} evidence files (verified); ${r.migrationsApplied} newer migration(s) applied; ${r.interruptedJobs} job(s) running at backup time marked interrupted.`,
  );
  if (!(await sensitiveFieldsReadable(database.url))) {
    console.error(
      "WARNING: the configured encryption keys cannot read the restored ID numbers. Configure the keys of the backed-up installation (FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY or its .data/secrets.json) before starting the app.",
    );
    process.exitCode = 3;
  }
} catch (e) {
  console.error(`Restore failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
