/**
 * The demo loans of 广东省 (lib/db/seed/loans.ts): sup_guangdong_lead sees four approved years and one
 * pending import to review, and the page's per-year totals agree with direct SQL sums over approved rows.
 */
import { beforeAll, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed";
import { viewLoanOverview } from "@/lib/services/loans";
import { loanChartData, loanColumn } from "@/lib/domain/loan-charts";
import { renderChartSvg } from "@/lib/charts/render-svg";
import { loanStatisticsExport, viewLoanStatistics, type LoanStatTable } from "@/lib/services/loan-statistics";
import { sessionUser } from "../support/session-user";

let leader: SessionUser;

beforeAll(async () => {
  await seedDemoData(db(), { now: new Date("2026-11-22T04:00:00Z") });
  const user = await db().user.findUniqueOrThrow({
    where: { username: "sup_guangdong_lead" },
    include: { region: true },
  });
  leader = sessionUser(user, { regionPath: user.region!.path });
});

it("shows the seeded years, their approved totals and the pending import", async () => {
  const view = await viewLoanOverview(leader);
  if (!view.ok) throw new Error(view.message);
  const sql = await db().$queryRaw<{ year: number; loans: bigint; amount: bigint; repaid: bigint }[]>`
    SELECT l."academicYear" AS year, count(*) AS loans, sum(l."amountFen") AS amount,
           coalesce(sum((SELECT sum(r."amountFen") FROM "RepaymentRecord" r
                         WHERE r."loanId" = l."id" AND r."reviewState" = 'APPROVED')), 0) AS repaid
    FROM "LoanRecord" l WHERE l."reviewState" = 'APPROVED' GROUP BY 1 ORDER BY 1 DESC`;
  expect(view.data.totals.map((row) => [row.academicYear, row.loans, row.amountFen, row.repaidFen])).toEqual(
    sql.map((row) => [row.year, Number(row.loans), Number(row.amount), Number(row.repaid)]),
  );
  expect(view.data.totals.map((row) => row.academicYear)).toEqual([2024, 2023, 2022, 2021]);
  expect(view.data.totals.every((row) => row.loans === 75)).toBe(true);
  expect(view.data.totals.find((row) => row.academicYear === 2021)!.repaidFen).toBeGreaterThan(0);
  expect(
    view.data.imports.filter((row) => row.pending > 0).map((row) => [row.academicYear, row.pending]),
  ).toEqual([[2025, 12]]);
  expect(view.data.caps).toHaveLength(8);
});

const column = (table: LoanStatTable, name: string) =>
  table.rows.map((row) => row[table.columns.indexOf(name)]!);
const yuanSum = (values: string[]) => values.reduce((sum, value) => sum + Math.round(Number(value) * 100), 0);

it("states the statistics tables in agreement with SQL over approved rows, drilling into a category", async () => {
  const view = await viewLoanStatistics(leader, { year: "2021-2022" });
  if (!view.ok) throw new Error(view.message);
  const byKey = Object.fromEntries(view.data.tables.map((table) => [table.key, table]));
  const [year2021] = await db().$queryRaw<{ loans: bigint; amount: bigint; students: bigint }[]>`
    SELECT count(*) AS loans, sum("amountFen") AS amount, count(DISTINCT "idNumberHash") AS students
    FROM "LoanRecord" WHERE "reviewState" = 'APPROVED' AND "academicYear" = 2021`;
  const yearRow = byKey.year!.rows.find((row) => row[0] === "2021-2022学年")!;
  expect(yearRow.slice(1, 4)).toEqual([
    String(year2021!.loans),
    String(year2021!.students),
    (Number(year2021!.amount) / 100).toFixed(2),
  ]);
  // Every breakdown of the year adds up to the year's amount.
  for (const key of ["bank", "category"])
    expect(yuanSum(column(byKey[key]!, "发放金额（元）")), key).toBe(Number(year2021!.amount));
  const category = byKey.category!;
  expect(column(category, "院校类型")).toEqual(
    expect.arrayContaining(["本科院校", "专科院校", "科研院所", "军队院校"]),
  );
  // Drilling into 科研院所 lists its institutions, adding up to the category's row.
  const drill = await viewLoanStatistics(leader, { year: "2021-2022", category: "RESEARCH_INSTITUTE" });
  if (!drill.ok) throw new Error(drill.message);
  const institutions = drill.data.tables.find((table) => table.key === "institution")!;
  const researchRow = category.rows.find((row) => row[0] === "科研院所")!;
  expect(yuanSum(column(institutions, "发放金额（元）"))).toBe(Math.round(Number(researchRow[3]) * 100));
  // Entry progress: the pending 2025-2026 import shows as pending.
  const all = await viewLoanStatistics(leader, {});
  const progress = all.ok ? all.data.tables.find((table) => table.key === "progress")! : null;
  expect(progress && column(progress, "待审核").reduce((sum, value) => sum + Number(value), 0)).toBe(12);
  // An export of a table is audited and carries the table's rows.
  const exported = await loanStatisticsExport(leader, { table: "bank", year: "2021-2022" });
  expect(exported.ok && exported.data.rows).toEqual(byKey.bank!.rows);
  const entry = await db().auditLog.findFirst({ where: { actorUserId: leader.id, action: "loan.export" } });
  expect(entry?.detail).toMatchObject({ table: "bank", academicYear: 2021 });
});

it("draws every chart from the figures of the table below it", async () => {
  const view = await viewLoanStatistics(leader, {});
  if (!view.ok) throw new Error(view.message);
  const year = view.data.tables.find((table) => table.key === "year")!;
  expect(year.charts.map((chart) => chart.key)).toEqual([
    "loan-year-amount",
    "loan-year-students",
    "loan-repayment-rate",
  ]);
  const oldestFirst = (name: string) => [...loanColumn(year, name)].reverse();
  expect(loanChartData(year.charts[0]!)).toEqual([
    oldestFirst("发放金额（元）"),
    oldestFirst("已还款金额（元）"),
  ]);
  expect(loanChartData(year.charts[2]!)).toEqual([oldestFirst("还款率")]);
  const category = view.data.tables.find((table) => table.key === "category")!;
  expect(loanChartData(category.charts[0]!)[0]).toEqual(loanColumn(category, "发放金额（元）"));
  // Rendered as SVG with the labels as text.
  expect(renderChartSvg(category.charts[0]!)).toContain("科研院所");
  expect(view.data.tables.find((table) => table.key === "progress")!.charts).toEqual([]);
});
