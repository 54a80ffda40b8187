/**
 * npm run files:encrypt [-- --dry-run]
 *
 * Encrypts, in place of their plaintext, the evidence files stored before encryption at rest
 * (lib/security/encrypt-stored-files.ts). Safe to stop and run again; a second run finds nothing.
 */
import { encryptPlaintextFiles } from "@/lib/security/encrypt-stored-files";
import { verifyKeys } from "@/lib/security/key-check";
import { openScriptDatabase } from "@/lib/security/script-db";
import { objectStorageFromEnv } from "@/lib/storage";

const dryRun = process.argv.includes("--dry-run");
const database = await openScriptDatabase();
try {
  await verifyKeys(); // keys that are not this database's stop here (lib/security/key-check.ts)
  const report = await encryptPlaintextFiles(objectStorageFromEnv(), { dryRun });
  console.log(
    `${report.encrypted} plaintext files ${dryRun ? "would be " : ""}encrypted` +
      (report.skipped ? `, ${report.skipped} changed meanwhile` : "") +
      (report.missing.length ? `; missing or altered on the store: ${report.missing.join(", ")}` : "."),
  );
  if (report.missing.length) process.exitCode = 1;
} catch (error) {
  console.error(`Encrypting stored files failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
// Exit with the status set above even if a library resets process.exitCode before the process ends.
process.exit(process.exitCode ?? 0);
