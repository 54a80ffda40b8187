/**
 * The one runner of import jobs (roster and special-group list imports), for whichever worker takes the
 * job from the queue. It fetches the upload from the encrypted file store into a private temp file and
 * runs the kind's import over it. Every import checkpoints per batch (ImportBatch, migration 220), so a
 * job interrupted by a crash or a deploy is run again by another worker and resumes: committed batches
 * are skipped and their recorded counts summed, and the end result — rows and counts — is that of an
 * uninterrupted run. A job that fails for good ends FAILED with a Chinese reason on its progress page.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session";
import { clearImportFile, importJobForRun, startImportAttempt } from "@/lib/db/import-jobs.repo";
import type { ImportKind, ImportMode } from "@/lib/db/generated/client";
import { evidenceStorage } from "@/lib/storage";
import type { ReadLimits } from "@/lib/xlsx";
import type { ImportJobData } from "./import-queue";
import { failImportJobAndNotify } from "./import-finish";

/** How much of an upload a reader may take in (tests and benchmarks set smaller limits). */
export type ReadInput = { maxBytes?: number; limits?: ReadLimits };
/** What a kind's import gets: the job, its upload as a private temp file, the reading limits. */
export type ImportFileInput = { jobId: string; filePath: string; fileName: string } & ReadInput;
/** Runs one kind of import over its upload (lib/services/import-runners.ts maps every kind to its runner). */
export type ImportKindRunner = (
  user: SessionUser,
  input: ImportFileInput,
  job: { mode: ImportMode; params: unknown },
) => Promise<void>;
export type ImportRunners = Partial<Record<ImportKind, ImportKindRunner>>;

/** Where workers keep the upload while they read it (housekeeping removes what a killed worker left). */
export const importTempDir = () => path.join(tmpdir(), "aid-import-jobs");

export const FILE_GONE_MESSAGE =
  "导入失败：上传的文件已不在文件存储中（可能已被清理或存储出错），本次没有导入任何数据。请重新上传该文件。";
export const GAVE_UP_MESSAGE =
  "导入失败：多次尝试仍未能完成（系统出错或服务器中断）。按批导入时已完成的批次已保存，“全部不导入”方式则没有导入任何数据；请稍后重新导入该文件（已导入的行会显示为无变化）。";

function sessionUser(data: ImportJobData["user"]): SessionUser {
  return { ...data, displayName: "", mustChangePassword: false };
}

/** Deletes the stored upload of a finished job. */
async function dropUpload(jobId: string, fileKey: string | null): Promise<void> {
  if (!fileKey) return;
  await evidenceStorage().delete(fileKey);
  await clearImportFile(jobId);
}

async function fetchUpload(fileKey: string | null, filePath: string): Promise<boolean> {
  const bytes = fileKey ? await evidenceStorage().get(fileKey) : null;
  if (!bytes) return false;
  await writeFile(filePath, bytes, { mode: 0o600 });
  return true;
}

/**
 * Runs (or resumes) one import job to its end. Returns quietly when the job has already finished (a
 * duplicate delivery). Throws on a failure worth retrying (the database, the store); the queue retries
 * it, and after the last retry {@link giveUpImportJob} marks it failed.
 */
export async function runImportJob(
  data: ImportJobData,
  runners: ImportRunners,
  read: ReadInput = {},
): Promise<void> {
  const job = await importJobForRun(data.importJobId);
  if (!job) return;
  if (job.state !== "RUNNING") {
    await dropUpload(job.id, job.fileKey);
    return;
  }
  await startImportAttempt(job.id);
  const dir = importTempDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const filePath = path.join(dir, `${randomBytes(16).toString("hex")}.xlsx`);
  // The decrypted upload goes to a private temp file and is not kept in memory during the import.
  if (!(await fetchUpload(job.fileKey, filePath))) {
    if (await failImportJobAndNotify(job.id, FILE_GONE_MESSAGE))
      console.error(`import job ${job.id}: upload missing`);
    await clearImportFile(job.id);
    return;
  }
  try {
    const user = sessionUser(data.user);
    const input = { jobId: job.id, filePath, fileName: job.fileName, ...read };
    const runner = runners[job.kind];
    if (!runner) throw new Error(`no import runner for ${job.kind}`);
    await runner(user, input, { mode: job.mode, params: job.params });
  } finally {
    await rm(filePath, { force: true });
  }
  await dropUpload(job.id, job.fileKey);
}

/** The dead-letter side: the job's retries are used up (or its worker died on the last one). */
export async function giveUpImportJob(data: ImportJobData): Promise<void> {
  const job = await importJobForRun(data.importJobId);
  if (!job) return;
  await failImportJobAndNotify(job.id, GAVE_UP_MESSAGE);
  await dropUpload(job.id, job.fileKey);
}
