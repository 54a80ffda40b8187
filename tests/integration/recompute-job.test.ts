/**
 * The recompute of simulated levels as a background job (lib/services/recompute-job.ts) through the real
 * queue (pg-boss on the test database): the page's action queues it, a worker runs it, and the state the
 * determination page shows comes from the BackgroundTask row. A refused recompute and a job whose
 * retries are used up end FAILED with a Chinese reason; a second click while one runs joins it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { registerAllJobHandlers } from "@/lib/services/job-handlers";
import { startWorkers, stopJobs } from "@/lib/jobs/queue";
import {
  giveUpRecomputeJob,
  recomputeJobData,
  RECOMPUTE_GAVE_UP_MESSAGE,
} from "@/lib/services/recompute-job";
import { recomputeStatus, startRecompute } from "@/lib/services/recompute-task";
import { ensureDefaultModel, makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { waitFor } from "../support/import-jobs";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let other: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;
let otherAdmin: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  other = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await ensureDefaultModel();
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: other.school.id })).user);
});
afterAll(async () => {
  await stopJobs(2);
});

describe("recompute as a job", () => {
  it("a worker computes the levels; the page's status shows the result, to this school only", async () => {
    const pending = await makeApplication(school, "verified");
    await db().determination.deleteMany({ where: { applicationId: pending.app.id } });
    const first = await startRecompute(admin);
    if (!first.ok) throw new Error(first.message);
    // A second click before a worker took it joins the same task.
    const again = await startRecompute(admin);
    expect(again.ok && again.data.taskId).toBe(first.data.taskId);
    expect(await recomputeStatus(admin)).toMatchObject({ id: first.data.taskId, state: "RUNNING" });
    expect(await recomputeStatus(otherAdmin)).toBeNull();

    registerAllJobHandlers();
    await startWorkers({ pollingIntervalSeconds: 0.5 });
    expect(await waitFor(async () => (await recomputeStatus(admin))?.state === "DONE", 60_000)).toBe(true);
    const done = await recomputeStatus(admin);
    expect(done?.message).toMatch(/^已重新计算模拟等级：检查\d+份申请，更新\d+份/);
    expect(done?.result).toMatchObject({ checked: expect.any(Number), updated: expect.any(Number) });
    expect(await db().determination.findUnique({ where: { applicationId: pending.app.id } })).toMatchObject({
      simulatedScore: 53,
      simulatedLevel: "HARDSHIP",
    });
    const audit = await db().auditLog.findFirst({
      where: { action: "determination.recompute", actorUserId: admin.id },
    });
    expect(audit).not.toBeNull();
  });

  it("a recompute the rules refuse (no model for the school) ends FAILED with the Chinese reason", async () => {
    await db().scoringModel.updateMany({ where: { schoolId: other.school.id }, data: { active: false } });
    const models = await db().scoringModel.findMany({
      where: { active: true },
      select: { id: true, schoolId: true },
    });
    // The default model is shared (schoolId null): switch it off for this test and back on after.
    const shared = models.filter((m) => m.schoolId === null).map((m) => m.id);
    await db().scoringModel.updateMany({ where: { id: { in: shared } }, data: { active: false } });
    try {
      const r = await startRecompute(otherAdmin);
      if (!r.ok) throw new Error(r.message);
      expect(await waitFor(async () => (await recomputeStatus(otherAdmin))?.state === "FAILED", 60_000)).toBe(
        true,
      );
      expect((await recomputeStatus(otherAdmin))?.message).toBe("重新计算没有进行：没有可用的评分模型。");
    } finally {
      await db().scoringModel.updateMany({ where: { id: { in: shared } }, data: { active: true } });
    }
  });

  it("a job whose retries are used up ends FAILED with a Chinese reason, never RUNNING for ever", async () => {
    const r = await startRecompute(otherAdmin);
    if (!r.ok) throw new Error(r.message);
    await giveUpRecomputeJob(recomputeJobData(otherAdmin, r.data.taskId));
    expect(await recomputeStatus(otherAdmin)).toMatchObject({
      state: "FAILED",
      message: RECOMPUTE_GAVE_UP_MESSAGE,
    });
  });

  it("a teacher may not start it", async () => {
    const teacher = sessionUser((await makeStaff("TEACHER", { schoolId: school.school.id })).user);
    const r = await startRecompute(teacher);
    expect(r.ok).toBe(false);
  });
});
