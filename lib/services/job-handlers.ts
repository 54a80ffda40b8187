/**
 * Every job handler of the app, registered with the queue (lib/jobs/queue.ts). Imported by the
 * processes that run workers: scripts/server.ts (inside `npm start`) and scripts/worker.ts.
 */
import "server-only";
import { DEFAULT_HOUSEKEEPING_CRON, HOUSEKEEPING_TIME_ZONE, runHousekeeping } from "./housekeeping";
import { giveUpImportJob } from "./import-job-runner";
import { runImportJobIsolated } from "./import-job-isolated";
import type { ImportJobData } from "./import-queue";
import { enqueueJob, registerJobHandler, registerSchedule } from "@/lib/jobs/queue";
import { giveUpRecomputeJob, runRecomputeJob, type RecomputeJobData } from "./recompute-job";
import { ROLLUP_CRON, ROLLUP_TIME_ZONE, runRollupJob } from "./rollup-job";
import { QUEUES } from "@/lib/jobs/queues";
import { giveUpExportJob, runExportJob, type ExportJobData } from "./export-job";
import { giveUpTermArchiveJob, runTermArchiveJob, type TermArchiveJobData } from "./term-archive-job";
import { giveUpLoanImportJob, type LoanImportJobData } from "./loan-import";
import { runLoanImportJobIsolated } from "./loan-import-isolated";
import { NOTIFICATION_CRON, NOTIFICATION_TIME_ZONE, runNotificationJob } from "./notifications/delivery-job";
import { DEFAULT_REMINDERS_CRON, REMINDERS_TIME_ZONE, runReminders } from "./notifications/reminders";

let registered = false;

export function registerAllJobHandlers(): void {
  if (registered) return;
  registered = true;
  registerJobHandler<ImportJobData>(
    QUEUES.import,
    (job) => runImportJobIsolated(job.data, job.signal),
    Number(process.env.IMPORT_JOB_CONCURRENCY ?? 2),
  );
  registerJobHandler<ImportJobData>(QUEUES.importFailed, (job) => giveUpImportJob(job.data));
  registerJobHandler<RecomputeJobData>(QUEUES.recompute, (job) => runRecomputeJob(job.data));
  registerJobHandler<RecomputeJobData>(QUEUES.recomputeFailed, (job) => giveUpRecomputeJob(job.data));
  registerJobHandler<ExportJobData>(
    QUEUES.export,
    (job) => runExportJob(job.data),
    Number(process.env.EXPORT_JOB_CONCURRENCY ?? 1),
    // A small school's export takes milliseconds: picked up within half a second, the page (polling
    // every second) shows the download link about a second after the click.
    0.5,
  );
  registerJobHandler<ExportJobData>(QUEUES.exportFailed, (job) => giveUpExportJob(job.data));
  registerJobHandler<TermArchiveJobData>(QUEUES.termArchive, (job) => runTermArchiveJob(job.data), 1, 1);
  registerJobHandler<TermArchiveJobData>(QUEUES.termArchiveFailed, (job) => giveUpTermArchiveJob(job.data));
  registerJobHandler<LoanImportJobData>(
    QUEUES.loanImport,
    (job) => runLoanImportJobIsolated(job.data, job.signal),
    1,
    0.5,
  );
  registerJobHandler<LoanImportJobData>(QUEUES.loanImportFailed, (job) => giveUpLoanImportJob(job.data));
  registerJobHandler(QUEUES.housekeeping, async () => {
    console.log("housekeeping:", JSON.stringify(await runHousekeeping()));
  });
  registerSchedule(
    QUEUES.housekeeping,
    process.env.JOB_HOUSEKEEPING_CRON?.trim() || DEFAULT_HOUSEKEEPING_CRON,
    HOUSEKEEPING_TIME_ZONE,
  );
  registerJobHandler(QUEUES.rollups, () => runRollupJob());
  registerSchedule(QUEUES.rollups, ROLLUP_CRON, ROLLUP_TIME_ZONE);
  registerJobHandler(QUEUES.notifications, () => runNotificationJob(), 1, 0.5);
  registerSchedule(QUEUES.notifications, NOTIFICATION_CRON, NOTIFICATION_TIME_ZONE);
  registerJobHandler(QUEUES.reminders, async () => {
    console.log("reminders:", JSON.stringify(await runReminders()));
  });
  registerSchedule(
    QUEUES.reminders,
    process.env.JOB_REMINDERS_CRON?.trim() || DEFAULT_REMINDERS_CRON,
    REMINDERS_TIME_ZONE,
  );
}

/**
 * Starts the self-renewing chains at once instead of at their schedule's next minute (after startWorkers):
 * notifications reach the inbox seconds after a server starts. The queue's `stately` policy drops a duplicate.
 */
export async function startJobChains(): Promise<void> {
  await enqueueJob(QUEUES.notifications, {}).catch(() => undefined);
}
