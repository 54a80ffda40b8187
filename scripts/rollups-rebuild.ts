/**
 * npm run rollups:rebuild — recomputes every rollup (work progress, statistics) of every school for the
 * current term and of every (school, term) with data, from the base tables: after loading data by other
 * means than the app, after a restore, or if a rollup's definition changed. The running workers keep them
 * fresh otherwise (lib/services/rollup-job.ts). Safe while the app runs: it takes the same dirty marks
 * the workers do. Connects like the other maintenance scripts (lib/security/script-db.ts).
 */
import { db } from "@/lib/db/client";
import { rebuildRollups } from "@/lib/db/rollups/refresh";
import { openScriptDatabase } from "@/lib/security/script-db";

const database = await openScriptDatabase();
try {
  const started = Date.now();
  const { pairs } = await rebuildRollups();
  console.log(`Rollups rebuilt: ${pairs} school-terms in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (e) {
  console.error(`Rollup rebuild failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await db().$disconnect();
  await database.stop();
}
