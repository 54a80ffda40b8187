/**
 * The daily housekeeping job (pg-boss schedule `housekeeping`, JOB_HOUSEKEEPING_CRON, default 03:30
 * China time): deletes what the app keeps only for a while. Runs as the app role on any worker:
 *   - rate-limit counters whose window ended more than two days ago;
 *   - session records that ended or went idle more than a day ago;
 *   - one-time SMS codes older than a day (they live 5 minutes);
 *   - lockout state of sign-in identifiers without an account untouched for 30 days (migration 110);
 *   - finished import jobs older than IMPORT_JOB_RETENTION_DAYS (default 30), with their rejected rows
 *     (which hold ID numbers, encrypted) and checkpoints, and any upload a finished job still holds in
 *     the file store;
 *   - the stored files of national exports run as jobs (lib/services/export-job.ts) that finished more
 *     than EXPORT_FILE_RETENTION_DAYS (default 7) ago: they hold full ID numbers; the task row stays and
 *     its page offers a new export;
 *   - this machine's upload, import and export temp files older than a day (a process killed mid-upload,
 *     mid-import or mid-export leaves them);
 *   - support-desk answers whose filer let the 5-working-day window pass without confirming or reopening:
 *     closed, with an AUTO_CLOSE step in their history (lib/db/support.repo.ts closeLapsedProblems).
 * The audit log's retention purge needs the owner role and stays in `npm run housekeeping`.
 */
import "server-only";
import { readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deleteOldUnknownSignInLockouts } from "@/lib/db/auth.repo";
import {
  clearImportFile,
  deleteFinishedImportJobs,
  finishedJobsHoldingFiles,
} from "@/lib/db/import-jobs.repo";
import { purgeOldCodes } from "@/lib/db/one-time-codes.repo";
import { deleteExpiredCounters } from "@/lib/db/rate-limit.repo";
import { deleteOldSessionRecords } from "@/lib/db/sessions.repo";
import { evidenceStorage } from "@/lib/storage";
import { clearExportFile, expiredExportFiles } from "@/lib/db/export-tasks.repo";
import { closeLapsedProblems } from "@/lib/db/support.repo";
import { beijingDay } from "@/lib/domain/support";
import { exportTempDir } from "./export-job";
import { importTempDir } from "./import-job-runner";

const DAY = 86_400_000;

export const DEFAULT_HOUSEKEEPING_CRON = "30 3 * * *";
export const HOUSEKEEPING_TIME_ZONE = "Asia/Shanghai";

export function importJobRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.IMPORT_JOB_RETENTION_DAYS?.trim();
  if (!raw) return 30;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`IMPORT_JOB_RETENTION_DAYS must be a whole number of days ≥ 1 (got "${raw}")`);
  return days;
}

export function exportFileRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.EXPORT_FILE_RETENTION_DAYS?.trim();
  if (!raw) return 7;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`EXPORT_FILE_RETENTION_DAYS must be a whole number of days ≥ 1 (got "${raw}")`);
  return days;
}

/** Temp folders of uploads (lib/http/upload.ts), running imports and running exports. */
export const tempDirs = () => [path.join(tmpdir(), "aid-uploads"), importTempDir(), exportTempDir()];

async function deleteOldFiles(dir: string, before: number): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let deleted = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && info.mtimeMs < before) {
      await rm(file, { force: true });
      deleted++;
    }
  }
  return deleted;
}

export type HousekeepingReport = {
  rateLimitCounters: number;
  sessions: number;
  oneTimeCodes: number;
  signInLockouts: number;
  importJobs: number;
  storedUploads: number;
  exportFiles: number;
  tempFiles: number;
  supportAutoClosed: number;
};

export async function runHousekeeping(now = new Date()): Promise<HousekeepingReport> {
  const nowMs = now.getTime();
  const rateLimitCounters = await deleteExpiredCounters(new Date(nowMs - 2 * DAY));
  const sessions = await deleteOldSessionRecords(new Date(nowMs - DAY));
  const oneTimeCodes = await purgeOldCodes(new Date(nowMs - DAY));
  const signInLockouts = await deleteOldUnknownSignInLockouts(new Date(nowMs - 30 * DAY));
  const old = await deleteFinishedImportJobs(new Date(nowMs - importJobRetentionDays() * DAY));
  let storedUploads = 0;
  for (const key of old.fileKeys) {
    await evidenceStorage().delete(key);
    storedUploads++;
  }
  for (const job of await finishedJobsHoldingFiles()) {
    await evidenceStorage().delete(job.fileKey);
    await clearImportFile(job.id);
    storedUploads++;
  }
  let exportFiles = 0;
  const exportsBefore = new Date(nowMs - exportFileRetentionDays() * DAY);
  for (let batch = await expiredExportFiles(exportsBefore); batch.length > 0;) {
    for (const task of batch) {
      await evidenceStorage().delete(task.fileKey);
      await clearExportFile(task.id, task.fileKey);
      exportFiles++;
    }
    batch = await expiredExportFiles(exportsBefore);
  }
  let tempFiles = 0;
  for (const dir of tempDirs()) tempFiles += await deleteOldFiles(dir, nowMs - DAY);
  const supportAutoClosed = await closeLapsedProblems(beijingDay(now));
  return {
    rateLimitCounters,
    sessions,
    oneTimeCodes,
    signInLockouts,
    importJobs: old.count,
    storedUploads,
    exportFiles,
    tempFiles,
    supportAutoClosed,
  };
}
