/**
 * Creates or upgrades pg-boss's schema and the app's queues, as the database OWNER, during migrations
 * (lib/db/migrate.ts). The app itself runs pg-boss with `migrate: false` as the app role, which owns
 * nothing and may not run DDL (docs/database-roles.md); lib/db/roles.ts grants it the rows of this
 * schema.
 */
import { PgBoss } from "pg-boss";
import { JOB_SCHEMA, QUEUE_OPTIONS, QUEUES, type QueueName } from "./queues";

/** Dead-letter queues first: a queue names its dead-letter queue, which must exist. */
const CREATE_ORDER: QueueName[] = [
  QUEUES.importFailed,
  QUEUES.import,
  QUEUES.housekeeping,
  QUEUES.recomputeFailed,
  QUEUES.recompute,
  QUEUES.rollups,
  QUEUES.exportFailed,
  QUEUES.export,
  QUEUES.loanImportFailed,
  QUEUES.loanImport,
  QUEUES.termArchiveFailed,
  QUEUES.termArchive,
  QUEUES.notifications,
  QUEUES.reminders,
];

export async function installJobSchema(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
    registerInstance: false,
    max: 2,
  });
  boss.on("error", (e) => console.error("pg-boss (install):", e));
  await boss.start();
  try {
    for (const name of CREATE_ORDER) {
      const { policy, ...options } = QUEUE_OPTIONS[name];
      const existing = await boss.getQueue(name);
      if (!existing) await boss.createQueue(name, { policy, ...options });
      else {
        const { deadLetter, retryDelayMax: _max, heartbeatSeconds: _hb, ...updatable } = options;
        void _max;
        void _hb;
        await boss.updateQueue(name, { ...updatable, ...(deadLetter ? { deadLetter } : {}) });
      }
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}
