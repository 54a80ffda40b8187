/**
 * ECharts options of the loan statistics page (lib/services/loan-statistics.ts), built from its tables and
 * nothing else: each chart draws numbers of the table shown below it (the table is its accessible
 * alternative). Rendered to SVG on the server by lib/charts/render-svg.ts, as the aid statistics' charts.
 */
import { CJK_FONTS, type ChartOption } from "./statistics-charts";

/** The table a chart is drawn from: its key, columns and rows of text (as on the page). */
export type LoanChartTable = {
  key: string;
  title: string;
  columns: string[];
  rows: string[][];
};

export type LoanChartSpec = {
  key: string;
  /** Chinese name of the chart, its aria-label. */
  label: string;
  tableKey: string;
  option: ChartOption;
  width: number;
  height: number;
};

const COLOURS = ["#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed", "#64748b"];

/** A column's figures as numbers ("40500.50" → 40500.5, "3.70%" → 3.7). */
export function loanColumn(table: LoanChartTable, name: string): number[] {
  const index = table.columns.indexOf(name);
  return table.rows.map((row) => Number((row[index] ?? "0").replace(/%$/, "")));
}

const base = (text: string) => ({
  animation: false,
  color: COLOURS,
  textStyle: { fontFamily: CJK_FONTS },
  title: { text, left: "center", top: 4, textStyle: { fontSize: 14 } },
});

function bars(table: LoanChartTable, text: string, series: string[], labelColumn = 0) {
  const rotate = table.rows.length > 4 ? 30 : 0;
  return {
    ...base(text),
    legend: { top: 30 },
    grid: { left: 72, right: 16, top: 68, bottom: rotate ? 110 : 40 },
    xAxis: {
      type: "category",
      data: table.rows.map((row) => row[labelColumn] ?? ""),
      axisLabel: { interval: 0, rotate },
    },
    yAxis: { type: "value" },
    series: series.map((name) => ({ type: "bar", name, data: loanColumn(table, name) })),
  };
}

/** 发放金额 and 已还款金额 per academic year (bars). */
export function loanYearAmountChart(table: LoanChartTable): LoanChartSpec {
  const rows = [...table.rows].reverse();
  const ordered = { ...table, rows };
  return {
    key: "loan-year-amount",
    label: "各学年贷款发放金额与已还款金额柱状图（元）",
    tableKey: table.key,
    option: bars(ordered, "各学年发放与还款金额（元）", ["发放金额（元）", "已还款金额（元）"]),
    width: 640,
    height: 340,
  };
}

/** 借款学生人数 per academic year (bars). */
export function loanYearStudentsChart(table: LoanChartTable): LoanChartSpec {
  const ordered = { ...table, rows: [...table.rows].reverse() };
  return {
    key: "loan-year-students",
    label: "各学年借款学生人数柱状图",
    tableKey: table.key,
    option: bars(ordered, "各学年借款学生人数", ["借款学生人数"]),
    width: 520,
    height: 320,
  };
}

/**
 * 还款率 of each academic year's loans as of today (line). Its axis is the year the loans were granted, not
 * time: the rate over time is `loanRateOverTimeChart`.
 */
export function loanRepaymentRateChart(table: LoanChartTable): LoanChartSpec {
  const ordered = { ...table, rows: [...table.rows].reverse() };
  return {
    key: "loan-repayment-rate",
    label: "各学年发放贷款截至目前的还款率折线图（%）",
    tableKey: table.key,
    option: {
      ...base("各学年发放贷款截至目前的还款率（%）"),
      grid: { left: 56, right: 24, top: 48, bottom: 40 },
      xAxis: { type: "category", data: ordered.rows.map((row) => row[0] ?? "") },
      yAxis: { type: "value" },
      series: [{ type: "line", name: "还款率", data: loanColumn(ordered, "还款率"), label: { show: true } }],
    },
    width: 520,
    height: 320,
  };
}

/** 累计还款率 at the end of each calendar year (line): the table of `repaymentOverTime`. */
export function loanRateOverTimeChart(table: LoanChartTable): LoanChartSpec {
  return {
    key: "loan-rate-over-time",
    label: "截至各年末累计还款率折线图（%）",
    tableKey: table.key,
    option: {
      ...base("截至各年末累计还款率（%）"),
      grid: { left: 56, right: 24, top: 48, bottom: 40 },
      xAxis: { type: "category", data: table.rows.map((row) => row[0] ?? "") },
      yAxis: { type: "value" },
      series: [
        { type: "line", name: "累计还款率", data: loanColumn(table, "累计还款率"), label: { show: true } },
      ],
    },
    width: 560,
    height: 320,
  };
}

/** 发放金额 by bank, by institution category, or by institution of one category (bars). */
export function loanAmountChart(table: LoanChartTable): LoanChartSpec {
  const labelColumn = table.key === "institution" ? 1 : 0;
  return {
    key: `loan-${table.key}-amount`,
    label: `${table.title}：发放金额与已还款金额柱状图（元）`,
    tableKey: table.key,
    option: bars(table, `${table.title}（元）`, ["发放金额（元）", "已还款金额（元）"], labelColumn),
    width: 640,
    height: 360,
  };
}

/** The numbers a chart draws, series by series (for checking them against its table). */
export function loanChartData(spec: LoanChartSpec): number[][] {
  return (spec.option.series as { data: number[] }[]).map((series) => series.data);
}
