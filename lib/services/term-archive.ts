/**
 * The school's archive of a term (学期资助档案): the school admin asks for it, a job builds the zip
 * (lib/services/term-archive-job.ts, never imported here: it renders with react-dom/server), the page shows the task's progress, and the finished zip is downloaded
 * from the encrypted file store, audit-logged. Tasks are ExportTask rows of kind TERM_ARCHIVE (migration 650).
 */
import "server-only";
import { isId } from "@/lib/schemas/id";
import {
  findExportTask,
  recentExportTasks,
  startExportTask,
  type ExportTaskView,
} from "@/lib/db/export-tasks.repo";
import { listArchiveTerms } from "@/lib/db/print-forms.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { QUEUES } from "@/lib/jobs/queues";
import { audit } from "./audit";
import { schoolContext } from "./context";
import { queueExportTask, storedTaskFile } from "./export-task";

export const ARCHIVE_NOT_QUEUED = "资助档案没有开始生成：任务队列暂时不可用。请稍后再试。";
export const ARCHIVE_NOT_FOUND = "未找到该资助档案，或您无权下载。";
const ARCHIVE_RUNNING = "资助档案尚未生成完成，请等待完成后再下载。";
const ARCHIVE_FILE_REMOVED = "该资助档案文件已超过保留期被删除（或已不在文件存储中），请重新生成。";

/** The terms the admin can ask an archive of, and the school's recent archive tasks, newest first. */
export async function loadTermArchives(
  user: SessionUser,
): Promise<
  ActionResult<{ terms: { id: string; name: string; isCurrent: boolean }[]; tasks: ExportTaskView[] }>
> {
  const ctx = schoolContext(user, "archive.term");
  if (!ctx.ok) return ctx;
  const [terms, tasks] = await Promise.all([
    listArchiveTerms(ctx.data.scope),
    recentExportTasks(ctx.data.scope, "TERM_ARCHIVE", null, 10),
  ]);
  return ok({ terms, tasks });
}

/** Starts the archive of one term of the school (or joins the one already running) and queues its job. */
export async function startTermArchive(
  user: SessionUser,
  termIdRaw: unknown,
): Promise<ActionResult<{ taskId: string; created: boolean }>> {
  const ctx = schoolContext(user, "archive.term");
  if (!ctx.ok) return ctx;
  const terms = await listArchiveTerms(ctx.data.scope);
  const term = isId(termIdRaw) ? terms.find((candidate) => candidate.id === termIdRaw) : undefined;
  if (!term) return fail("INVALID", "请选择学期。", { termId: "请选择要下载资助档案的学期" });
  const task = await startExportTask({
    kind: "TERM_ARCHIVE",
    schoolId: ctx.data.schoolId,
    termId: term.id,
    rosterId: null,
    fileName: `${term.name}资助档案.zip`,
    createdById: user.id,
  });
  if (task.created) {
    const queued = await queueExportTask(QUEUES.termArchive, user, task.id, ARCHIVE_NOT_QUEUED);
    if (!queued.ok) return queued;
    await audit(ctx.data, "archive.term_requested", { type: "AidTerm", id: term.id }, { taskId: task.id });
  }
  return ok({ taskId: task.id, created: task.created });
}

export type TermArchiveDownload = { fileName: string; bytes: Buffer };

/** A finished archive of the caller's school, decrypted from the file store (audited). */
export async function downloadTermArchive(
  user: SessionUser,
  taskId: unknown,
): Promise<ActionResult<TermArchiveDownload>> {
  const ctx = schoolContext(user, "archive.term");
  if (!ctx.ok) return ctx;
  const task = isId(taskId) ? await findExportTask(ctx.data.scope, taskId) : null;
  if (!task || task.kind !== "TERM_ARCHIVE") return fail("NOT_FOUND", ARCHIVE_NOT_FOUND);
  const file = await storedTaskFile(task, {
    running: ARCHIVE_RUNNING,
    failed: "资助档案生成失败，请重新生成。",
    removed: ARCHIVE_FILE_REMOVED,
  });
  if (!file.ok) return file;
  const bytes = file.data;
  await audit(
    ctx.data,
    "archive.term_downloaded",
    { type: "BackgroundTask", id: task.id },
    {
      files: task.rowsTotal ?? 0,
    },
  );
  return ok({
    fileName: task.fileName,
    bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  });
}
