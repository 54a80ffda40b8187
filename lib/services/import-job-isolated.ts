/**
 * Runs an import job in a child process with a bounded V8 heap (lib/services/import-job-child.ts), so a
 * 100,000-row import stays under a few hundred MB whichever process runs the workers (bench/README.md).
 * IMPORT_JOB_HEAP_MB (default 160) is the child's --max-old-space-size, IMPORT_JOB_SEMI_SPACE_MB
 * (default 4) its --max-semi-space-size; IMPORT_JOB_ISOLATION=off runs
 * the job in the worker's own process instead.
 */
import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runImportJob } from "./import-job-runner";
import { IMPORT_RUNNERS } from "./import-runners";
import type { ImportJobData } from "./import-queue";

export const DEFAULT_IMPORT_JOB_HEAP_MB = 160;

export function importJobHeapMb(env: Record<string, string | undefined> = process.env): number {
  const heapMb = Number(env.IMPORT_JOB_HEAP_MB);
  return Number.isInteger(heapMb) && heapMb >= 64 ? heapMb : DEFAULT_IMPORT_JOB_HEAP_MB;
}

/** The child's V8 flags: old-space limit and young-generation semi-space size (IMPORT_JOB_SEMI_SPACE_MB). */
export function importJobNodeArgs(env: Record<string, string | undefined> = process.env): string[] {
  const semi = Number(env.IMPORT_JOB_SEMI_SPACE_MB ?? DEFAULT_IMPORT_JOB_SEMI_SPACE_MB);
  return [
    `--max-old-space-size=${importJobHeapMb(env)}`,
    ...(Number.isInteger(semi) && semi >= 1 ? [`--max-semi-space-size=${semi}`] : []),
  ];
}
/**
 * 4 MB young-generation semi-spaces: V8 then promotes or frees the import's short-lived row objects
 * in small steps instead of letting the young generation grow to tens of MB per semi-space; at
 * 100,000 rows the peak RSS fell from 441–449 MB to 295 MB at no measurable cost in time (bench/README.md).
 */
export const DEFAULT_IMPORT_JOB_SEMI_SPACE_MB = 4;

/** Runs the job; rejects when it should be retried (the child failed, died or was killed). */
export async function runImportJobIsolated(data: ImportJobData, signal?: AbortSignal): Promise<void> {
  if ((process.env.IMPORT_JOB_ISOLATION ?? "on").toLowerCase() === "off")
    return runImportJob(data, IMPORT_RUNNERS);
  const child = spawn(
    process.execPath,
    [
      ...importJobNodeArgs(),
      "--import",
      "tsx",
      // Plain Node has no "server-only" package: the same hook as every script (scripts/server-only-stub.mjs).
      "--import",
      pathToFileURL(path.join(process.cwd(), "scripts/server-only-stub.mjs")).href,
      path.join(process.cwd(), "lib/services/import-job-child.ts"),
      JSON.stringify(data),
    ],
    // The database URL and keys the worker has; never the owner's credentials (scripts/launch.ts, worker.ts).
    { stdio: ["ignore", "inherit", "inherit", "ipc"], env: process.env },
  );
  const onAbort = () => child.kill("SIGKILL");
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      child.once("exit", (c, s) => resolve([c, s]));
      child.once("error", (error) => {
        console.error("import job child could not start", error);
        resolve([null, null]);
      });
    });
    if (code !== 0) throw new Error(`import job child ended with ${sig ?? `exit code ${code}`}`);
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
