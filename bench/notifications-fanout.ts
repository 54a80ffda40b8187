/**
 * Fan-out of a school publicity's notifications (issue 22, item 6): a 40,000-student school where every student
 * applied (the worst case: every applicant's student account and bound parents — 84,000 recipients by default)
 * starts its school publicity through the real service (`createPublicity`, lib/services/publicity.ts), which writes
 * ONE NotificationFanOut row in its own transaction (`notifyFanOut`); the delivery job's work
 * (`deliverNotifications`, lib/services/notifications/delivery-job.ts; SMS off) expands it into one
 * PUBLICITY_STARTED notification per recipient and puts every one in the inbox with its log row. Targets: the
 * outbox write in the event's transaction ≤ 2 s, expansion + delivery ≤ 30 s.
 *
 * Each round measures, on the same data:
 *   - plain outbox: a plain INSERT … SELECT of the same rows into "Notification" (no unsubscribe or disabled check,
 *     no ON CONFLICT), rolled back;
 *   - notifyFanOut: the outbox write the service runs in the event's transaction (wording, screening, one row),
 *     rolled back;
 *   - createPublicity: the whole event (checks, candidates, batch, items, audit, the fan-out row), committed;
 *   - expansion: expandPendingFanOut (the delivery job's first step: the per-recipient rows), committed;
 *   - plain delivery: one UPDATE of "dispatchedAt" and one INSERT … SELECT of the inbox log rows, rolled back;
 *   - deliverNotifications until nothing is left, committed — then the publicity and its rows are deleted for the
 *     next round.
 *
 *   BENCH_PG_PORT=… npm run bench:notify [-- students rounds]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { db, type Tx } from "@/lib/db/client";
import { expandPendingFanOut } from "@/lib/db/notification-fan-out.repo";
import { NOTIFICATION_CATALOGUE } from "@/lib/domain/notifications/catalogue";
import { renderNotification } from "@/lib/domain/notifications/content";
import { formatBeijingDate } from "@/lib/domain/time";
import { deliverNotifications } from "@/lib/services/notifications/delivery-job";
import { notifyFanOut } from "@/lib/services/notifications/notify";
import { createPublicity } from "@/lib/services/publicity";
import { BENCH_DIR, freshDatabase } from "./support/database";
import { generatePublicitySchool } from "./support/publicity-school";
import { fmtMs, machine, median, printTable, processTreeCpuMs } from "./support/stats";

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

/**
 * Wall time and CPU time of PostgreSQL (the bench's own server: every process of its postmaster, and the backends
 * already gone) and of this Node process. On a shared machine the wall time stretches with the load; the CPU times
 * are what the work costs, close to its wall time on an idle machine.
 */
type Cost = { wall: number; pg: number; node: number };
const postmaster = () =>
  Number(fs.readFileSync(path.join(BENCH_DIR, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
function reapedCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime in USER_HZ (100)
}
const pgCpuMs = () => processTreeCpuMs(postmaster()) + reapedCpuMs(postmaster());
const nodeCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
async function measure(work: () => Promise<unknown>): Promise<Cost> {
  const pg0 = pgCpuMs();
  const node0 = nodeCpuMs();
  const started = performance.now();
  await work();
  return { wall: performance.now() - started, pg: pgCpuMs() - pg0, node: nodeCpuMs() - node0 };
}

class Rollback extends Error {}
/** Runs `work` in a transaction that is rolled back; returns what `work` cost. */
async function measuredThenRolledBack(work: (tx: Tx) => Promise<unknown>): Promise<Cost> {
  let cost: Cost | undefined;
  await db()
    .$transaction(
      async (tx) => {
        cost = await measure(() => work(tx));
        throw new Rollback();
      },
      { timeout: 300_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return cost!;
}

const startDate = formatBeijingDate(new Date());
const params = {
  school: "测试高级中学",
  title: "2026-2027学年秋季学期家庭经济困难学生认定结果公示",
  endDate: "2026-12-31",
};
const rows = { plainOutbox: [] as Cost[], fanOut: [] as Cost[], event: [] as Cost[] };
const delivery = { plain: [] as Cost[], expansion: [] as Cost[], job: [] as Cost[], total: [] as Cost[] };
const loads: string[] = [];

for (let round = 0; round < ROUNDS; round++) {
  loads.push(uptime());
  const link = `/publicity/bench-round-${round}`;
  const body = renderNotification("PUBLICITY_STARTED", NOTIFICATION_CATALOGUE.PUBLICITY_STARTED.template, {
    ...params,
    link,
  });
  rows.plainOutbox.push(
    await measuredThenRolledBack((tx) =>
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
  rows.fanOut.push(
    await measuredThenRolledBack((tx) =>
      notifyFanOut(
        tx,
        "PUBLICITY_STARTED",
        { schoolApplicants: { schoolId: "sch", termId: "term", gradeId: null } },
        { schoolId: "sch", params, link },
      ),
    ),
  );

  // The event itself, committed: the service's own transaction writes the outbox rows.
  let created: Awaited<ReturnType<typeof createPublicity>> | undefined;
  rows.event.push(
    await measure(async () => {
      created = await createPublicity(school.officer, {
        scope: "SCHOOL",
        gradeId: "",
        startDate,
        workingDays: "5",
      });
    }),
  );
  const event = created;
  if (!event?.ok) throw new Error(`createPublicity: ${event?.message ?? "no answer"}`);
  const fanOuts = await count(`SELECT count(*) AS n FROM "NotificationFanOut" WHERE "expandedAt" IS NULL`);
  if (fanOuts !== 1) throw new Error(`${fanOuts} pending fan-outs after createPublicity, expected 1`);
  delivery.expansion.push(
    await measure(async () => {
      while (await expandPendingFanOut());
    }),
  );
  const written = await count(`SELECT count(*) AS n FROM "Notification" WHERE kind = 'PUBLICITY_STARTED'`);
  if (written !== recipients) throw new Error(`${written} notifications expanded, expected ${recipients}`);

  delivery.plain.push(
    await measuredThenRolledBack(async (tx) => {
      await tx.$executeRawUnsafe(
        `UPDATE "Notification" SET "dispatchedAt" = clock_timestamp() WHERE "dispatchedAt" IS NULL`,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "NotificationDelivery" ("notificationId", "channel", "status", "attempts", "deliveredAt", "updatedAt")
         SELECT id, 'INBOX', 'DELIVERED', 1, clock_timestamp(), clock_timestamp() FROM "Notification"`,
      );
    }),
  );
  delivery.job.push(
    await measure(async () => {
      let dispatched = 0;
      while (dispatched < written) {
        const done = await deliverNotifications({ provider: null, maxMs: 120_000 });
        if (done.dispatched === 0) break;
        dispatched += done.dispatched;
      }
    }),
  );
  const [expansion, job] = [delivery.expansion.at(-1)!, delivery.job.at(-1)!];
  delivery.total.push({
    wall: expansion.wall + job.wall,
    pg: expansion.pg + job.pg,
    node: expansion.node + job.node,
  });
  const inbox = await count(`SELECT count(*) AS n FROM "NotificationDelivery" d JOIN "Notification" n
    ON n.id = d."notificationId" WHERE d.channel = 'INBOX' AND d.status = 'DELIVERED' AND n."dispatchedAt" IS NOT NULL`);
  if (inbox !== recipients) throw new Error(`${inbox} delivered to the inbox, expected ${recipients}`);

  await sql(`DELETE FROM "Notification"`);
  await sql(`DELETE FROM "NotificationFanOut"`);
  await sql(`DELETE FROM "PublicityBatch" WHERE scope = 'SCHOOL'`);
}
loads.push(uptime());

const ratio = (a: number, b: number) => (a / b).toFixed(2);
const medianOf = (costs: Cost[], key: keyof Cost) => median(costs.map((cost) => cost[key]));
const cells = (cost: Cost) => [fmtMs(cost.wall), fmtMs(cost.pg), fmtMs(cost.node)];
const medianCells = (costs: Cost[]) => [
  fmtMs(medianOf(costs, "wall")),
  fmtMs(medianOf(costs, "pg")),
  fmtMs(medianOf(costs, "node")),
];
const costTable = (title: string, columns: [string, Cost[]][]) =>
  printTable(
    title,
    [
      "round",
      ...columns.flatMap(([name]) => [`${name} wall`, "PostgreSQL CPU", "Node CPU"]),
      "ratio (wall)",
      "ratio (PostgreSQL CPU)",
    ],
    [
      ...columns[0]![1].map((_, i) => [
        String(i + 1),
        ...columns.flatMap(([, costs]) => cells(costs[i]!)),
        ratio(columns[1]![1][i]!.wall, columns[0]![1][i]!.wall),
        ratio(columns[1]![1][i]!.pg, columns[0]![1][i]!.pg),
      ]),
      [
        "median",
        ...columns.flatMap(([, costs]) => medianCells(costs)),
        ratio(medianOf(columns[1]![1], "wall"), medianOf(columns[0]![1], "wall")),
        ratio(medianOf(columns[1]![1], "pg"), medianOf(columns[0]![1], "pg")),
      ],
    ],
  );
costTable(
  `PUBLICITY_STARTED outbox write in the event's transaction, ${recipients} recipients (${STUDENTS} applicants and their parents): ${recipients} plain rows vs one fan-out row`,
  [
    ["plain INSERT … SELECT", rows.plainOutbox],
    ["notifyFanOut", rows.fanOut],
  ],
);
printTable(
  "The whole event: createPublicity (checks, candidates, batch and items, audit" + ", the fan-out row)",
  ["round", "wall", "PostgreSQL CPU", "Node CPU"],
  [...rows.event.map((cost, i) => [String(i + 1), ...cells(cost)]), ["median", ...medianCells(rows.event)]],
);
costTable(`Expansion of the fan-out into ${recipients} notifications vs the plain INSERT … SELECT`, [
  ["plain INSERT … SELECT", rows.plainOutbox],
  ["expandPendingFanOut", delivery.expansion],
]);
costTable(`Delivery of ${recipients} notifications to the inbox (SMS off)`, [
  ["plain UPDATE + INSERT … SELECT", delivery.plain],
  ["deliverNotifications", delivery.job],
]);
printTable(
  "Expansion + delivery (the delivery job's whole work)",
  ["round", "wall", "PostgreSQL CPU", "Node CPU"],
  [
    ...delivery.total.map((cost, i) => [String(i + 1), ...cells(cost)]),
    ["median", ...medianCells(delivery.total)],
  ],
);
const slowest = (costs: Cost[], key: keyof Cost) => Math.max(...costs.map((cost) => cost[key]));
const verdict = (costs: Cost[], target: number) =>
  `wall ${slowest(costs, "wall") <= target ? "met" : "NOT met"} (slowest ${fmtMs(slowest(costs, "wall"))}); ` +
  `CPU (PostgreSQL + Node) ${Math.max(...costs.map((c) => c.pg + c.node)) <= target ? "met" : "NOT met"} ` +
  `(most ${fmtMs(Math.max(...costs.map((c) => c.pg + c.node)))})`;
console.log(
  `target ≤ ${fmtMs(OUTBOX_TARGET_MS)} for the outbox write in the event's transaction (notifyFanOut): ${verdict(rows.fanOut, OUTBOX_TARGET_MS)}`,
);
console.log(
  `target ≤ ${fmtMs(DELIVERY_TARGET_MS)} for expansion + delivery: ${verdict(delivery.total, DELIVERY_TARGET_MS)}`,
);
console.log(`load (uptime) before each round and at the end:\n  ${loads.join("\n  ")}`);
await db().$disconnect();
await bench.stop();
