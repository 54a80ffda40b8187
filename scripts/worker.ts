/**
 * npm run worker — runs the background job workers (lib/jobs) as their own process, without the web
 * server: imports, scheduled housekeeping. Start as many as you like on any machine that reaches the
 * database; each takes jobs from the shared queue. Web servers started with JOB_WORKERS=off then only
 * send jobs.
 *
 * With DATABASE_URL set (a province deployment) it applies pending migrations like `npm start` does
 * (as DATABASE_MIGRATION_URL) and then works as the app role. Without it (one machine, embedded
 * PostgreSQL) it joins the database `npm start` runs, or starts the embedded one itself.
 * SIGTERM / Ctrl-C: running jobs get JOB_STOP_GRACE_SECONDS (default 10) to finish; what is still
 * running then goes back to the queue and another worker resumes it from its checkpoint.
 */
import pg from "pg";
import { applySecrets, loadOrCreateLocalSecrets } from "@/lib/config/local-secrets";
import { EMBEDDED_APP_ROLE } from "@/lib/db/roles";
import { DATA_DIR, EMBEDDED_DATABASE, ensureDatabase, type DatabaseHandle } from "@/lib/db/runtime";
import { registerAllJobHandlers, startJobChains } from "@/lib/services/job-handlers";
import { startWorkers, stopJobs } from "@/lib/jobs/queue";
import { KeyMismatchError, verifyKeys } from "@/lib/security/key-check";
import { checkSmsSettings } from "@/lib/notifications/sms";

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

// The workers send the text messages: a half-configured SMS provider stops them before they start.
try {
  console.log(checkSmsSettings());
} catch (e) {
  console.error(`Not started: ${(e as Error).message}`);
  process.exit(2);
}

let handle: Pick<DatabaseHandle, "stop"> = { stop: async () => undefined };
if (!process.env.DATABASE_URL) {
  const secrets = loadOrCreateLocalSecrets(DATA_DIR);
  applySecrets(secrets);
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const appUrl = `postgresql://${EMBEDDED_APP_ROLE}:${encodeURIComponent(secrets.EMBEDDED_PG_APP_PASSWORD)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  if (await reachable(appUrl)) process.env.DATABASE_URL = appUrl;
  else handle = await ensureDatabase({ strictRole: true });
} else handle = await ensureDatabase({ strictRole: true });
// The workers never need the owner's credentials.
delete process.env.DATABASE_MIGRATION_URL;

// The same start-up key check as scripts/server.ts: keys that are not this database's stop the worker
// before it decrypts or writes anything (lib/security/key-check.ts).
try {
  const { recorded } = await verifyKeys();
  if (recorded.length) console.log(`Key check values recorded for: ${recorded.join(", ")}`);
} catch (e) {
  const reason = e instanceof Error ? e.message : String(e);
  console.error(
    e instanceof KeyMismatchError
      ? `Not started: ${reason}`
      : `Not started: the data keys could not be checked against the database (DATABASE_URL): ${reason}`,
  );
  await handle.stop().catch(() => undefined);
  process.exit(2);
}

registerAllJobHandlers();
await startWorkers();
await startJobChains();
console.log("Job workers started.");

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await stopJobs(Number(process.env.JOB_STOP_GRACE_SECONDS ?? 10)).catch((e) => console.error(e));
  await handle.stop().catch(() => undefined);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
