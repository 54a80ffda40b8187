/**
 * npm run db:backup [-- <folder>] [--format=jsonl|pg_dump]
 *
 * Backs up the database (embedded, or DATABASE_URL) and the evidence files
 * into a new folder (default backups/<UTC timestamp>). See lib/security/backup.ts
 * and SECURITY.md ("Backup and restore", "Backup encryption"). Every file in
 * the folder is encrypted (AES-256-GCM, key derived from the current field
 * key); still keep it off the web server.
 */
import path from "node:path";
import { createBackup, type BackupFormat } from "@/lib/security/backup";
import { openScriptDatabase, relativeToCwd } from "@/lib/security/script-db";

const args = process.argv.slice(2);
const formatArg = args.find((a) => a.startsWith("--format="))?.slice("--format=".length) as
  BackupFormat | undefined;
const folderArg = args.find((a) => !a.startsWith("--"));
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const outDir = path.resolve(folderArg ?? path.join("backups", stamp));

const database = await openScriptDatabase();
try {
  const m = await createBackup({
    databaseUrl: database.url,
    dataDir: database.dataDir,
    outDir,
    format: formatArg ?? "auto",
  });
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  console.log(
    `Backup written to ${relativeToCwd(outDir)}: format ${m.format}, schema version ${m.schemaVersion}, ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.evidence.length} evidence files; encrypted under field key version ${m.encryption?.keyVersion}.`,
  );
  console.log(
    "Keep the encryption keys (FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY or .data/secrets.json) safe separately: the backup does not contain them, and cannot be opened without them.",
  );
} catch (e) {
  console.error(`Backup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
