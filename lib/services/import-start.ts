/**
 * Starting an import of a school's spreadsheet (student roster, special-group list), shared by
 * lib/services/student-roster-import.ts and lib/services/special-groups.ts: who may start one, one at a time
 * per school and kind, queued for a worker (lib/services/import-job-runner.ts) or run here and read back.
 */
import "server-only";
import { unlink } from "node:fs/promises";
import type { Action } from "@/lib/auth/access";
import { findImportJob, hasRunningImport, type ImportJobView } from "@/lib/db/import-jobs.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { runImportJob, type ImportRunners, type ReadInput } from "./import-job-runner";
import { importJobData } from "@/lib/services/import-queue";
import { schoolContext, type SchoolContext } from "./context";
import { failImportJobAndNotify } from "./import-finish";

/** The upload could not be stored or the job not queued: nothing was started. */
export const QUEUE_DOWN_MESSAGE =
  "导入没有开始：文件存储或任务队列暂时不可用，本次没有导入任何数据。请稍后重新上传该文件。";

/**
 * What is logged of an unexpected failure: its kind, code and call stack — never its message, whose
 * PostgreSQL DETAIL may quote row values (学籍号, which holds the ID number).
 */
export function redactedError(error: unknown): { name: string; code?: unknown; stack?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return { name: error.name, code: (error as { code?: unknown }).code, stack: frames.join("\n") };
}

export type ImportUpload = { filePath: string; removeFile?: boolean };

/**
 * The caller's school may start an import of this kind now (allowed, and none of its kind running): its id.
 * A refused upload is removed when it was the caller's temporary file.
 */
export async function mayStartImport(
  user: SessionUser,
  action: Action,
  kind: "ROSTER" | "SPECIAL_GROUP",
  upload: ImportUpload,
  busyMessage: string,
): Promise<ActionResult<string>> {
  const ctx = schoolContext(user, action);
  const refusal = !ctx.ok
    ? ctx
    : (await hasRunningImport(ctx.data.schoolId, kind))
      ? fail("CONFLICT", busyMessage)
      : null;
  if (!refusal && ctx.ok) return ok(ctx.data.schoolId);
  if (upload.removeFile) await unlink(upload.filePath).catch(() => undefined);
  return refusal!;
}

/** The queued job's id, or REFUSED when the file store or the queue could not take it (logged, redacted). */
export function queuedOrRefused(
  queued: Promise<string>,
  what: string,
): Promise<ActionResult<{ jobId: string }>> {
  return queued.then(
    (jobId) => ok({ jobId }),
    (error: unknown) => {
      console.error(`${what}: could not queue`, redactedError(error));
      return fail("UNAVAILABLE", QUEUE_DOWN_MESSAGE);
    },
  );
}

/**
 * Runs a queued job in this process through the worker's runner and reads it back (tests, scripts,
 * benchmarks); a failure the queue would retry ends the job FAILED with `failureMessage(error)`.
 */
export async function runImportHere(
  user: SessionUser,
  action: Action,
  jobId: string,
  runners: ImportRunners,
  options: ReadInput,
  failureMessage: (error: unknown) => string,
): Promise<ActionResult<ImportJobView>> {
  await runImportJob(importJobData(user, jobId), runners, options).catch(async (error: unknown) => {
    console.error("import failed", redactedError(error));
    await failImportJobAndNotify(jobId, failureMessage(error));
  });
  const ctx = schoolContext(user, action);
  const job = ctx.ok ? await findImportJob(ctx.data.scope, jobId) : null;
  return job ? ok(job) : fail("NOT_FOUND", "导入任务不存在。");
}

/**
 * The context a job runs in: the school of the user who started it, who must still be allowed the import;
 * otherwise the job ends FAILED with the reason and there is nothing to run (null).
 */
export async function importJobContext(
  user: SessionUser,
  action: Action,
  jobId: string,
): Promise<SchoolContext | null> {
  const ctx = schoolContext(user, action);
  if (ctx.ok) return ctx.data;
  await failImportJobAndNotify(jobId, `导入失败：${ctx.message}`);
  return null;
}
