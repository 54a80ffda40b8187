/**
 * Import jobs (progress, counts) and their rejected rows. Jobs belong to a
 * school; reads take the caller's Scope, so another school's job is "not found".
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db, type Tx } from "./client";
import type { ImportKind, ImportMode, Prisma } from "./generated/client";
import { schoolWhere } from "./scope";

const COUNT_KEYS = [
  "created",
  "updated",
  "unchanged",
  "rejected",
  "matched",
  "unmatched",
  "newlyMatched",
] as const;
type CountKey = (typeof COUNT_KEYS)[number];
export type ImportCounts = Record<CountKey, number>;
export const ZERO_COUNTS = Object.fromEntries(COUNT_KEYS.map((key) => [key, 0])) as ImportCounts;
/** Selects every count column of a job or a batch. */
const COUNTS_SELECT = Object.fromEntries(COUNT_KEYS.map((key) => [key, true])) as Record<CountKey, true>;

export async function createImportJob(input: {
  schoolId: string;
  kind: ImportKind;
  mode: ImportMode;
  fileName: string;
  createdById: string;
  params?: Prisma.InputJsonValue;
  /** The uploaded file in the encrypted file store (lib/services/import-queue.ts). */
  fileKey?: string;
}): Promise<string> {
  const job = await db().importJob.create({
    data: { ...input, fileName: input.fileName.slice(0, 200) },
    select: { id: true },
  });
  return job.id;
}

export async function updateImportJob(
  jobId: string,
  data: Partial<ImportCounts> & { progress?: number; processedRows?: number },
): Promise<void> {
  await db().importJob.update({ where: { id: jobId }, data });
}

/**
 * Ends a running job with its final counts; false when it had already ended (a duplicate delivery).
 * Pass `tx` to end it in the same transaction as its audit entries, so a crash cannot leave one without
 * the other (lib/services/import-finish.ts).
 */
export async function finishImportJob(
  jobId: string,
  data: ImportCounts & {
    state: "DONE" | "FAILED";
    committed: boolean;
    message: string;
    processedRows: number;
  },
  tx?: Tx,
): Promise<boolean> {
  const ended = await (tx ?? db()).importJob.updateMany({
    where: { id: jobId, state: "RUNNING" },
    data: { ...data, progress: 100, finishedAt: new Date() },
  });
  return ended.count > 0;
}

export async function addRejections(
  jobId: string,
  rows: { rowNumber: number; reason: string; valuesCipher: string }[],
): Promise<void> {
  if (rows.length)
    await db().importRejection.createMany({ data: rows.map((r) => ({ jobId, ...r })), skipDuplicates: true });
}

export type ImportJobView = {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  fileName: string;
  state: "RUNNING" | "DONE" | "FAILED";
  progress: number;
  processedRows: number;
  committed: boolean;
  message: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  params: Prisma.JsonValue | null;
  /** Still waiting in the queue: no worker has started it yet (RUNNING with no attempt). */
  queued: boolean;
} & ImportCounts;

const JOB_SELECT = {
  updatedAt: true,
  attempts: true,
  id: true,
  kind: true,
  mode: true,
  fileName: true,
  state: true,
  progress: true,
  processedRows: true,
  committed: true,
  message: true,
  createdAt: true,
  finishedAt: true,
  params: true,
  ...COUNTS_SELECT,
} as const;

/**
 * A job a worker started that has had no progress update for this long was interrupted (e.g. the server
 * restarted, and no worker has resumed it). A job still waiting in the queue (no attempt yet) is never
 * stale: at the peak of the window imports may wait behind others for longer than this.
 */
export const STALE_JOB_MS = 10 * 60_000;

function view(
  { updatedAt, attempts, ...job }: Omit<ImportJobView, "queued"> & { updatedAt: Date; attempts: number },
  now = Date.now(),
): ImportJobView {
  const queued = job.state === "RUNNING" && attempts === 0;
  if (job.state === "RUNNING" && !queued && now - updatedAt.getTime() > STALE_JOB_MS) {
    return {
      ...job,
      queued,
      state: "FAILED",
      message:
        "导入已中断（服务重启或出错）：按批导入时已完成的批次会保留，“全部不导入”方式则没有导入任何数据。请重新导入该文件（已导入的学生会显示为无变化）。",
    };
  }
  return { ...job, queued };
}

export async function findImportJob(scope: Scope, jobId: string): Promise<ImportJobView | null> {
  const job = await db().importJob.findFirst({
    where: { id: jobId, school: schoolWhere(scope) },
    select: JOB_SELECT,
  });
  return job && view(job);
}

export async function listImportJobs(scope: Scope, kind: ImportKind, take = 10): Promise<ImportJobView[]> {
  const jobs = await db().importJob.findMany({
    where: { kind, school: schoolWhere(scope) },
    orderBy: { createdAt: "desc" },
    take,
    select: JOB_SELECT,
  });
  return jobs.map((j) => view(j));
}

/** Rejected rows of a job in row order, page by page (the caller has found the job in scope). */
export function rejectionPage(jobId: string, afterRow: number, take: number) {
  return db().importRejection.findMany({
    where: { jobId, rowNumber: { gt: afterRow } },
    orderBy: { rowNumber: "asc" },
    take,
    select: { rowNumber: true, reason: true, valuesCipher: true },
  });
}

/** Whether the school has an import of this kind still running (and not stale). */
export async function hasRunningImport(schoolId: string, kind: ImportKind): Promise<boolean> {
  const running = await db().importJob.count({
    where: {
      schoolId,
      kind,
      state: "RUNNING",
      OR: [{ attempts: 0 }, { updatedAt: { gt: new Date(Date.now() - STALE_JOB_MS) } }],
    },
  });
  return running > 0;
}

/** What a worker needs to run an import job (lib/services/import-job-runner.ts); no scope: the job was authorised when queued. */
export async function importJobForRun(jobId: string) {
  return db().importJob.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      schoolId: true,
      kind: true,
      mode: true,
      fileName: true,
      state: true,
      fileKey: true,
      params: true,
      createdById: true,
      attempts: true,
    },
  });
}

/** Counts the start of a worker's attempt at a job (and shows the job alive again). */
export async function startImportAttempt(jobId: string): Promise<void> {
  await db().importJob.update({ where: { id: jobId }, data: { attempts: { increment: 1 } } });
}

/** Forgets the stored upload of a finished job (the caller deleted the file). */
export async function clearImportFile(jobId: string): Promise<void> {
  await db().importJob.updateMany({ where: { id: jobId }, data: { fileKey: null } });
}

/** Marks a still-running job failed for good with a Chinese reason; false when it had already finished. */
export async function failImportJob(jobId: string, message: string, tx?: Tx): Promise<boolean> {
  const updated = await (tx ?? db()).importJob.updateMany({
    where: { id: jobId, state: "RUNNING" },
    data: { state: "FAILED", message, progress: 100, finishedAt: new Date() },
  });
  return updated.count > 0;
}

export type ImportBatchRecord = ImportCounts & {
  batchNo: number;
  processedRows: number;
  elsewhere: Prisma.JsonValue | null;
};

/** The committed batches of a job: its checkpoint (migration 220). */
export async function committedBatches(jobId: string): Promise<Map<number, ImportBatchRecord>> {
  const rows = await db().importBatch.findMany({
    where: { jobId },
    select: {
      batchNo: true,
      processedRows: true,
      ...COUNTS_SELECT,
      elsewhere: true,
    },
  });
  return new Map(rows.map((r) => [r.batchNo, r]));
}

/**
 * Records a batch as committed, with its counts and rejected rows, inside the transaction that wrote
 * its rows: a re-run of the batch (after a crash) either finds this row and skips the batch, or finds
 * nothing because the whole transaction was rolled back.
 */
export async function recordBatch(
  tx: Tx,
  jobId: string,
  batch: ImportCounts & { batchNo: number; processedRows: number; elsewhere?: Prisma.InputJsonValue },
  rejections: { rowNumber: number; reason: string; valuesCipher: string }[],
): Promise<void> {
  if (rejections.length)
    await tx.importRejection.createMany({
      data: rejections.map((r) => ({ jobId, ...r })),
      skipDuplicates: true,
    });
  await tx.importBatch.create({ data: { jobId, ...batch } });
}

/** Finished import jobs older than `before`, with their rejected rows and checkpoints (housekeeping). */
export async function deleteFinishedImportJobs(before: Date): Promise<{ count: number; fileKeys: string[] }> {
  const where = { state: { in: ["DONE", "FAILED"] as ("DONE" | "FAILED")[] }, finishedAt: { lt: before } };
  const withFiles = await db().importJob.findMany({
    where: { ...where, fileKey: { not: null } },
    select: { fileKey: true },
  });
  const deleted = await db().importJob.deleteMany({ where });
  return { count: deleted.count, fileKeys: withFiles.map((j) => j.fileKey!) };
}

/** Uploads still held for jobs that have finished (a worker stopped between finishing and deleting). */
export async function finishedJobsHoldingFiles(): Promise<{ id: string; fileKey: string }[]> {
  const jobs = await db().importJob.findMany({
    where: { state: { in: ["DONE", "FAILED"] }, fileKey: { not: null } },
    select: { id: true, fileKey: true },
    take: 1000,
  });
  return jobs.map((j) => ({ id: j.id, fileKey: j.fileKey! }));
}
