/**
 * Recompute of a school's simulated levels as a job (queue `recompute`, lib/jobs/queues.ts): the
 * determination page's button starts a BackgroundTask (migration 280) and queues it; any app server's
 * worker runs recomputeSimulations (lib/services/simulation.ts) as the user who started it — the
 * access matrix is checked again there — and records the result or a Chinese reason on the task, which
 * the page shows whichever server it is served by. Recomputing is idempotent (only changed levels are
 * written, final levels never), so a job retried after a crash ends with the same levels.
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { finishTask, taskForRun } from "@/lib/db/background-tasks.repo";
import { recomputeSimulations } from "@/lib/services/simulation";

export type RecomputeJobData = {
  taskId: string;
  user: Pick<SessionUser, "id" | "role" | "schoolId" | "regionId" | "regionPath" | "personId">;
};

export const RECOMPUTE_GAVE_UP_MESSAGE =
  "重新计算失败：多次尝试仍未能完成（系统出错或服务器中断）。已认定的等级没有改变；请稍后再点“重新计算模拟等级”。";

export function recomputeJobData(user: SessionUser, taskId: string): RecomputeJobData {
  const { id, role, schoolId, regionId, regionPath, personId } = user;
  return { taskId, user: { id, role, schoolId, regionId, regionPath, personId } };
}

export const recomputeDoneMessage = (checked: number, updated: number) =>
  `已重新计算模拟等级：检查${checked}份申请，更新${updated}份（已认定等级的不变）。`;

/** Runs the task to its end; throws on a failure worth retrying (the queue retries it). */
export async function runRecomputeJob(data: RecomputeJobData): Promise<void> {
  const task = await taskForRun(data.taskId);
  if (!task || task.state !== "RUNNING") return;
  const result = await recomputeSimulations({ ...data.user, displayName: "", mustChangePassword: false });
  if (!result.ok) {
    // Refused (no model, no term, the user's right withdrawn): no retry makes it pass.
    await finishTask(task.id, { state: "FAILED", message: `重新计算没有进行：${result.message}` });
    return;
  }
  await finishTask(task.id, {
    state: "DONE",
    message: recomputeDoneMessage(result.data.checked, result.data.updated),
    result: result.data,
  });
}

/** The dead-letter side: the job's retries are used up. */
export async function giveUpRecomputeJob(data: RecomputeJobData): Promise<void> {
  await finishTask(data.taskId, { state: "FAILED", message: RECOMPUTE_GAVE_UP_MESSAGE });
}
