/**
 * The background job workers of the app (lib/jobs) as their own process on the benchmark database, as
 * `npm run worker` runs them beside a web-only server: bench/supervisor-pages.ts starts it next to
 * `next start` (which runs no workers itself) so the rollup refresh job keeps the pages fresh during the
 * load and the freshness measurement. DATABASE_URL and the secrets come from the parent's environment.
 */
import { registerAllJobHandlers } from "@/lib/services/job-handlers";
import { startWorkers, stopJobs } from "@/lib/jobs/queue";

registerAllJobHandlers();
await startWorkers();
console.log("bench worker: job workers started");
const stop = async () => {
  await stopJobs(5).catch(() => undefined);
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
