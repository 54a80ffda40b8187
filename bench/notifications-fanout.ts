/**
 * Fan-out of a school publicity's notifications (issue 22, item 6): a 40,000-student school where every student
 * applied (the worst case: every applicant's student account and bound parents — 84,000 recipients by default)
 * starts its school publicity through the real service (`createPublicity`, lib/services/publicity.ts), which writes
 * one PUBLICITY_STARTED outbox row per recipient in its own transaction (`notifyMany`, one INSERT … SELECT);
 * then the delivery job's work (`deliverNotifications`, lib/services/notifications/delivery-job.ts; SMS off) puts
 * every row in the inbox with its log row. Targets: the outbox rows ≤ 2 s, all delivered ≤ 30 s.
 *
 * Each round measures, on the same data:
 *   - plain outbox: a plain INSERT … SELECT of the same rows into "Notification" (no unsubscribe or disabled check,
 *     no ON CONFLICT), rolled back;
 *   - notifyMany: the fan-out statement the service runs (wording, screening, recipients), rolled back;
 *   - createPublicity: the whole event (checks, candidates, batch, items, audit, outbox rows), committed;
 *   - plain delivery: one UPDATE of "dispatchedAt" and one INSERT … SELECT of the inbox log rows, rolled back;
 *   - deliverNotifications until nothing is left, committed — then the publicity and its rows are deleted for the
 *     next round.
 *
 *   BENCH_PG_PORT=… npm run bench:notify [-- students rounds]
 */
import { execFileSync } from "node:child_process";
import { db, type Tx } from "@/lib/db/client";
import { schoolApplicantsSource } from "@/lib/db/notifications.repo";
import { NOTIFICATION_CATALOGUE } from "@/lib/domain/notifications/catalogue";
import { renderNotification } from "@/lib/domain/notifications/content";
import { formatBeijingDate } from "@/lib/domain/time";
import { deliverNotifications } from "@/lib/services/notifications/delivery-job";
import { notifyMany } from "@/lib/services/notifications/notify";
import { createPublicity } from "@/lib/services/publicity";
import { freshDatabase } from "./support/database";
import { generatePublicitySchool } from "./support/publicity-school";
import { fmtMs, machine, median, printTable } from "./support/stats";

const [studentsArg, roundsArg] = process.argv.slice(2).filter((arg) => /^\d+$/.test(arg));
const STUDENTS = Number(studentsArg ?? 40_000);
const ROUNDS = Math.min(Number(roundsArg ?? 3), 6);
const OUTBOX_TARGET_MS = 2_000;
const DELIVERY_TARGET_MS = 30_000;
const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();

console.log(`machine: ${machine()}; ${new Date().toISOString()}; ${STUDENTS} students, ${ROUNDS} rounds`);
const bench = await freshDatabase("bench_notifications_fanout");
const generated = performance.now();
const school = await generatePublicitySchool(STUDENTS);
console.log(`generated in ${fmtMs(performance.now() - generated)}`);
const sql = (text: string, ...values: unknown[]) => db().$executeRawUnsafe(text, ...values);
const count = async (text: string) => Number((await db().$queryRawUnsafe<{ n: bigint }[]>(text))[0]!.n);
const recipients = await count(`SELECT count(*) AS n FROM (
    SELECT u.id FROM "User" u JOIN "Application" a ON a."personId" = u."personId"
    WHERE a."schoolId" = 'sch' AND a."termId" = 'term' AND a.state <> 'draft'
    UNION SELECT pc."parentId" FROM "ParentChild" pc JOIN "Application" a ON a."personId" = pc."personId"
    WHERE a."schoolId" = 'sch' AND a."termId" = 'term' AND a.state <> 'draft') r`);
console.log(`recipients: ${recipients}`);

class Rollback extends Error {}
/** Runs `work` in a transaction that is rolled back; returns how long `work` took. */
async function timedThenRolledBack(work: (tx: Tx) => Promise<unknown>): Promise<number> {
  let ms = 0;
  await db()
    .$transaction(
      async (tx) => {
        const started = performance.now();
        await work(tx);
        ms = performance.now() - started;
        throw new Rollback();
      },
      { timeout: 300_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return ms;
}

const startDate = formatBeijingDate(new Date());
const params = {
  school: "测试高级中学",
  title: "2026-2027学年秋季学期家庭经济困难学生认定结果公示",
  endDate: "2026-12-31",
};
const rows = { plainOutbox: [] as number[], notifyMany: [] as number[], event: [] as number[] };
const delivery = { plain: [] as number[], job: [] as number[] };
const loads: string[] = [];
let wiredInEvent = true;

for (let round = 0; round < ROUNDS; round++) {
  loads.push(uptime());
  const link = `/publicity/bench-round-${round}`;
  const body = renderNotification("PUBLICITY_STARTED", NOTIFICATION_CATALOGUE.PUBLICITY_STARTED.template, {
    ...params,
    link,
  });
  rows.plainOutbox.push(
    await timedThenRolledBack((tx) =>
      tx.$executeRawUnsafe(
        `INSERT INTO "Notification" ("kind", "recipientId", "schoolId", "body", "params", "link")
         SELECT 'PUBLICITY_STARTED', r."userId", 'sch', $1, $2::jsonb, $3
         FROM (SELECT u.id AS "userId" FROM "User" u JOIN "Application" a ON a."personId" = u."personId"
               WHERE a."schoolId" = 'sch' AND a."termId" = 'term' AND a.state <> 'draft'
               UNION
               SELECT pc."parentId" FROM "ParentChild" pc JOIN "Application" a ON a."personId" = pc."personId"
               WHERE a."schoolId" = 'sch' AND a."termId" = 'term' AND a.state <> 'draft') r`,
        body,
        JSON.stringify(params),
        link,
      ),
    ),
  );
  rows.notifyMany.push(
    await timedThenRolledBack(async (tx) => {
      const written = await notifyMany(tx, "PUBLICITY_STARTED", schoolApplicantsSource("sch", "term"), {
        schoolId: "sch",
        params,
        link,
      });
      if (written !== recipients) throw new Error(`notifyMany wrote ${written} rows, expected ${recipients}`);
    }),
  );

  // The event itself, committed: the service's own transaction writes the outbox rows.
  const started = performance.now();
  const created = await createPublicity(school.officer, {
    scope: "SCHOOL",
    gradeId: "",
    startDate,
    workingDays: "5",
  });
  rows.event.push(performance.now() - started);
  if (!created.ok) throw new Error(`createPublicity: ${created.message}`);
  let written = await count(`SELECT count(*) AS n FROM "Notification" WHERE kind = 'PUBLICITY_STARTED'`);
  if (written === 0) {
    // The service does not notify (yet): write the same rows the way it would, so the delivery is measured.
    wiredInEvent = false;
    written = await db().$transaction(
      (tx) =>
        notifyMany(tx, "PUBLICITY_STARTED", schoolApplicantsSource("sch", "term"), {
          schoolId: "sch",
          params,
          link: `/publicity/${created.data.id}`,
        }),
      { timeout: 300_000 },
    );
  }
  if (written !== recipients) throw new Error(`${written} outbox rows, expected ${recipients}`);

  delivery.plain.push(
    await timedThenRolledBack(async (tx) => {
      await tx.$executeRawUnsafe(
        `UPDATE "Notification" SET "dispatchedAt" = clock_timestamp() WHERE "dispatchedAt" IS NULL`,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "NotificationDelivery" ("notificationId", "channel", "status", "attempts", "deliveredAt", "updatedAt")
         SELECT id, 'INBOX', 'DELIVERED', 1, clock_timestamp(), clock_timestamp() FROM "Notification"`,
      );
    }),
  );
  const deliverStarted = performance.now();
  let dispatched = 0;
  while (dispatched < written) {
    const done = await deliverNotifications({ provider: null, maxMs: 120_000 });
    if (done.dispatched === 0) break;
    dispatched += done.dispatched;
  }
  delivery.job.push(performance.now() - deliverStarted);
  const inbox = await count(`SELECT count(*) AS n FROM "NotificationDelivery" d JOIN "Notification" n
    ON n.id = d."notificationId" WHERE d.channel = 'INBOX' AND d.status = 'DELIVERED' AND n."dispatchedAt" IS NOT NULL`);
  if (inbox !== recipients) throw new Error(`${inbox} delivered to the inbox, expected ${recipients}`);

  await sql(`DELETE FROM "Notification"`);
  await sql(`DELETE FROM "PublicityBatch" WHERE scope = 'SCHOOL'`);
}
loads.push(uptime());

const ratio = (a: number, b: number) => (a / b).toFixed(2);
printTable(
  `PUBLICITY_STARTED outbox rows, ${recipients} recipients (${STUDENTS} applicants and their parents)`,
  ["round", "plain INSERT … SELECT", "notifyMany", "ratio", "createPublicity (whole event)"],
  [
    ...rows.notifyMany.map((ms, i) => [
      String(i + 1),
      fmtMs(rows.plainOutbox[i]!),
      fmtMs(ms),
      ratio(ms, rows.plainOutbox[i]!),
      fmtMs(rows.event[i]!),
    ]),
    [
      "median",
      fmtMs(median(rows.plainOutbox)),
      fmtMs(median(rows.notifyMany)),
      ratio(median(rows.notifyMany), median(rows.plainOutbox)),
      fmtMs(median(rows.event)),
    ],
  ],
);
printTable(
  `Delivery of ${recipients} notifications to the inbox (SMS off)`,
  ["round", "plain UPDATE + INSERT … SELECT", "deliverNotifications", "ratio"],
  [
    ...delivery.job.map((ms, i) => [
      String(i + 1),
      fmtMs(delivery.plain[i]!),
      fmtMs(ms),
      ratio(ms, delivery.plain[i]!),
    ]),
    [
      "median",
      fmtMs(median(delivery.plain)),
      fmtMs(median(delivery.job)),
      ratio(median(delivery.job), median(delivery.plain)),
    ],
  ],
);
console.log(
  `outbox rows in the event's transaction: ${wiredInEvent ? "yes (createPublicity)" : "NO — createPublicity does not notify yet; notifyMany ran in its own transaction"}`,
);
console.log(
  `target ≤ ${fmtMs(OUTBOX_TARGET_MS)} for the outbox rows: ${Math.max(...rows.notifyMany) <= OUTBOX_TARGET_MS ? "met" : "NOT met"} (slowest ${fmtMs(Math.max(...rows.notifyMany))})`,
);
console.log(
  `target ≤ ${fmtMs(DELIVERY_TARGET_MS)} for the delivery: ${Math.max(...delivery.job) <= DELIVERY_TARGET_MS ? "met" : "NOT met"} (slowest ${fmtMs(Math.max(...delivery.job))})`,
);
console.log(`load (uptime) before each round and at the end:\n  ${loads.join("\n  ")}`);
await db().$disconnect();
await bench.stop();
