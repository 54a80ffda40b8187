/**
 * The job queues and their delivery rules (pg-boss, lib/jobs/queue.ts). Plain data: the migration step
 * (lib/jobs/install.ts) creates them as the database owner, the app only sends to and works them.
 */
import type { Queue } from "pg-boss";

/** The PostgreSQL schema pg-boss lives in (created by lib/jobs/install.ts during migrations). */
export const JOB_SCHEMA = "pgboss";

export const QUEUES = {
  /** Roster and special-group list imports (lib/services/import-job-runner.ts). */
  import: "import",
  /** An import whose retries are used up: marks its ImportJob failed (lib/services/import-job-runner.ts). */
  importFailed: "import-failed",
  /** The daily cleanup (lib/services/housekeeping.ts). */
  housekeeping: "housekeeping",
  /** Recompute of a school's simulated levels (lib/services/recompute-job.ts). */
  recompute: "recompute",
  /** A recompute whose retries are used up: marks its BackgroundTask failed. */
  recomputeFailed: "recompute-failed",
  /** Refresh of the rollup tables from their dirty marks, a self-renewing chain (lib/services/rollup-job.ts). */
  rollups: "rollups",
  /** A national export (lib/services/export-job.ts). */
  export: "export",
  /** An export whose retries are used up: marks its ExportTask failed. */
  exportFailed: "export-failed",
  /** A province's loan or repayment import (lib/services/loan-import.ts). */
  loanImport: "loan-import",
  /** A loan import whose retries are used up: marks its LoanImport failed. */
  loanImportFailed: "loan-import-failed",
  /** A school's term archive: the printed forms as PDF and the lists, zipped (lib/services/term-archive-job.ts). */
  termArchive: "term-archive",
  /** A term archive whose retries are used up: marks its ExportTask failed. */
  termArchiveFailed: "term-archive-failed",
  /** Notification delivery (inbox, SMS), a self-renewing chain (lib/services/notifications/delivery-job.ts). */
  notifications: "notifications",
  /** The daily deadline reminders (lib/services/notifications/reminders.ts). */
  reminders: "reminders",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const QUEUE_OPTIONS: Record<QueueName, Omit<Queue, "name">> = {
  [QUEUES.import]: {
    // A worker that dies (crash, kill, deploy) stops sending heartbeats: after this long without one the
    // job is retried on any worker, which resumes from the job's checkpoint (lib/services/import-job-runner.ts).
    heartbeatSeconds: 30,
    // A long import is alive as long as it beats; this is only the outer bound of one attempt.
    expireInSeconds: 4 * 3600,
    retryLimit: 4,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 120,
    deadLetter: QUEUES.importFailed,
    deleteAfterSeconds: 7 * 86_400,
  },
  [QUEUES.importFailed]: { retryLimit: 10, retryDelay: 10, deleteAfterSeconds: 7 * 86_400 },
  [QUEUES.housekeeping]: {
    policy: "singleton",
    expireInSeconds: 3600,
    retryLimit: 2,
    retryDelay: 60,
    deleteAfterSeconds: 7 * 86_400,
  },
  [QUEUES.recompute]: {
    heartbeatSeconds: 30,
    expireInSeconds: 3600,
    retryLimit: 3,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 120,
    deadLetter: QUEUES.recomputeFailed,
    deleteAfterSeconds: 7 * 86_400,
  },
  [QUEUES.recomputeFailed]: { retryLimit: 10, retryDelay: 10, deleteAfterSeconds: 7 * 86_400 },
  [QUEUES.rollups]: {
    // One queued and one running at most: the chain's successor and the per-minute restart collapse.
    policy: "stately",
    expireInSeconds: 300,
    retryLimit: 1,
    retryDelay: 5,
    deleteAfterSeconds: 3600,
  },
  [QUEUES.export]: {
    // A killed worker stops beating: the export is retried on any worker and written again from its
    // first row (lib/services/export-job.ts), so the file has every row once.
    heartbeatSeconds: 30,
    expireInSeconds: 2 * 3600,
    retryLimit: 3,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 120,
    deadLetter: QUEUES.exportFailed,
    deleteAfterSeconds: 7 * 86_400,
  },
  [QUEUES.exportFailed]: { retryLimit: 10, retryDelay: 10, deleteAfterSeconds: 7 * 86_400 },
  [QUEUES.loanImport]: {
    // A rerun writes nothing twice (records unique per import and row): a killed worker's job is retried.
    heartbeatSeconds: 30,
    expireInSeconds: 4 * 3600,
    retryLimit: 3,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 120,
    deadLetter: QUEUES.loanImportFailed,
    deleteAfterSeconds: 7 * 86_400,
  },
  [QUEUES.loanImportFailed]: { retryLimit: 10, retryDelay: 10, deleteAfterSeconds: 7 * 86_400 },
  [QUEUES.termArchive]: {
    // A killed worker stops beating: the archive is built again from the start on any worker
    // (lib/services/term-archive-job.ts), and only one attempt's file is kept.
    heartbeatSeconds: 30,
    expireInSeconds: 2 * 3600,
    retryLimit: 2,
    retryDelay: 10,
    retryBackoff: true,
    retryDelayMax: 120,
    deadLetter: QUEUES.termArchiveFailed,
    deleteAfterSeconds: 7 * 86_400,
  },
  [QUEUES.termArchiveFailed]: { retryLimit: 10, retryDelay: 10, deleteAfterSeconds: 7 * 86_400 },
  [QUEUES.notifications]: {
    // Like the rollups: one queued and one running at most; a per-minute schedule restarts a broken chain.
    // A delivery interrupted midway is safe to repeat (rows are claimed, SMS attempts leased).
    policy: "stately",
    expireInSeconds: 300,
    retryLimit: 1,
    retryDelay: 5,
    deleteAfterSeconds: 3600,
  },
  [QUEUES.reminders]: {
    // Like the housekeeping: one a day; a rerun writes nothing twice (the reminders' day key).
    policy: "singleton",
    expireInSeconds: 3600,
    retryLimit: 2,
    retryDelay: 60,
    deleteAfterSeconds: 7 * 86_400,
  },
};
