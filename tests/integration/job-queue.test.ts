/**
 * The job queue (lib/jobs/queue.ts) runs as the app role, which owns nothing: pg-boss's schema was
 * made by the migrations (lib/jobs/install.ts), and the app's instance sends, works and supervises
 * jobs with row rights only.
 */
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { enqueueJob, registerJobHandler, startWorkers, stopJobs } from "@/lib/jobs/queue";
import { JOB_SCHEMA, QUEUES } from "@/lib/jobs/queues";

afterAll(async () => {
  await stopJobs(1);
});

describe("job queue as the app role", () => {
  it("the app role cannot change pg-boss's schema", async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    try {
      await expect(c.query(`CREATE TABLE ${JOB_SCHEMA}.intruder (x int)`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(c.query(`DROP TABLE ${JOB_SCHEMA}.job`)).rejects.toThrow(
        /must be owner|permission denied/,
      );
    } finally {
      await c.end();
    }
  });

  it("a job sent by one instance is run by a worker", async () => {
    const seen: unknown[] = [];
    let resolve!: () => void;
    const ran = new Promise<void>((r) => (resolve = r));
    registerJobHandler<{ n: number }>(QUEUES.housekeeping, async (job) => {
      seen.push(job.data);
      resolve();
    });
    await enqueueJob(QUEUES.housekeeping, { n: 7 });
    await startWorkers({ pollingIntervalSeconds: 0.5 });
    await ran;
    expect(seen).toEqual([{ n: 7 }]);
  }, 60_000);

  it("a job sent by a process that works its queue starts at once, not at the workers' next poll", async () => {
    await stopJobs(1);
    const seen: unknown[] = [];
    let resolve!: () => void;
    const ran = new Promise<void>((r) => (resolve = r));
    registerJobHandler<{ n: number }>(QUEUES.housekeeping, async (job) => {
      seen.push(job.data);
      resolve();
    });
    // Workers polling every 60 s: without the wake-up the job would wait up to a minute.
    await startWorkers({ pollingIntervalSeconds: 60 });
    await new Promise((r) => setTimeout(r, 1_000)); // past the workers' first (empty) fetch
    const sent = Date.now();
    await enqueueJob(QUEUES.housekeeping, { n: 8 });
    await ran;
    expect(Date.now() - sent).toBeLessThan(15_000);
    expect(seen).toEqual([{ n: 8 }]);
  }, 60_000);
});
