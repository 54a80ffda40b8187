/**
 * Starting and reading the recompute of simulated levels as a background job (lib/services/recompute-job.ts).
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { finishTask, latestTask, startTask, type BackgroundTaskRow } from "@/lib/db/background-tasks.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { recomputeJobData } from "@/lib/services/recompute-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { schoolContext } from "./context";

export const RECOMPUTE_NOT_QUEUED = "重新计算没有开始：任务队列暂时不可用，模拟等级没有改变。请稍后再试。";

/**
 * Queues the recompute of the caller's school (or joins the one already running). The levels are
 * computed by a worker; the determination page shows the task's state ({@link recomputeStatus}).
 */
export async function startRecompute(user: SessionUser): Promise<ActionResult<{ taskId: string }>> {
  const ctx = schoolContext(user, "determination.recompute");
  if (!ctx.ok) return ctx;
  const task = await startTask({
    kind: "RECOMPUTE",
    schoolId: ctx.data.schoolId,
    createdById: ctx.data.user.id,
  });
  if (task.created) {
    try {
      await enqueueJob(QUEUES.recompute, recomputeJobData(ctx.data.user, task.id));
    } catch (error) {
      console.error("recompute: not queued:", error instanceof Error ? error.message : error);
      await finishTask(task.id, { state: "FAILED", message: RECOMPUTE_NOT_QUEUED }).catch(() => undefined);
      return fail("REFUSED", RECOMPUTE_NOT_QUEUED);
    }
  }
  return ok({ taskId: task.id });
}

/** The school's latest recompute (state, Chinese message) for the determination page. */
export async function recomputeStatus(user: SessionUser): Promise<BackgroundTaskRow | null> {
  const ctx = schoolContext(user, "determination.queue");
  if (!ctx.ok) return null;
  return latestTask(ctx.data.scope, "RECOMPUTE");
}
