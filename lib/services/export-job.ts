/**
 * A national export as a job (queue `export`, lib/jobs/queues.ts): the export page starts an ExportTask
 * (migration 320, lib/services/export-task.ts) and queues it; any app server's worker runs it as the
 * user who asked — the access matrix is checked again — validating every row and writing the workbook
 * (lib/services/national-export.ts `writeExportFile`) into a private temp file, which then goes into
 * the encrypted file store (lib/storage). The task row records the progress page by page, then the
 * validation summary and the stored file's key, so the page shows them whichever server serves it.
 *
 * Crash-safe: every attempt starts from the first row in a fresh snapshot and writes a whole new file;
 * only the attempt that records its key on the still-running task keeps its file (an attempt that loses
 * that race deletes its own), so a task has one file with every row once. A worker killed mid-way stops
 * its heartbeat and pg-boss hands the job to another worker; when the retries are used up the task ends
 * FAILED with a Chinese reason ({@link giveUpExportJob}).
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session";
import {
  beginExportAttempt,
  exportTaskForRun,
  failExportTask,
  finishExportTask,
  setExportProgress,
} from "@/lib/db/export-tasks.repo";
import { evidenceStorage } from "@/lib/storage";
import { writeExportFile, type ExportOptions } from "./national-export";

export type ExportJobData = {
  taskId: string;
  user: Pick<SessionUser, "id" | "role" | "schoolId" | "regionId" | "regionPath" | "personId">;
};

/** Problems kept on the task row for the page, without their cell values (the stored report has every one in full). */
export const PROBLEMS_ON_TASK = 200;

export const EXPORT_GAVE_UP_MESSAGE =
  "导出失败：多次尝试仍未能完成（系统出错或服务器中断），没有生成文件。请稍后在导出页重新导出。";

/** Where a running export writes its workbook before it goes into the file store. */
export const exportTempDir = () => path.join(tmpdir(), "aid-export-jobs");

export function exportJobData(user: SessionUser, taskId: string): ExportJobData {
  const { id, role, schoolId, regionId, regionPath, personId } = user;
  return { taskId, user: { id, role, schoolId, regionId, regionPath, personId } };
}

/** Test hooks: page size, and a progress callback run after the task's own (e.g. to simulate a crash). */
export type ExportJobOptions = ExportOptions & { afterPage?: (rowsDone: number) => Promise<void> | void };

/** Runs the task to its end; throws on a failure worth retrying (the queue retries it). */
export async function runExportJob(data: ExportJobData, opts: ExportJobOptions = {}): Promise<void> {
  const task = await exportTaskForRun(data.taskId);
  // A term archive runs on its own queue (lib/services/term-archive-job.ts).
  const kind = task?.kind;
  if (
    !task ||
    kind === undefined ||
    kind === "TERM_ARCHIVE" ||
    task.state !== "RUNNING" ||
    task.fileKey !== null
  )
    return;
  if (!(await beginExportAttempt(task.id))) return;
  const user: SessionUser = { ...data.user, displayName: "", mustChangePassword: false };
  const dir = exportTempDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomBytes(16).toString("hex")}.xlsx`);
  try {
    const result = await writeExportFile(user, { ...task, kind }, file, {
      pageSize: opts.pageSize,
      progress: async (rowsDone, rowsTotal) => {
        await setExportProgress(task.id, rowsDone, rowsTotal);
        await opts.afterPage?.(rowsDone);
      },
    });
    if (!result.ok) {
      // Refused (the user's right withdrawn, the roster gone): no retry makes it pass.
      await failExportTask(task.id, `导出没有进行：${result.message}`);
      return;
    }
    const bytes = await readFile(file);
    const fileKey = await evidenceStorage().put(bytes);
    const kept = await finishExportTask(task.id, {
      rowsTotal: result.data.rowCount,
      valid: result.data.valid,
      problemCount: result.data.problems.length,
      // Without the cell values: a value may be a full ID number, which only the encrypted report holds.
      problems: result.data.problems.slice(0, PROBLEMS_ON_TASK).map((problem) => ({ ...problem, value: "" })),
      summary: result.data.summary,
      fileKey,
      fileBytes: bytes.length,
    });
    // Another delivery of the same job finished first: its file is the task's, this one goes.
    if (!kept) await evidenceStorage().delete(fileKey);
  } finally {
    await rm(file, { force: true });
  }
}

/** The dead-letter side: the job's retries are used up. */
export async function giveUpExportJob(data: ExportJobData): Promise<void> {
  await failExportTask(data.taskId, EXPORT_GAVE_UP_MESSAGE);
}
