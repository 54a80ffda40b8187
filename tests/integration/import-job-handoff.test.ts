/**
 * A worker process (`npm run worker`, scripts/worker.ts) killed with SIGKILL in the middle of an import
 * (its heartbeat stops), or stopped with SIGTERM as a deploy does (its running job is handed back to the
 * queue after JOB_STOP_GRACE_SECONDS): pg-boss gives the job to another worker (here: this process),
 * which resumes from the checkpoint. The end result is that of an uninterrupted import: every row once, counts right.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { registerAllJobHandlers } from "@/lib/services/job-handlers";
import { startWorkers, stopJobs } from "@/lib/jobs/queue";
import { beginRosterImport, ROSTER_BATCH } from "@/lib/services/student-roster-import";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { committedBatchCount, ROOT, sessionOf, waitFor } from "../support/import-jobs";
import { uniqueId, validRow, writeRosterFile } from "../support/student-roster-file";

// Look for silent workers every 2 s instead of 30 (lib/jobs/queue.ts).
process.env.JOB_MONITOR_SECONDS = "2";
const N = 4 * ROSTER_BATCH + 300;

afterAll(async () => {
  await stopJobs(1);
});

const STOPS = [
  ["SIGKILL", "killed (a crash)"],
  ["SIGTERM", "stopped by a deploy (SIGTERM, JOB_STOP_GRACE_SECONDS=1)"],
] as const;

describe.each(STOPS)("a worker process %s mid-import", (signal, what) => {
  it(`${what}: another worker finishes the job with the uninterrupted result`, async () => {
    // Each case its own school and people (ID numbers of another region per case).
    const region = signal === "SIGKILL" ? "440111" : "440113";
    const target = await makeSchool((await makeRegionTree()).county.id, "SENIOR");
    for (let c = 2; c <= 10; c++)
      await db().schoolClass.create({
        data: { schoolId: target.school.id, gradeId: target.grade.id, name: `${c}班` },
      });
    const admin = sessionOf((await makeStaff("SCHOOL_ADMIN", { schoolId: target.school.id })).user);
    const file = await writeRosterFile(
      `handoff-${signal}.xlsx`,
      Array.from({ length: N }, (_, i) => {
        const id = uniqueId(i, region);
        return validRow(i, target.grade.name, `${(i % 10) + 1}班`, { idNumber: id, studentNo: `G${id}` });
      }),
    );
    await stopJobs(1); // this process's workers (an earlier case's) must not take the job first
    const worker = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        path.join(ROOT, "scripts/server-only-stub.mjs"),
        path.join(ROOT, "scripts/worker.ts"),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_MIGRATION_URL: process.env.OWNER_DATABASE_URL,
          JOB_STOP_GRACE_SECONDS: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    worker.stdout.on("data", (d) => (output += String(d)));
    worker.stderr.on("data", (d) => (output += String(d)));
    const exited = once(worker, "exit");
    try {
      expect(await waitFor(async () => output.includes("Job workers started"), 120_000)).toBe(true);
      const r = await beginRosterImport(admin, {
        filePath: file,
        fileName: "handoff.xlsx",
        mode: "GOOD_ROWS",
      });
      if (!r.ok) throw new Error(r.message);
      const jobId = r.data.jobId;
      const reached = await waitFor(
        async () => worker.exitCode !== null || (await committedBatchCount(jobId)) >= 2,
        240_000,
        20,
      );
      expect(reached && worker.exitCode === null, output).toBe(true);
      worker.kill(signal);
      await exited;
      const before = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
      expect(before.state).toBe("RUNNING");
      expect(await committedBatchCount(jobId)).toBeLessThan(5);

      // Another worker takes the job over (SIGKILL: once its heartbeat is missed; SIGTERM: handed back).
      registerAllJobHandlers();
      await startWorkers({ pollingIntervalSeconds: 0.5 });
      expect(
        await waitFor(
          async () => {
            const j = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
            return j.state !== "RUNNING" && j.fileKey === null;
          },
          240_000,
          500,
        ),
      ).toBe(true);
      const job = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
      expect(job).toMatchObject({
        state: "DONE",
        created: N,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        processedRows: N,
      });
      expect(job.attempts).toBeGreaterThanOrEqual(2);
      expect(await db().student.count({ where: { schoolId: target.school.id } })).toBe(N);
      expect(await committedBatchCount(jobId)).toBe(5);
    } finally {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
    }
  }, 600_000);
});
