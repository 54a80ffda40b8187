/**
 * Keeping the rollups fresh (docs/architecture.md, "Rollups"). The `rollups` queue is a chain: each job
 * drains the dirty marks (lib/db/rollups/refresh.ts) for up to DRAIN_SECONDS, then queues its successor
 * to start CHAIN_DELAY_SECONDS later. A change is therefore in the figures a few seconds after its
 * commit (the successor's delay + the worker's polling interval + the refresh), far inside a minute.
 * The queue's `stately` policy keeps at most one job queued and one running, so the chain never
 * multiplies; a schedule every minute (ROLLUP_CRON) restarts it if it ever breaks (a worker killed
 * between two links).
 */
import "server-only";
import { drainLoanStats } from "@/lib/db/rollups/loan-stats";
import { drainRollups, rebuildRollups } from "@/lib/db/rollups/refresh";
import { jobQueue } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";

export const ROLLUP_CRON = "* * * * *";
export const ROLLUP_TIME_ZONE = "Asia/Shanghai";
const DRAIN_SECONDS = 40;
export const CHAIN_DELAY_SECONDS = 3;

/** The `rollups` job: drain, then queue the next link of the chain. */
export async function runRollupJob(): Promise<void> {
  try {
    await drainRollups({ maxMs: DRAIN_SECONDS * 1000 });
    // The loan statistics of provinces (migration 665), after the school-terms.
    await drainLoanStats({ maxMs: DRAIN_SECONDS * 1000 });
  } finally {
    // null when a successor is already queued (stately policy): the chain goes on either way.
    await (await jobQueue()).send(QUEUES.rollups, {}, { startAfter: CHAIN_DELAY_SECONDS });
  }
}

export { drainRollups, rebuildRollups };
