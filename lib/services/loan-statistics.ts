/**
 * 贷款信息查看 / 录入进展查看 as tables with their charts: APPROVED loans of the province by academic year,
 * by bank and by institution category (drilling down to each institution of one category), with their
 * approved repayments and the repayment rate; the cumulative repayment rate at the end of each calendar year
 * (the rate over time); and the entry progress per institution (imported, pending, approved, refused). Each
 * table exports to .xlsx (audited as `loan.export`). The figures come from the loan statistics rollup
 * (lib/db/rollups/loan-stats.ts), refreshed by the rollup job a few seconds after a change; `asOf` is 数据截至.
 */
import "server-only";
import {
  approvedLoanTotals,
  loanEntryProgress,
  loanFlowByCalendarYear,
  type LoanGroupTotal,
} from "@/lib/db/loans.repo";
import { loanStatsAsOf } from "@/lib/db/rollups/loan-stats";
import { LOAN_INSTITUTION_CATEGORY_LABELS, type LoanInstitutionCategory } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import {
  loanAmountChart,
  loanRateOverTimeChart,
  loanRepaymentRateChart,
  loanYearAmountChart,
  loanYearStudentsChart,
  type LoanChartSpec,
} from "@/lib/domain/loan-charts";
import { repaymentOverTime } from "@/lib/domain/loan-repayment-rate";
import { academicYearLabel, parseAcademicYear } from "@/lib/domain/loans";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import type { SheetSpec, XlsxCell } from "@/lib/xlsx";
import { audit } from "./audit";
import { loanContext } from "./loan-context";

export type LoanStatTable = {
  key: "year" | "time" | "bank" | "category" | "institution" | "progress";
  title: string;
  columns: string[];
  rows: string[][];
  /** A row's drill-down link target (category rows: their institutions). */
  links?: (string | null)[];
};

const UNSPECIFIED = "未注明院校类型";
const categoryLabel = (key: string) =>
  key ? (LOAN_INSTITUTION_CATEGORY_LABELS[key as LoanInstitutionCategory] ?? key) : UNSPECIFIED;
/** Repaid share of the amount, "12.34%". */
const rate = (row: LoanGroupTotal) =>
  row.amountFen ? `${((row.repaidFen / row.amountFen) * 100).toFixed(2)}%` : "0.00%";

const MONEY_COLUMNS = ["贷款笔数", "借款学生人数", "发放金额（元）", "已还款金额（元）", "还款率"];
const figures = (row: LoanGroupTotal) => [
  String(row.loans),
  String(row.students),
  fenToYuan(row.amountFen),
  fenToYuan(row.repaidFen),
  rate(row),
];

type Filter = { academicYear?: number; category?: string };

function filterOf(raw: Record<string, unknown>): Filter {
  const year = typeof raw.year === "string" ? parseAcademicYear(raw.year) : null;
  const category = typeof raw.category === "string" ? raw.category : undefined;
  return {
    academicYear: year ?? undefined,
    category:
      category === "NONE"
        ? ""
        : category && category in LOAN_INSTITUTION_CATEGORY_LABELS
          ? category
          : undefined,
  };
}

async function tables(regionId: string, filter: Filter): Promise<LoanStatTable[]> {
  const year = { academicYear: filter.academicYear };
  const [byYear, flows, byBank, byCategory, progress] = await Promise.all([
    approvedLoanTotals(regionId, "year", {}),
    loanFlowByCalendarYear(regionId),
    approvedLoanTotals(regionId, "bank", year),
    filter.category === undefined
      ? approvedLoanTotals(regionId, "category", year)
      : approvedLoanTotals(regionId, "institution", { ...year, category: filter.category }),
    loanEntryProgress(regionId, filter.academicYear),
  ]);
  const scope = filter.academicYear !== undefined ? `（${academicYearLabel(filter.academicYear)}）` : "";
  return [
    {
      key: "year",
      title: "按学年：发放与还款",
      columns: ["学年", ...MONEY_COLUMNS],
      rows: byYear.map((row) => [academicYearLabel(Number(row.key)), ...figures(row)]),
    },
    {
      key: "time",
      title: "还款率随时间变化（按自然年，全部学年的贷款）",
      columns: [
        "年份",
        "当年发放金额（元）",
        "当年还款金额（元）",
        "截至年末累计发放（元）",
        "截至年末累计还款（元）",
        "累计还款率",
      ],
      rows: repaymentOverTime(flows).map((row) => [
        `${row.calendarYear}年`,
        fenToYuan(row.issuedFen),
        fenToYuan(row.repaidFen),
        fenToYuan(row.issuedToDateFen),
        fenToYuan(row.repaidToDateFen),
        `${row.ratePercent.toFixed(2)}%`,
      ]),
    },
    {
      key: "bank",
      title: `按经办银行${scope}`,
      columns: ["经办银行", ...MONEY_COLUMNS],
      rows: byBank.map((row) => [row.key, ...figures(row)]),
    },
    filter.category === undefined
      ? {
          key: "category",
          title: `按院校类型${scope}`,
          columns: ["院校类型", ...MONEY_COLUMNS],
          rows: byCategory.map((row) => [categoryLabel(row.key), ...figures(row)]),
          links: byCategory.map((row) => row.key || "NONE"),
        }
      : {
          key: "institution",
          title: `${categoryLabel(filter.category)}：各院校${scope}`,
          columns: ["学校标识码", "学校名称", ...MONEY_COLUMNS],
          rows: byCategory.map((row) => [row.key, row.name ?? "", ...figures(row)]),
        },
    {
      key: "progress",
      title: `录入进展（各院校）${scope}`,
      columns: ["学校标识码", "学校名称", "已导入", "待审核", "审核通过", "审核不通过"],
      rows: progress.map((row) => [
        row.institutionCode,
        row.institutionName,
        String(row.imported),
        String(row.pending),
        String(row.approved),
        String(row.refused),
      ]),
    },
  ];
}

/** The charts drawn from a table (none for an empty table or the entry progress). */
function chartsOf(table: LoanStatTable): LoanChartSpec[] {
  if (!table.rows.length || table.key === "progress") return [];
  if (table.key === "year")
    return [loanYearAmountChart(table), loanYearStudentsChart(table), loanRepaymentRateChart(table)];
  if (table.key === "time") return [loanRateOverTimeChart(table)];
  return [loanAmountChart(table)];
}

/** The statistics page: its tables for the filter (academic year; category to drill into). */
export async function viewLoanStatistics(user: SessionUser, raw: Record<string, unknown>) {
  const ctx = await loanContext(user, "loan.view");
  if (!ctx.ok) return ctx;
  const filter = filterOf(raw);
  const [found, asOf] = await Promise.all([
    tables(ctx.data.regionId, filter),
    loanStatsAsOf(ctx.data.regionId),
  ]);
  return ok({ filter, asOf, tables: found.map((table) => ({ ...table, charts: chartsOf(table) })) });
}

/** One table of the page as .xlsx rows; audited. */
export async function loanStatisticsExport(
  user: SessionUser,
  raw: Record<string, unknown>,
): Promise<ActionResult<{ filename: string; sheet: SheetSpec; rows: XlsxCell[][] }>> {
  const ctx = await loanContext(user, "loan.export");
  if (!ctx.ok) return ctx;
  const filter = filterOf(raw);
  const table = (await tables(ctx.data.regionId, filter)).find((candidate) => candidate.key === raw.table);
  if (!table) return fail("NOT_FOUND", "没有这张统计表。");
  await audit(ctx.data, "loan.export", null, {
    table: table.key,
    academicYear: filter.academicYear ?? null,
    category: filter.category ?? null,
  });
  return ok({
    filename: `国家助学贷款-${table.title.replace(/[：（）\s]/g, "")}.xlsx`,
    sheet: { name: "统计", columns: table.columns.map((header) => ({ header, width: 18 })) },
    rows: table.rows,
  });
}
