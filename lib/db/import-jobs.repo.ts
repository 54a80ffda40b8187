/**
 * Import jobs (progress, counts) and their rejected rows. Jobs belong to a
 * school; reads take the caller's Scope, so another school's job is "not found".
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import type { ImportKind, ImportMode, Prisma } from "./generated/client";
import { schoolWhere } from "./scope";

export type ImportCounts = {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  matched: number;
  unmatched: number;
  newlyMatched: number;
};
export const ZERO_COUNTS: ImportCounts = {
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  matched: 0,
  unmatched: 0,
  newlyMatched: 0,
};

export async function createImportJob(input: {
  schoolId: string;
  kind: ImportKind;
  mode: ImportMode;
  fileName: string;
  createdById: string;
  params?: Prisma.InputJsonValue;
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

export async function finishImportJob(
  jobId: string,
  data: ImportCounts & {
    state: "DONE" | "FAILED";
    committed: boolean;
    message: string;
    processedRows: number;
  },
): Promise<void> {
  await db().importJob.update({
    where: { id: jobId },
    data: { ...data, progress: 100, finishedAt: new Date() },
  });
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
} & ImportCounts;

const JOB_SELECT = {
  updatedAt: true,
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
  created: true,
  updated: true,
  unchanged: true,
  rejected: true,
  matched: true,
  unmatched: true,
  newlyMatched: true,
} as const;

/** A job still RUNNING without a progress update for this long was interrupted (e.g. the server restarted). */
export const STALE_JOB_MS = 10 * 60_000;

function view({ updatedAt, ...job }: ImportJobView & { updatedAt: Date }, now = Date.now()): ImportJobView {
  if (job.state === "RUNNING" && now - updatedAt.getTime() > STALE_JOB_MS) {
    return {
      ...job,
      state: "FAILED",
      message:
        "导入已中断（服务重启或出错）：按批导入时已完成的批次会保留，“全部不导入”方式则没有导入任何数据。请重新导入该文件（已导入的学生会显示为无变化）。",
    };
  }
  return job;
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
    where: { schoolId, kind, state: "RUNNING", updatedAt: { gt: new Date(Date.now() - STALE_JOB_MS) } },
  });
  return running > 0;
}
