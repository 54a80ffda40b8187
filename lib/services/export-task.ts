/**
 * Starting, showing and downloading national exports run as jobs (lib/services/export-job.ts). The export
 * pages show the school's recent tasks (state, progress, validation summary) from the ExportTask rows;
 * the download route serves a finished task's stored file to the school admin of that school only,
 * decrypted from the file store, audit-logged as the in-request export download was.
 */
import "server-only";
import { Readable } from "node:stream";
import type { SessionUser } from "@/lib/auth/session";
import {
  clearExportFile,
  failExportTask,
  findExportTask,
  recentExportTasks,
  startExportTask,
  type ExportTaskView,
} from "@/lib/db/export-tasks.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { enqueueJob } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { isId } from "@/lib/schemas/id";
import { evidenceStorage } from "@/lib/storage";
import { StorageUnavailableError } from "@/lib/storage/encrypted";
import { audit } from "./audit";
import { schoolContext } from "./context";
import { exportJobData } from "./export-job";
import { planExport, type ExportRequest } from "./national-export";

export const EXPORT_NOT_QUEUED = "导出没有开始：任务队列暂时不可用。请稍后再试。";
export const EXPORT_TASK_NOT_FOUND = "未找到该导出任务，或您无权下载。";
export const EXPORT_RUNNING_MESSAGE = "导出尚未完成，请在导出页等待完成后再下载。";
export const EXPORT_FILE_REMOVED_MESSAGE =
  "该导出文件已超过保留期被删除（或已不在文件存储中），无法下载。请在导出页点“开始导出”重新生成。";

/**
 * Starts an export task for the caller's school (or joins the same export already running) and queues
 * its job. The rows are read, validated and written by a worker; the page polls the task.
 */
export async function startExport(
  user: SessionUser,
  request: ExportRequest,
): Promise<ActionResult<{ taskId: string }>> {
  const plan = await planExport(user, request);
  if (!plan.ok) return plan;
  const task = await startExportTask({ ...plan.data, createdById: user.id });
  if (task.created) {
    const queued = await queueExportTask(QUEUES.export, user, task.id, EXPORT_NOT_QUEUED);
    if (!queued.ok) return queued;
  }
  return ok({ taskId: task.id });
}

/**
 * Queues the job of a new export task (an export, or a term archive: lib/services/term-archive.ts); when the
 * queue does not take it the task is failed with `notQueued`, so no page waits for a job that never runs.
 */
export async function queueExportTask(
  queue: typeof QUEUES.export | typeof QUEUES.termArchive,
  user: SessionUser,
  taskId: string,
  notQueued: string,
): Promise<ActionResult<undefined>> {
  try {
    await enqueueJob(queue, exportJobData(user, taskId));
    return ok(undefined);
  } catch (error) {
    console.error(`${queue}: not queued:`, error instanceof Error ? error.message : error);
    await failExportTask(taskId, notQueued).catch(() => undefined);
    return fail("UNAVAILABLE", notQueued);
  }
}

/**
 * A finished task's stored file, decrypted (an export's or a term archive's). Running, failed, removed after the
 * retention period or gone from the store: the matching Chinese message (a file gone from the store is cleared
 * from its task, so the page offers to start again).
 */
export async function storedTaskFile(
  task: { id: string; kind: string; state: string; message: string | null; fileKey: string | null },
  text: { running: string; failed: string; removed: string },
): Promise<ActionResult<Uint8Array>> {
  if (task.state === "RUNNING") return fail("CONFLICT", text.running);
  if (task.state === "FAILED") return fail("REFUSED", task.message ?? text.failed);
  if (!task.fileKey) return fail("GONE", text.removed);
  let bytes: Uint8Array | null;
  try {
    bytes = await evidenceStorage().get(task.fileKey);
  } catch (error) {
    if (error instanceof StorageUnavailableError) return fail("UNAVAILABLE", error.message);
    throw error;
  }
  if (!bytes) {
    console.error(`${task.kind} task ${task.id}: stored file missing`);
    await clearExportFile(task.id, task.fileKey);
    return fail("GONE", text.removed);
  }
  return ok(bytes);
}

/** The school's recent export tasks of one kind (of one roster), newest first, for the export pages. */
export async function exportTasks(user: SessionUser, request: ExportRequest): Promise<ExportTaskView[]> {
  const ctx = schoolContext(user, "exports.national");
  if (!ctx.ok) return [];
  const rosterId = request.kind === "ROSTER" ? request.rosterId : null;
  if (rosterId !== null && !isId(rosterId)) return [];
  return recentExportTasks(ctx.data.scope, request.kind, rosterId);
}

export type ExportTaskDownload = { fileName: string; valid: boolean; stream: Readable };

/**
 * A finished task's file (the export, or the validation report when a row has a problem), decrypted
 * from the file store. Another school's task is "not found"; a file removed after the retention period
 * or gone from the store is a Chinese message (the task is marked so the page offers a new export).
 */
export async function downloadExportTask(
  user: SessionUser,
  taskId: string,
): Promise<ActionResult<ExportTaskDownload>> {
  const ctx = schoolContext(user, "exports.download");
  if (!ctx.ok) return ctx;
  const task = isId(taskId) ? await findExportTask(ctx.data.scope, taskId) : null;
  // A term archive (lib/services/term-archive.ts) has its own download, access action and audit entry.
  if (!task || task.kind === "TERM_ARCHIVE") return fail("NOT_FOUND", EXPORT_TASK_NOT_FOUND);
  const file = await storedTaskFile(task, {
    running: EXPORT_RUNNING_MESSAGE,
    failed: "导出失败，没有生成文件。请重新导出。",
    removed: EXPORT_FILE_REMOVED_MESSAGE,
  });
  if (!file.ok) return file;
  const bytes = file.data;
  const kind =
    task.kind === "ROSTER" ? "roster" : task.kind === "AID_RECORDS" ? "aid_records" : "determination";
  await audit(
    ctx.data,
    task.valid ? `export.${kind}` : `export.${kind}.report`,
    task.rosterId ? { type: "Roster", id: task.rosterId } : null,
    { rows: task.rowsTotal ?? 0, problems: task.problemCount, taskId: task.id },
  );
  return ok({
    fileName: task.valid ? task.fileName : `校验报告-${task.fileName}`,
    valid: task.valid === true,
    stream: Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
  });
}
