/**
 * Runs a loan or repayment import job in a child process with the roster import's bounded V8 heap
 * (IMPORT_JOB_HEAP_MB / IMPORT_JOB_SEMI_SPACE_MB, lib/services/import-job-isolated.ts), so a province's
 * 300,000-row file stays within a few hundred MB whichever process runs the workers (bench/README.md, "Loan
 * import of a province"). IMPORT_JOB_ISOLATION=off runs it in the worker's own process instead.
 */
import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { importJobNodeArgs } from "./import-job-isolated";
import { runLoanImportJob, type LoanImportJobData } from "./loan-import";

/** The command line of the child (also used by bench/loans-import.ts to measure the default configuration). */
export function loanImportChildArgs(data: LoanImportJobData): string[] {
  return [
    ...importJobNodeArgs(),
    "--import",
    "tsx",
    // Plain Node has no "server-only" package: the same hook as every script (scripts/server-only-stub.mjs).
    "--import",
    pathToFileURL(path.join(process.cwd(), "scripts/server-only-stub.mjs")).href,
    path.join(process.cwd(), "lib/services/loan-import-child.ts"),
    JSON.stringify(data),
  ];
}

/** Runs the job; rejects when it should be retried (the child failed, died or was killed). */
export async function runLoanImportJobIsolated(data: LoanImportJobData, signal?: AbortSignal): Promise<void> {
  if ((process.env.IMPORT_JOB_ISOLATION ?? "on").toLowerCase() === "off") return runLoanImportJob(data);
  // The database URL and keys the worker has; never the owner's credentials (scripts/launch.ts, worker.ts).
  const child = spawn(process.execPath, loanImportChildArgs(data), {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: process.env,
  });
  const onAbort = () => child.kill("SIGKILL");
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      child.once("exit", (c, s) => resolve([c, s]));
      child.once("error", (error) => {
        console.error("loan import child could not start", error);
        resolve([null, null]);
      });
    });
    if (code !== 0) throw new Error(`loan import child ended with ${sig ?? `exit code ${code}`}`);
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
