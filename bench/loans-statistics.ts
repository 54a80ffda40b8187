/**
 * The 国家助学贷款 statistics page of a province over N (default 3,000,000) approved loan records across ten
 * academic years (2015–2024), a tenth of them with an approved repayment: the records are generated in SQL
 * (generate_series), the loan statistics rollup (lib/db/rollups/loan-stats.ts) is built from them (timed),
 * then the page's service (lib/services/loan-statistics.ts `viewLoanStatistics`, all its tables: by year,
 * the rate over time, by bank, by institution category or one category's institutions, the entry progress)
 * is timed in this process against a plain GROUP BY of the same per-year figures. Issue 20 §7 asks ≤ 300 ms
 * server time. Also timed: the rollup's refresh after a review of 1,000 records of one year (what a leader's
 * approval costs the job, all-years borrowers recounted) and after approved repayments only.
 *
 *   npx tsx --import ./scripts/server-only-stub.mjs bench/loans-statistics.ts [records runs]
 */
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { drainLoanStats } from "@/lib/db/rollups/loan-stats";
import { viewLoanStatistics } from "@/lib/services/loan-statistics";
import { freshDatabase } from "./support/database";
import { loadavg } from "node:os";
import { fmtMs, machine, median, printTable } from "./support/stats";

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(" / ");

async function main(): Promise<void> {
  const records = Number(process.argv[2] ?? 3_000_000);
  const runs = Number(process.argv[3] ?? 5);
  console.log(`machine: ${machine()}; ${new Date().toISOString()}`);
  const bench = await freshDatabase("bench_loan_stats");
  const province = await db().region.create({
    data: { code: "440000", name: "广东省", level: "PROVINCE", path: "/440000/" },
  });
  const leader = await db().user.create({
    data: {
      username: "bench_loans_leader",
      role: "SUPERVISOR",
      displayName: "基准测试领导",
      passwordHash: "x",
      regionId: province.id,
      supervisorDuty: "LEADER",
    },
  });
  const started = Date.now();
  for (let year = 2015; year <= 2024; year++) {
    const loanImport = await db().loanImport.create({
      data: {
        regionId: province.id,
        kind: "LOAN",
        academicYear: year,
        mode: "GOOD_ROWS",
        fileName: `${year}.xlsx`,
        createdById: leader.id,
        state: "DONE",
      },
    });
    await db().$executeRawUnsafe(
      `INSERT INTO "LoanRecord" ("id", "regionId", "importId", "rowNumber", "academicYear", "studentName", "idType",
         "idNumberCipher", "idNumberHash", "idNumberMasked", "institutionCode", "institutionName",
         "institutionCategory", "level", "contractNo", "bank", "amountFen", "grantedOn", "loanType",
         "reviewState", "reviewedById", "reviewedAt")
       SELECT 'L' || $3::int || '-' || g, $1, $2, g + 1, $3::int, '学生' || g, 'RESIDENT_ID', 'c', md5((g % 1000000)::text),
              '4401**********1234', '41440' || (g % 400), '院校' || (g % 400),
              (ARRAY['UNDERGRADUATE_COLLEGE','JUNIOR_COLLEGE','RESEARCH_INSTITUTE']::"LoanInstitutionCategory"[])[1 + g % 3],
              'UNDERGRADUATE', 'GD' || $3::int || '-' || g, '银行' || (g % 8), 800000 + (g % 12) * 100000,
              make_date($3::int, 10, 15), 'ORIGIN', 'APPROVED', $4, now()
       FROM generate_series(1, $5::int) AS g`,
      province.id,
      loanImport.id,
      year,
      leader.id,
      Math.floor(records / 10),
    );
  }
  const repayments = await db().loanImport.create({
    data: {
      regionId: province.id,
      kind: "REPAYMENT",
      mode: "GOOD_ROWS",
      fileName: "还款.xlsx",
      createdById: leader.id,
      state: "DONE",
    },
  });
  await db().$executeRawUnsafe(
    `INSERT INTO "RepaymentRecord" ("id", "regionId", "importId", "rowNumber", "loanId", "amountFen", "repaidAt",
       "reviewState", "reviewedById", "reviewedAt")
     SELECT 'R' || l."id", l."regionId", $1, row_number() OVER (), l."id", 100000, date_trunc('second', now()),
            'APPROVED', $2, now()
     FROM "LoanRecord" l WHERE l."rowNumber" % 10 = 0`,
    repayments.id,
    leader.id,
  );
  await db().$executeRawUnsafe(`VACUUM ANALYZE "LoanRecord"`);
  await db().$executeRawUnsafe(`VACUUM ANALYZE "RepaymentRecord"`);
  console.log(`${records} records generated in ${fmtMs(Date.now() - started)}`);

  const user: SessionUser = {
    id: leader.id,
    role: "SUPERVISOR",
    displayName: leader.displayName,
    schoolId: null,
    regionId: province.id,
    personId: null,
    regionPath: "/440000/",
    mustChangePassword: false,
  };
  const time = async (fn: () => Promise<unknown>, times: number[] = []) => {
    for (let run = 0; run < runs; run++) {
      const start = process.hrtime.bigint();
      await fn();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return times;
  };

  // The rollup built from every record (what `npm run rollups:rebuild` or the first refresh costs).
  const buildStart = Date.now();
  await drainLoanStats();
  const build = Date.now() - buildStart;
  console.log(`rollup built in ${fmtMs(build)}`);

  const page = await time(async () => {
    const view = await viewLoanStatistics(user, {});
    if (!view.ok) throw new Error(view.message);
  });
  const yearPage = await time(() => viewLoanStatistics(user, { year: "2024-2025" }));
  const drillPage = await time(() => viewLoanStatistics(user, { category: "JUNIOR_COLLEGE" }));
  const plainRows = await db().$queryRawUnsafe<{ academicYear: number; count: bigint; sum: bigint }[]>(
    `SELECT "academicYear", count(*), sum("amountFen") FROM "LoanRecord"
     WHERE "regionId" = $1 AND "reviewState" = 'APPROVED' GROUP BY 1 ORDER BY 1 DESC`,
    province.id,
  );
  const plain = await time(() =>
    db().$queryRawUnsafe(
      `SELECT "academicYear", count(*), sum("amountFen") FROM "LoanRecord"
       WHERE "regionId" = $1 AND "reviewState" = 'APPROVED' GROUP BY 1`,
      province.id,
    ),
  );
  // The page's per-year figures are the plain GROUP BY's.
  const view = await viewLoanStatistics(user, {});
  if (!view.ok) throw new Error(view.message);
  const shownYears = view.data.tables
    .find((table) => table.key === "year")!
    .rows.map((row) => [row[1], row[3]]);
  const sqlYears = plainRows.map((row) => [String(row.count), (Number(row.sum) / 100).toFixed(2)]);
  if (JSON.stringify(shownYears) !== JSON.stringify(sqlYears)) throw new Error("page ≠ plain GROUP BY");

  // A leader approves an import of 1,000 records of 2024 (new borrowers): the refresh the job then runs.
  const review = async () => {
    const extra = await db().loanImport.create({
      data: {
        regionId: province.id,
        kind: "LOAN",
        academicYear: 2024,
        mode: "GOOD_ROWS",
        fileName: "补充.xlsx",
        createdById: leader.id,
        state: "DONE",
      },
    });
    await db().$executeRawUnsafe(
      `INSERT INTO "LoanRecord" ("id", "regionId", "importId", "rowNumber", "academicYear", "studentName", "idType",
         "idNumberCipher", "idNumberHash", "idNumberMasked", "institutionCode", "institutionName",
         "institutionCategory", "level", "contractNo", "bank", "amountFen", "grantedOn", "loanType")
       SELECT $2 || '-' || g, $1, $2, g, 2024, '补充' || g, 'RESIDENT_ID', 'c', md5($2 || g), '4401**********1234',
              '41440' || (g % 400), '院校' || (g % 400), 'JUNIOR_COLLEGE', 'UNDERGRADUATE', $2 || '-' || g,
              '银行' || (g % 8), 800000, make_date(2024, 11, 1), 'ORIGIN'
       FROM generate_series(1, 1000) AS g`,
      province.id,
      extra.id,
    );
    await db().$executeRawUnsafe(
      `UPDATE "LoanRecord" SET "reviewState" = 'APPROVED', "reviewedById" = $2, "reviewedAt" = now()
       WHERE "importId" = $1`,
      extra.id,
      leader.id,
    );
    const start = process.hrtime.bigint();
    await drainLoanStats();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const reviews: number[] = [];
  for (let run = 0; run < Math.min(runs, 3); run++) reviews.push(await review());
  // Approved repayments only (no borrower changes): 1,000 repayments of 2020 loans.
  await db().$executeRawUnsafe(
    `INSERT INTO "RepaymentRecord" ("id", "regionId", "importId", "rowNumber", "loanId", "amountFen", "repaidAt",
         "reviewState", "reviewedById", "reviewedAt")
       SELECT 'R2' || l."id", l."regionId", $1, 1000000 + row_number() OVER (), l."id", 50000,
              date_trunc('second', now()), 'APPROVED', $2, now()
       FROM "LoanRecord" l WHERE l."academicYear" = 2020 AND l."rowNumber" % 10 = 1 AND l."rowNumber" <= 10000`,
    repayments.id,
    leader.id,
  );
  const repaidRefreshStart = process.hrtime.bigint();
  await drainLoanStats();
  const repaidRefresh = Number(process.hrtime.bigint() - repaidRefreshStart) / 1e6;

  const line = (name: string, times: number[]) => [name, fmtMs(median(times)), fmtMs(Math.max(...times))];
  printTable(
    `Loan statistics over ${records} records, ${runs} runs (load ${loadAverage()})`,
    ["measurement", "median", "max"],
    [
      line("viewLoanStatistics (all years)", page),
      line("viewLoanStatistics (2024-2025)", yearPage),
      line("viewLoanStatistics (专科院校 drill-down)", drillPage),
      line("plain GROUP BY academicYear", plain),
      line("rollup: built from every record", [build]),
      line("rollup: refresh after approving 1,000 records", reviews),
      line("rollup: refresh after 1,000 approved repayments", [repaidRefresh]),
    ],
  );
  await db().$disconnect();
  await bench.stop();
}

await main();
