/**
 * One loan or repayment import job's run in its own Node.js process with a bounded heap, like the roster
 * import (lib/services/import-job-child.ts): started by runLoanImportJobIsolated
 * (lib/services/loan-import-isolated.ts) with the job's data as the one argument; exit code 0 when the job
 * ran to its end (DONE or FAILED recorded), 1 when it should be retried. It ends with its parent.
 */
import "server-only";
import { db } from "@/lib/db/client";
import { redactedError } from "@/lib/services/import-start";
import { runLoanImportJob, type LoanImportJobData } from "./loan-import";

// The parent gone (IPC closed) ends the child; its own disconnect at the end must not.
const orphaned = () => process.exit(1);
process.on("disconnect", orphaned);

const data = JSON.parse(process.argv[2] ?? "{}") as LoanImportJobData;
try {
  await runLoanImportJob(data);
  process.exitCode = 0;
} catch (error) {
  console.error(`loan import ${data.importId} failed`, redactedError(error));
  process.exitCode = 1;
} finally {
  await db().$disconnect();
  process.off("disconnect", orphaned);
  process.disconnect?.();
}
