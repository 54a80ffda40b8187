/**
 * The background job queue: pg-boss on the app's own PostgreSQL (schema `pgboss`, created during
 * migrations by lib/jobs/install.ts). One PgBoss instance per process, on DATABASE_URL (the app role),
 * with `migrate: false`. Any process may send; processes that run workers (`npm start` unless
 * JOB_WORKERS=off, and `npm run worker`) register the handlers of lib/services/job-handlers.ts and work every
 * queue. Job state lives in the database, so any app server may run any job.
 */
import { PgBoss, type Job, type SendOptions } from "pg-boss";
import { JOB_SCHEMA, type QueueName } from "./queues";

export type JobHandler<T> = (job: Job<T>) => Promise<void>;
type Registered = {
  handler: JobHandler<never>;
  localConcurrency: number;
  /** How often an idle worker asks for a job of this queue (default: startWorkers' interval, else 2 s). */
  pollingIntervalSeconds?: number;
};

type Holder = {
  __aidBoss?: { boss: PgBoss; started: Promise<PgBoss>; workers: boolean };
  __aidJobHandlers?: Map<QueueName, Registered>;
  /** The ids of this process's workers by queue (for notifyWorker). */
  __aidWorkerIds?: Map<string, string[]>;
};
const holder = globalThis as unknown as Holder;

const handlers = () => (holder.__aidJobHandlers ??= new Map());
const schedules = new Map<QueueName, { cron: string; tz: string }>();

/** A recurring job (pg-boss cron schedule), set by every process that starts workers; idempotent. */
export function registerSchedule(queue: QueueName, cron: string, tz: string): void {
  schedules.set(queue, { cron, tz });
}

/** Registers the function that runs the jobs of one queue in this process (lib/services/job-handlers.ts). */
export function registerJobHandler<T>(
  queue: QueueName,
  handler: JobHandler<T>,
  localConcurrency = 1,
  pollingIntervalSeconds?: number,
): void {
  handlers().set(queue, { handler: handler as JobHandler<never>, localConcurrency, pollingIntervalSeconds });
}

/** Whether this process should run workers inside `npm start`: JOB_WORKERS=off makes a web-only server. */
export function workersEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const v = (env.JOB_WORKERS ?? "on").trim().toLowerCase();
  if (v === "on" || v === "1" || v === "true" || v === "") return true;
  if (v === "off" || v === "0" || v === "false") return false;
  throw new Error(`JOB_WORKERS must be "on" or "off" (got "${env.JOB_WORKERS}")`);
}

/** JOB_MONITOR_SECONDS (default 30): how often workers look for jobs whose worker stopped beating. */
function monitorSeconds(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.JOB_MONITOR_SECONDS);
  return Number.isInteger(n) && n >= 1 && n <= 3600 ? n : 30;
}

function createBoss(workers: boolean): PgBoss {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the job queue runs on the app's database.");
  const boss = new PgBoss({
    connectionString: url,
    schema: JOB_SCHEMA,
    application_name: "student-aid-jobs",
    // The schema is the migrations' business (lib/jobs/install.ts); the app role may not run DDL.
    migrate: false,
    createSchema: false,
    // Only worker processes watch for dead workers' jobs and fire the schedules.
    supervise: workers,
    schedule: workers,
    reindex: false,
    // How soon a dead worker's job is noticed (its heartbeat missing) and retried elsewhere.
    superviseIntervalSeconds: monitorSeconds(),
    monitorIntervalSeconds: monitorSeconds(),
    max: Number(process.env.JOB_POOL_SIZE ?? 4),
  });
  boss.on("error", (e) => console.error("job queue:", e instanceof Error ? e.message : e));
  return boss;
}

/** The process's started PgBoss; the first caller decides whether it supervises (workers) or only sends. */
function bossInstance(workers: boolean): Promise<PgBoss> {
  if (!holder.__aidBoss) {
    const boss = createBoss(workers);
    const started = boss.start();
    holder.__aidBoss = { boss, started, workers };
    started.catch(() => {
      if (holder.__aidBoss?.boss === boss) holder.__aidBoss = undefined;
    });
  }
  return holder.__aidBoss.started;
}

/** Puts a job on a queue; any worker of any app server runs it. Returns pg-boss's job id. */
export async function enqueueJob(queue: QueueName, data: object, options?: SendOptions): Promise<string> {
  const boss = await bossInstance(false);
  const id = await boss.send(queue, data, options);
  if (!id) throw new Error(`job queue: ${queue} refused the job`);
  // This process works the queue itself (the single-machine default: workers inside `npm start`): wake its
  // workers now instead of at their next poll, up to 2 s later (bench/README.md, "Upload to final counts").
  if (holder.__aidBoss?.boss === boss)
    for (const worker of holder.__aidWorkerIds?.get(queue) ?? []) boss.notifyWorker(worker);
  return id;
}

/**
 * Starts this process's workers: every registered handler works its queue, and the schedules
 * (housekeeping) are set. Call once per process, after lib/services/job-handlers.ts has registered them.
 */
export async function startWorkers(options: { pollingIntervalSeconds?: number } = {}): Promise<PgBoss> {
  if (holder.__aidBoss && !holder.__aidBoss.workers) await stopJobs();
  const boss = await bossInstance(true);
  const workerIds = (holder.__aidWorkerIds = new Map());
  for (const [queue, { handler, localConcurrency, pollingIntervalSeconds }] of handlers()) {
    const worker = await boss.work<object>(
      queue,
      {
        localConcurrency,
        batchSize: 1,
        // the queue's own interval, unless the caller asks for quicker polling (tests)
        pollingIntervalSeconds: Math.min(
          pollingIntervalSeconds ?? options.pollingIntervalSeconds ?? 2,
          options.pollingIntervalSeconds ?? Infinity,
        ),
      },
      async ([job]) => {
        if (job) await handler(job as never);
      },
    );
    workerIds.set(queue, [...(workerIds.get(queue) ?? []), worker]);
  }
  for (const [queue, { cron, tz }] of schedules) await boss.schedule(queue, cron, {}, { tz });
  return boss;
}

/**
 * Stops the queue (SIGTERM, tests): workers get `graceSeconds` to finish; a job still running then is
 * failed back to the queue and retried by another worker, which resumes it from its checkpoint.
 */
export async function stopJobs(graceSeconds = 10): Promise<void> {
  const current = holder.__aidBoss;
  if (!current) return;
  holder.__aidBoss = undefined;
  const boss = await current.started.catch(() => null);
  await boss?.stop({ graceful: true, timeout: graceSeconds * 1000 });
}

/** The started instance (tests, scripts). */
export function jobQueue(): Promise<PgBoss> {
  return bossInstance(false);
}
