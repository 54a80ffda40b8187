/**
 * npm run audit:verify — checks the audit log's hash chain (migration 140):
 * every entry's hash, no entry missing except those the retention purge
 * recorded. Exit code 0 when intact, 1 when tampering is found (the first
 * altered or missing entry is named), 2 on error. Prints the chain head:
 * keeping a copy elsewhere (e.g. the operations log) also reveals a chain
 * rewritten as a whole by someone with the owner's rights.
 */
import { verifyAuditChain } from "@/lib/security/audit-chain";
import { openScriptDatabase } from "@/lib/security/script-db";

let exitCode = 0;
const database = await openScriptDatabase();
try {
  const r = await verifyAuditChain(database.url);
  const head = `chain head #${r.head.seq} ${r.head.hash}`;
  if (r.ok) {
    console.log(
      `Audit log intact: ${r.verified} entries verified, ${r.purged} removed by the retention purge; ${head}.`,
    );
  } else {
    console.error(
      `AUDIT LOG TAMPERED: ${r.problem!.message}. (${r.verified} entries verified before it; ${head}.)`,
    );
    exitCode = 1;
  }
} catch (e) {
  console.error(`Audit verification failed: ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 2;
} finally {
  await database.stop();
}
// Explicit, so the result reaches callers (cron, CI) even through wrappers.
process.exit(exitCode);
