/**
 * The demo loans of 广东省 (lib/db/seed/loans.ts): sup_guangdong_lead sees four approved years and one
 * pending import to review, and the page's per-year totals agree with direct SQL sums over approved rows.
 * The statistics page reads the loan statistics rollup (lib/db/rollups/loan-stats.ts): every table, for every
 * year and category drill-down, equals the direct SQL over the records — after the seed, after an import and
 * its review (a borrower with loans in two years and at two banks), and after an approved repayment.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed";
import { viewLoanOverview } from "@/lib/services/loans";
import { loanChartData, loanColumn } from "@/lib/domain/loan-charts";
import { renderChartSvg } from "@/lib/charts/render-svg";
import { loanStatisticsExport, viewLoanStatistics, type LoanStatTable } from "@/lib/services/loan-statistics";
import { sessionUser } from "../support/session-user";
import { drainLoanStats } from "@/lib/db/rollups/loan-stats";
import { LOAN_INSTITUTION_CATEGORY_LABELS, type LoanInstitutionCategory } from "@/lib/domain/codes";
import { academicYearLabel } from "@/lib/domain/loans";
import { reviewLoanImport, reviewLoanRecords } from "@/lib/services/loan-review";
import { importRows, loanRow, repayment } from "../support/loan-fixtures";

let leader: SessionUser;
let operator: SessionUser;

beforeAll(async () => {
  await seedDemoData(db(), { now: new Date("2026-11-22T04:00:00Z") });
  const user = await db().user.findUniqueOrThrow({
    where: { username: "sup_guangdong_lead" },
    include: { region: true },
  });
  leader = sessionUser(user, { regionPath: user.region!.path });
  const op = await db().user.findUniqueOrThrow({ where: { username: "sup_guangdong" } });
  operator = sessionUser(op, { regionPath: user.region!.path });
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

// ───────────── the rollup against direct SQL ─────────────

type Figures = [key: string, loans: number, students: number, amountFen: number, repaidFen: number];

/** The figures of one grouping straight from the records (the query the page ran before the rollup). */
async function direct(
  by: "year" | "bank" | "category" | "institution",
  filter: { academicYear?: number; category?: string },
): Promise<Figures[]> {
  const key = {
    year: `l."academicYear"::text`,
    bank: `l."bank"`,
    category: `coalesce(l."institutionCategory"::text, '')`,
    institution: `l."institutionCode"`,
  }[by];
  const rows = await db().$queryRawUnsafe<
    { key: string; loans: bigint; students: bigint; amount: bigint; repaid: bigint }[]
  >(
    `SELECT ${key} AS key, count(*) AS loans, count(DISTINCT l."idNumberHash") AS students,
            sum(l."amountFen") AS amount, coalesce(sum(r.repaid), 0) AS repaid
     FROM "LoanRecord" l
     LEFT JOIN LATERAL (SELECT sum("amountFen") AS repaid FROM "RepaymentRecord"
                        WHERE "loanId" = l."id" AND "reviewState" = 'APPROVED') r ON true
     WHERE l."regionId" = $1 AND l."reviewState" = 'APPROVED'
       AND ($2::int IS NULL OR l."academicYear" = $2::int)
       AND ($3::text IS NULL OR coalesce(l."institutionCategory"::text, '') = $3::text)
     GROUP BY 1`,
    leader.regionId,
    filter.academicYear ?? null,
    filter.category ?? null,
  );
  return rows
    .map((row): Figures => [
      row.key,
      Number(row.loans),
      Number(row.students),
      Number(row.amount),
      Number(row.repaid),
    ])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

const fen = (yuan: string) => Math.round(Number(yuan) * 100);

/** A statistics table's rows as figures keyed like `direct` (category rows by their link key). */
function shown(table: LoanStatTable): Figures[] {
  const first = table.columns.indexOf("贷款笔数");
  const rows = table.rows.map((row, index): Figures => {
    const key =
      table.key === "year"
        ? String(Number(row[0]!.slice(0, 4)))
        : table.key === "category"
          ? table.links![index] === "NONE"
            ? ""
            : table.links![index]!
          : row[0]!;
    return [key, Number(row[first]), Number(row[first + 1]), fen(row[first + 2]!), fen(row[first + 3]!)];
  });
  return rows.sort((a, b) => a[0].localeCompare(b[0]));
}

async function tablesOf(raw: Record<string, string>) {
  const view = await viewLoanStatistics(leader, raw);
  if (!view.ok) throw new Error(view.message);
  return Object.fromEntries(view.data.tables.map((table) => [table.key, table]));
}

/** Every table of the page, for all years and each year, and every category's drill-down, equals SQL. */
async function expectPageEqualsSql() {
  const years = await db().$queryRaw<{ year: number }[]>`
    SELECT DISTINCT "academicYear" AS year FROM "LoanRecord" WHERE "regionId" = ${leader.regionId} ORDER BY 1`;
  for (const academicYear of [undefined, ...years.map((row) => row.year)]) {
    const raw: Record<string, string> =
      academicYear === undefined ? {} : { year: academicYearLabel(academicYear).replace("学年", "") };
    const tables = await tablesOf(raw);
    const at = `year ${academicYear ?? "all"}`;
    expect(shown(tables.year!), at).toEqual(await direct("year", {}));
    expect(shown(tables.bank!), at).toEqual(await direct("bank", { academicYear }));
    expect(shown(tables.category!), at).toEqual(await direct("category", { academicYear }));
    for (const category of [...Object.keys(LOAN_INSTITUTION_CATEGORY_LABELS), "NONE"]) {
      const drill = await tablesOf({ ...raw, category });
      const key = category === "NONE" ? "" : (category as LoanInstitutionCategory);
      expect(shown(drill.institution!), `${at} ${category}`).toEqual(
        await direct("institution", { academicYear, category: key }),
      );
    }
    const progress = await db().$queryRaw<
      { code: string; name: string; imported: bigint; pending: bigint; approved: bigint; refused: bigint }[]
    >`
      SELECT "institutionCode" AS code, max("institutionName") AS name, count(*) AS imported,
             count(*) FILTER (WHERE "reviewState" = 'PENDING') AS pending,
             count(*) FILTER (WHERE "reviewState" = 'APPROVED') AS approved,
             count(*) FILTER (WHERE "reviewState" = 'REFUSED') AS refused
      FROM "LoanRecord"
      WHERE "regionId" = ${leader.regionId} AND (${academicYear ?? null}::int IS NULL OR "academicYear" = ${academicYear ?? null}::int)
      GROUP BY 1 ORDER BY 1`;
    expect(tables.progress!.rows, at).toEqual(
      progress.map((row) => [
        row.code,
        row.name,
        ...[row.imported, row.pending, row.approved, row.refused].map((count) => String(count)),
      ]),
    );
  }
  // The rate over time: per calendar year (Beijing time) what was granted and repaid, accumulated.
  const flows = await db().$queryRaw<{ year: number; issued: bigint; repaid: bigint }[]>`
    SELECT y AS year, sum(issued) AS issued, sum(repaid) AS repaid FROM (
      SELECT extract(year FROM "grantedOn")::int AS y, "amountFen" AS issued, 0 AS repaid FROM "LoanRecord"
       WHERE "regionId" = ${leader.regionId} AND "reviewState" = 'APPROVED'
      UNION ALL
      SELECT extract(year FROM "repaidAt" + interval '8 hours')::int, 0, "amountFen" FROM "RepaymentRecord"
       WHERE "regionId" = ${leader.regionId} AND "reviewState" = 'APPROVED') f
    GROUP BY 1 ORDER BY 1`;
  const time = (await tablesOf({})).time!;
  let issued = 0;
  let repaid = 0;
  const expected: string[][] = [];
  for (let year = flows[0]!.year; year <= flows.at(-1)!.year; year++) {
    const flow = flows.find((row) => row.year === year);
    issued += Number(flow?.issued ?? 0);
    repaid += Number(flow?.repaid ?? 0);
    expected.push([`${year}年`]);
    expect(time.rows[year - flows[0]!.year]!.map(fen).slice(1, 5)).toEqual([
      Number(flow?.issued ?? 0),
      Number(flow?.repaid ?? 0),
      issued,
      repaid,
    ]);
  }
  expect(time.rows.map((row) => row[0])).toEqual(expected.map((row) => row[0]));
  expect(time.rows.at(-1)![5]).toBe(`${((repaid / issued) * 100).toFixed(2)}%`);
}

describe("the statistics rollup equals direct SQL", () => {
  it("after the seed", async () => {
    await drainLoanStats();
    await expectPageEqualsSql();
  });

  it("after an import and its review, counting a borrower with loans in two years and two banks once", async () => {
    const twice = { idNumber: loanRow(97_001).idNumber, studentName: "两年借款学生" };
    const bank = "测试农村商业银行";
    const earlier = [
      loanRow(97_001, { ...twice, academicYear: "2023-2024", grantedOn: "2023-10-15", bank }),
      loanRow(97_002, {
        academicYear: "2023-2024",
        grantedOn: "2023-10-15",
        bank,
        institutionCategory: "专科院校",
      }),
    ];
    const later = [
      loanRow(97_001, { ...twice, bank }),
      loanRow(97_001, { ...twice, bank: "测试城市商业银行", amount: "2000" }),
      loanRow(97_003, { bank }),
    ];
    const first = await importRows(operator, "LOAN", earlier, { academicYear: "2023-2024" });
    const second = await importRows(operator, "LOAN", later);
    await drainLoanStats();
    await expectPageEqualsSql(); // pending records: only the entry progress changes
    expect(await reviewLoanImport(leader, first.id, { decision: "APPROVE", comment: "" })).toMatchObject({
      ok: true,
    });
    const refused = await db().loanRecord.findFirstOrThrow({ where: { importId: second.id, rowNumber: 4 } });
    expect(
      await reviewLoanRecords(leader, {
        kind: "LOAN",
        ids: [refused.id],
        decision: "REFUSE",
        comment: "金额有误",
      }),
    ).toMatchObject({ ok: true });
    expect(await reviewLoanImport(leader, second.id, { decision: "APPROVE", comment: "" })).toMatchObject({
      ok: true,
    });
    // Until the rollup job runs, the page says how old its figures are.
    const stale = await viewLoanStatistics(leader, {});
    expect(stale.ok && stale.data.asOf.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await db().loanStatDirty.count()).toBeGreaterThan(0);
    await drainLoanStats();
    expect(await db().loanStatDirty.count()).toBe(0);
    await expectPageEqualsSql();
    const banks = shown((await tablesOf({})).bank!);
    // At this bank over all years: the borrower's loans of 2023 and 2024 and another's of 2023 (the 2024 one
    // of a third borrower was refused) — three loans, two borrowers.
    expect(banks.find((row) => row[0] === bank)!.slice(1, 3)).toEqual([3, 2]);
  });

  it("after an approved repayment", async () => {
    const loan = loanRow(97_004, { bank: "测试农村商业银行", amount: "6000" });
    const job = await importRows(operator, "LOAN", [loan]);
    expect(await reviewLoanImport(leader, job.id, { decision: "APPROVE", comment: "" })).toMatchObject({
      ok: true,
    });
    const paid = await importRows(operator, "REPAYMENT", [repayment(loan, "1234.56", "2026-01-01 07:59:59")]);
    expect(await reviewLoanImport(leader, paid.id, { decision: "APPROVE", comment: "" })).toMatchObject({
      ok: true,
    });
    await drainLoanStats();
    await expectPageEqualsSql();
    // 2026-01-01 07:59:59 Beijing time is in 2026 (it is 2025 in UTC).
    const time = (await tablesOf({})).time!;
    expect(time.rows.find((row) => row[0] === "2026年")![2]).not.toBe("0.00");
  });
});
