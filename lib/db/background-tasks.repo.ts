/**
 * Background tasks (migration 280): the state and result of long work started from a page, run by a
 * job worker (lib/services/recompute-job.ts). Reads take the caller's Scope: another school's task is
 * "not found". At most one task of a kind runs per school (partial unique index).
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import { Prisma } from "./generated/client";
import { schoolWhere } from "./scope";

export type TaskKind = "RECOMPUTE";

export type BackgroundTaskRow = {
  id: string;
  state: "RUNNING" | "DONE" | "FAILED";
  message: string | null;
  result: Prisma.JsonValue | null;
  createdAt: Date;
  finishedAt: Date | null;
};

const SELECT = { id: true, state: true, message: true, result: true, createdAt: true, finishedAt: true };

/**
 * Starts a task of `kind` for the school, or returns the one already running (`created: false`): two
 * clicks, on two servers, make one task.
 */
export async function startTask(input: {
  kind: TaskKind;
  schoolId: string;
  createdById: string;
}): Promise<{ id: string; created: boolean }> {
  try {
    const task = await db().backgroundTask.create({ data: input, select: { id: true } });
    return { id: task.id, created: true };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const running = await db().backgroundTask.findFirst({
      where: { schoolId: input.schoolId, kind: input.kind, state: "RUNNING" },
      select: { id: true },
    });
    if (!running) throw error;
    return { id: running.id, created: false };
  }
}

/** The task for its worker (no scope: the job names it). */
export async function taskForRun(id: string) {
  return db().backgroundTask.findUnique({
    where: { id },
    select: { id: true, kind: true, schoolId: true, state: true },
  });
}

/** Ends a running task; false when it had already ended (a duplicate delivery). */
export async function finishTask(
  id: string,
  data: { state: "DONE" | "FAILED"; message: string; result?: Prisma.InputJsonValue },
): Promise<boolean> {
  const updated = await db().backgroundTask.updateMany({
    where: { id, state: "RUNNING" },
    data: { ...data, finishedAt: new Date() },
  });
  return updated.count > 0;
}

/** The school's latest task of `kind`, within the caller's scope. */
export async function latestTask(scope: Scope, kind: TaskKind): Promise<BackgroundTaskRow | null> {
  return db().backgroundTask.findFirst({
    where: { kind, school: schoolWhere(scope) },
    orderBy: { createdAt: "desc" },
    select: SELECT,
  });
}
