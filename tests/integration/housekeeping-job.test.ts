/**
 * The daily housekeeping job (lib/services/housekeeping.ts), run as the app role: it deletes what has
 * outlived its use — expired rate-limit counters, old session records, old one-time codes, stale
 * unknown-identifier lockouts, finished import jobs past their retention (with their rejected rows and
 * stored upload), stale temp files — and keeps everything still current, including a running import.
 * The worker processes schedule it with pg-boss.
 */
import { mkdir, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { registerAllJobHandlers } from "@/lib/services/job-handlers";
import { DEFAULT_HOUSEKEEPING_CRON, runHousekeeping, tempDirs } from "@/lib/services/housekeeping";
import { jobQueue, startWorkers, stopJobs } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { evidenceStorage } from "@/lib/storage";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);

afterAll(async () => {
  await stopJobs(1);
});

describe("housekeeping", () => {
  it("deletes what has outlived its use and keeps what is current", async () => {
    const { county } = await makeRegionTree();
    const school = await makeSchool(county.id, "SENIOR");
    const staff = (await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user;

    await db().rateLimit.createMany({
      data: [
        { key: "hk:old", count: 3, windowStart: ago(3 * DAY) },
        { key: "hk:now", count: 3, windowStart: ago(60_000) },
      ],
    });
    await db().authSession.createMany({
      data: [
        {
          id: "hk-ended",
          userId: staff.id,
          createdAt: ago(5 * DAY),
          lastSeenAt: ago(2 * DAY),
          endedAt: ago(2 * DAY),
        },
        { id: "hk-idle", userId: staff.id, createdAt: ago(5 * DAY), lastSeenAt: ago(2 * DAY) },
        { id: "hk-live", userId: staff.id, createdAt: ago(3 * DAY), lastSeenAt: ago(60_000) },
      ],
    });
    await db().oneTimeCode.createMany({
      data: [
        {
          id: "hk-otp-old",
          subjectKey: "hk",
          codeHash: "x",
          expiresAt: ago(2 * DAY),
          createdAt: ago(2 * DAY),
        },
        { id: "hk-otp-new", subjectKey: "hk", codeHash: "y", expiresAt: new Date(Date.now() + 60_000) },
      ],
    });
    await db().signInLockout.createMany({
      data: [
        { key: "hk-lock-old", failedLogins: 2, updatedAt: ago(31 * DAY) },
        { key: "hk-lock-new", failedLogins: 2, updatedAt: ago(DAY) },
      ],
    });
    const job = (over: object) =>
      db().importJob.create({
        data: {
          schoolId: school.school.id,
          kind: "ROSTER",
          mode: "GOOD_ROWS",
          fileName: "r.xlsx",
          createdById: staff.id,
          ...over,
        },
      });
    const leftover = await evidenceStorage().put(new TextEncoder().encode("an upload left behind"));
    const oldDone = await job({ state: "DONE", finishedAt: ago(31 * DAY), createdAt: ago(31 * DAY) });
    await db().importRejection.create({
      data: { jobId: oldDone.id, rowNumber: 2, reason: "x", valuesCipher: "y" },
    });
    const recentDone = await job({ state: "FAILED", finishedAt: ago(DAY), fileKey: leftover });
    const running = await job({ state: "RUNNING", createdAt: ago(40 * DAY) });

    const [uploads] = tempDirs();
    await mkdir(uploads!, { recursive: true });
    const staleTemp = path.join(uploads!, "hk-stale.xlsx");
    const freshTemp = path.join(uploads!, "hk-fresh.xlsx");
    await writeFile(staleTemp, "x");
    await writeFile(freshTemp, "x");
    const twoDaysAgo = ago(2 * DAY);
    await utimes(staleTemp, twoDaysAgo, twoDaysAgo);

    const report = await runHousekeeping();
    expect(report).toMatchObject({
      rateLimitCounters: 1,
      sessions: 2,
      oneTimeCodes: 1,
      signInLockouts: 1,
      importJobs: 1,
      storedUploads: 1,
    });
    expect(report.tempFiles).toBeGreaterThanOrEqual(1);

    expect(
      (await db().rateLimit.findMany({ where: { key: { startsWith: "hk:" } } })).map((r) => r.key),
    ).toEqual(["hk:now"]);
    expect((await db().authSession.findMany({ where: { userId: staff.id } })).map((s) => s.id)).toEqual([
      "hk-live",
    ]);
    expect((await db().oneTimeCode.findMany({ where: { subjectKey: "hk" } })).map((c) => c.id)).toEqual([
      "hk-otp-new",
    ]);
    expect(
      (await db().signInLockout.findMany({ where: { key: { startsWith: "hk-lock" } } })).map((l) => l.key),
    ).toEqual(["hk-lock-new"]);
    const jobs = await db().importJob.findMany({
      where: { schoolId: school.school.id },
      select: { id: true, fileKey: true },
    });
    expect(jobs.map((j) => j.id).sort()).toEqual([recentDone.id, running.id].sort());
    expect(jobs.find((j) => j.id === recentDone.id)?.fileKey).toBeNull();
    expect(await db().importRejection.count({ where: { jobId: oldDone.id } })).toBe(0);
    expect(await evidenceStorage().get(leftover)).toBeNull();
    await expect(stat(staleTemp)).rejects.toThrow();
    expect((await stat(freshTemp)).isFile()).toBe(true);
  });

  it("is scheduled daily by the processes that run workers", async () => {
    registerAllJobHandlers();
    await startWorkers({ pollingIntervalSeconds: 0.5 });
    const schedule = await (await jobQueue()).getSchedule(QUEUES.housekeeping);
    expect(schedule).toMatchObject({
      name: QUEUES.housekeeping,
      cron: DEFAULT_HOUSEKEEPING_CRON,
      timezone: "Asia/Shanghai",
    });
  });
});
