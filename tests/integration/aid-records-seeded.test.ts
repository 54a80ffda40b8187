/**
 * The aid records of the demo data (受助情况, migration 510): every paid (roster, student) of the payment history
 * has its PAID record with the same amount, every reversed one its REVERSED record, and nothing else; admin_pri
 * sees this term's payments and the reversal on the 受助情况 page's overview, and their export validates.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed";
import { loadAidRecordOverview } from "@/lib/services/aid-records";
import { exportJobData, runExportJob } from "@/lib/services/export-job";
import { startExport } from "@/lib/services/export-task";
import { sessionUser } from "../support/session-user";

beforeAll(async () => {
  await seedDemoData(db(), { now: new Date("2026-11-22T04:00:00Z") });
}, 180_000);

describe("the demo's aid records", () => {
  it("are exactly the payment history's latest state per roster and student", async () => {
    const fromPayments = await db().$queryRaw<{ key: string; state: string; amountFen: number }[]>`
      SELECT DISTINCT ON (p."rosterId", p."studentId") p."rosterId" || '/' || p."studentId" AS "key",
             CASE WHEN p."kind" = 'REVERSAL' THEN 'REVERSED' ELSE 'PAID' END AS "state",
             CASE WHEN p."kind" = 'REVERSAL' THEN p."previousAmountFen" ELSE p."amountFen" END AS "amountFen"
      FROM "RosterPayment" p ORDER BY p."rosterId", p."studentId", p."at" DESC, p."id" DESC`;
    const records = await db().aidRecord.findMany({
      select: { rosterId: true, studentId: true, state: true, amountFen: true },
    });
    const sort = (rows: { key: string; state: string; amountFen: number }[]) =>
      [...rows].sort((a, b) => a.key.localeCompare(b.key));
    expect(fromPayments.length).toBeGreaterThan(0);
    expect(
      sort(
        records.map((r) => ({ key: `${r.rosterId}/${r.studentId}`, state: r.state, amountFen: r.amountFen })),
      ),
    ).toEqual(sort(fromPayments));
    // Monthly 中职 rosters are one record per month: the past term's, and this term's paid monthly lists
    // (lib/db/seed/vocational-lists.ts: September and October before the seed's 22 November).
    const months = await db().aidRecord.findMany({
      where: { month: { not: null } },
      select: { period: true },
    });
    expect(new Set(months.map((r) => r.period))).toEqual(
      new Set(["2026-03", "2026-04", "2026-09", "2026-10"]),
    );
  });

  it("show admin_pri this term's payments and the reversal", async () => {
    const admin = await db().user.findUniqueOrThrow({ where: { username: "admin_pri" } });
    const overview = await loadAidRecordOverview(sessionUser(admin));
    if (!overview.ok) throw new Error(overview.message);
    expect(overview.data.paid.records).toBeGreaterThan(0);
    expect(overview.data.reversed.records).toBe(1);
    expect(overview.data.rows.every((row) => row.period === "2026-2027-AUTUMN")).toBe(true);
    const user = sessionUser(admin);
    const started = await startExport(user, { kind: "AID_RECORDS" });
    if (!started.ok) throw new Error(started.message);
    await runExportJob(exportJobData(user, started.data.taskId));
    expect(await db().exportTask.findUniqueOrThrow({ where: { id: started.data.taskId } })).toMatchObject({
      state: "DONE",
      valid: true,
      rowsTotal: overview.data.paid.records,
    });
  });
});
