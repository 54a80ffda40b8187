/**
 * One import job's run in its own Node.js process (lib/services/import-job-isolated.ts): the worker that took
 * the job starts `node --max-old-space-size=<IMPORT_JOB_HEAP_MB> --import tsx lib/services/import-job-child.ts`,
 * so an import's memory is bounded and returned to the system when it ends, whichever process runs the
 * workers. The job's data comes as the one argument; exit code 0 when the job ran to its end (DONE or
 * FAILED recorded), 1 when it should be retried. It ends with its parent (IPC channel closed).
 */
import "server-only";
import { db } from "@/lib/db/client";
import { redactedError } from "@/lib/services/import-start";
import { runImportJob } from "./import-job-runner";
import { IMPORT_RUNNERS } from "./import-runners";
import type { ImportJobData } from "./import-queue";

// The parent gone (IPC closed) ends the child; its own disconnect at the end must not (it would exit 1 after a
// finished job, and the queue would run it again).
const orphaned = () => process.exit(1);
process.on("disconnect", orphaned);

const data = JSON.parse(process.argv[2] ?? "{}") as ImportJobData;
try {
  await runImportJob(data, IMPORT_RUNNERS);
  process.exitCode = 0;
} catch (error) {
  console.error(`import job ${data.importJobId} failed`, redactedError(error));
  process.exitCode = 1;
} finally {
  await db().$disconnect();
  process.off("disconnect", orphaned);
  process.disconnect?.();
}
