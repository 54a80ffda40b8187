/**
 * National exports run as jobs (migration 320, lib/services/export-job.ts): the task row holds the state,
 * the progress, the validation summary and the key of the stored file. Reads for pages and downloads
 * take the caller's Scope: another school's task is "not found". At most one export of the same thing
 * runs per school (partial unique index): a second click joins the running one.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ExportProblem } from "@/lib/domain/national-export";
import { db } from "./client";
import { Prisma } from "./generated/client";
import { schoolWhere } from "./scope";

export type ExportKind = "DETERMINATION" | "ROSTER" | "AID_RECORDS" | "TERM_ARCHIVE";

export type ExportTaskView = {
  id: string;
  kind: ExportKind;
  rosterId: string | null;
  state: "RUNNING" | "DONE" | "FAILED";
  fileName: string;
  rowsDone: number;
  rowsTotal: number | null;
  valid: boolean | null;
  problemCount: number;
  problems: ExportProblem[];
  summary: string | null;
  message: string | null;
  /** The stored file is there to download (not yet removed by housekeeping, not found missing). */
  hasFile: boolean;
  fileRemovedAt: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
};

const SELECT = {
  id: true,
  kind: true,
  rosterId: true,
  state: true,
  fileName: true,
  rowsDone: true,
  rowsTotal: true,
  valid: true,
  problemCount: true,
  problems: true,
  summary: true,
  message: true,
  fileKey: true,
  fileRemovedAt: true,
  createdAt: true,
  finishedAt: true,
} satisfies Prisma.ExportTaskSelect;

type Selected = Prisma.ExportTaskGetPayload<{ select: typeof SELECT }>;

function view({ fileKey, problems, kind, ...task }: Selected): ExportTaskView {
  return {
    ...task,
    kind: kind as ExportKind,
    problems: Array.isArray(problems) ? (problems as unknown as ExportProblem[]) : [],
    hasFile: fileKey !== null,
  };
}

/**
 * Starts an export task, or returns the one of the same school, kind and roster already running
 * (`created: false`): two clicks, on two servers, make one task.
 */
export async function startExportTask(input: {
  kind: ExportKind;
  schoolId: string;
  termId: string;
  rosterId: string | null;
  fileName: string;
  createdById: string;
}): Promise<{ id: string; created: boolean }> {
  try {
    const task = await db().exportTask.create({ data: input, select: { id: true } });
    return { id: task.id, created: true };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const running = await db().exportTask.findFirst({
      where: { schoolId: input.schoolId, kind: input.kind, rosterId: input.rosterId, state: "RUNNING" },
      select: { id: true },
    });
    if (!running) throw error;
    return { id: running.id, created: false };
  }
}

/** The task for its worker (no scope: the job names it). */
export async function exportTaskForRun(id: string) {
  const task = await db().exportTask.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      schoolId: true,
      termId: true,
      rosterId: true,
      state: true,
      fileName: true,
      fileKey: true,
    },
  });
  return task && { ...task, kind: task.kind as ExportKind };
}

/**
 * A worker starts (or, after a crash, restarts) the task from its first row: the progress goes back to
 * zero and the attempt is counted. False when the task is no longer running.
 */
export async function beginExportAttempt(id: string): Promise<boolean> {
  const updated = await db().exportTask.updateMany({
    where: { id, state: "RUNNING" },
    data: { attempts: { increment: 1 }, rowsDone: 0, rowsTotal: null },
  });
  return updated.count > 0;
}

export async function setExportProgress(
  id: string,
  rowsDone: number,
  rowsTotal: number | null,
): Promise<void> {
  await db().exportTask.updateMany({
    where: { id, state: "RUNNING" },
    data: { rowsDone: rowsTotal === null ? rowsDone : Math.min(rowsDone, rowsTotal), rowsTotal },
  });
}

/**
 * Ends a running task with its stored file. False when it had already ended (a duplicate delivery
 * finished first): the caller then deletes the file it stored, so a task owns exactly one file.
 */
export async function finishExportTask(
  id: string,
  data: {
    rowsTotal: number;
    valid: boolean;
    problemCount: number;
    problems: ExportProblem[];
    summary: string;
    fileKey: string;
    fileBytes: number;
  },
): Promise<boolean> {
  const updated = await db().exportTask.updateMany({
    where: { id, state: "RUNNING", fileKey: null },
    data: {
      ...data,
      problems: data.problems as unknown as Prisma.InputJsonValue,
      rowsDone: data.rowsTotal,
      state: "DONE",
      finishedAt: new Date(),
    },
  });
  return updated.count > 0;
}

/** Ends a running task FAILED with a Chinese reason; false when it had already ended. */
export async function failExportTask(id: string, message: string): Promise<boolean> {
  const updated = await db().exportTask.updateMany({
    where: { id, state: "RUNNING" },
    data: { state: "FAILED", message, finishedAt: new Date() },
  });
  return updated.count > 0;
}

/** The caller's school's latest export tasks of `kind` (of one roster for ROSTER), newest first. */
export async function recentExportTasks(
  scope: Scope,
  kind: ExportKind,
  rosterId: string | null,
  take = 5,
): Promise<ExportTaskView[]> {
  const tasks = await db().exportTask.findMany({
    where: { kind, rosterId, school: schoolWhere(scope) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: SELECT,
  });
  return tasks.map(view);
}

/** One task of the caller's school (null for another school's: id tampering finds nothing). */
export async function findExportTask(
  scope: Scope,
  id: string,
): Promise<(ExportTaskView & { fileKey: string | null }) | null> {
  const task = await db().exportTask.findFirst({ where: { id, school: schoolWhere(scope) }, select: SELECT });
  return task && { ...view(task), fileKey: task.fileKey };
}

/** The task's file is gone (removed after the retention period, or found missing in the store). */
export async function clearExportFile(id: string, fileKey: string): Promise<void> {
  await db().exportTask.updateMany({
    where: { id, fileKey },
    data: { fileKey: null, fileRemovedAt: new Date() },
  });
}

/** Finished tasks still holding a file that finished before `before` (a batch for housekeeping). */
export async function expiredExportFiles(
  before: Date,
  take = 1000,
): Promise<{ id: string; fileKey: string }[]> {
  const tasks = await db().exportTask.findMany({
    where: { finishedAt: { lt: before }, fileKey: { not: null } },
    select: { id: true, fileKey: true },
    orderBy: { finishedAt: "asc" },
    take,
  });
  return tasks.map((task) => ({ id: task.id, fileKey: task.fileKey! }));
}
