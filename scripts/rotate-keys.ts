/**
 * npm run keys:rotate [-- --generate] [--dry-run]
 *
 * Re-encrypts every encrypted column with the current field key version and CIPHER_SUITE, recomputes
 * every blind index with the function of BLIND_INDEX_SUITE (default CIPHER_SUITE: HMAC-SHA-256 or
 * HMAC-SM3), and re-wraps the data key of every stored file (the files are not rewritten).
 *   1. Add a new key version: FIELD_ENCRYPTION_KEYS="1:<old>,2:<new>" and
 *      FIELD_ENCRYPTION_CURRENT=2 (or, for the embedded default, pass
 *      --generate to add a fresh version to .data/secrets.json).
 *   2. Restart the app (new values use version 2; old ones still decrypt).
 *   3. Run this script; when it reports no values left on an old version,
 *      the old key may be removed from FIELD_ENCRYPTION_KEYS.
 * To move between cipher suites, set CIPHER_SUITE (aes-gcm | sm4-sm3) instead of, or besides, a
 * new key version, restart the app and run this script (SECURITY.md "Key rotation").
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { currentCipherSuite } from "@/lib/crypto/cipher-suite";
import { parseFieldKeys } from "@/lib/crypto/field-crypto";
import { DATA_DIR } from "@/lib/db/runtime";
import { verifyKeys } from "@/lib/security/key-check";
import { rewrapStoredFileKeys, rotateFieldKeys } from "@/lib/security/rotate-keys";
import { openScriptDatabase } from "@/lib/security/script-db";

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");

if (args.includes("--generate")) {
  if (process.env.DATABASE_URL || process.env.FIELD_ENCRYPTION_KEYS) {
    console.error(
      "--generate only edits .data/secrets.json of the embedded default. With keys in the environment, add a version there yourself, e.g.:",
    );
    console.error(
      `  FIELD_ENCRYPTION_KEYS="<existing>,<n>:${randomBytes(32).toString("base64")}" FIELD_ENCRYPTION_CURRENT=<n>`,
    );
    process.exit(2);
  }
  const file = path.join(DATA_DIR, "secrets.json");
  const secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  const current = parseFieldKeys(secrets);
  const version = Math.max(...current.keys.keys()) + 1;
  secrets.FIELD_ENCRYPTION_KEYS = `${secrets.FIELD_ENCRYPTION_KEYS},${version}:${randomBytes(32).toString("base64")}`;
  secrets.FIELD_ENCRYPTION_CURRENT = String(version);
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  console.log(
    `Added field key version ${version} to ${file} and made it current. Restart the app after this run.`,
  );
}

const database = await openScriptDatabase();
try {
  // A version that is not this database's key stops the run before anything is re-encrypted with it.
  await verifyKeys();
  const report = await rotateFieldKeys({ dryRun });
  for (const r of report)
    console.log(
      `${r.table}.${r.column}: ${r.scanned} values, ${r.rewritten} ${dryRun ? "would be " : ""}re-encrypted, ${r.rehashed} blind indexes ${dryRun ? "would be " : ""}recomputed${r.skipped ? `, ${r.skipped} changed meanwhile` : ""}`,
    );
  const files = await rewrapStoredFileKeys({ dryRun });
  console.log(
    `StoredFileKey: ${files.scanned} file keys on another key version or cipher suite, ${files.rewrapped} ${dryRun ? "would be " : ""}re-wrapped (files untouched)${files.skipped ? `, ${files.skipped} changed meanwhile` : ""}`,
  );
  const total = report.reduce((a, r) => a + r.rewritten, 0);
  const rehashed = report.reduce((a, r) => a + r.rehashed, 0);
  const suite = currentCipherSuite().name;
  console.log(
    dryRun
      ? `${total} values would be re-encrypted and ${rehashed} blind indexes recomputed.`
      : `${total} values re-encrypted with key version ${process.env.FIELD_ENCRYPTION_CURRENT ?? "(highest)"} and cipher suite ${suite}; ${rehashed} blind indexes recomputed.`,
  );
} catch (e) {
  console.error(`Key rotation failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
// Exit with the status set above even if a library resets process.exitCode before the process ends.
process.exit(process.exitCode ?? 0);
