/**
 * ECharts options of the statistics page, built from the tables of lib/domain/statistics.ts and nothing else:
 * each chart's data are the numbers of the table shown beside it (the table is the chart's accessible
 * alternative). Rendered to SVG on the server by lib/charts/render-svg.ts.
 */
import { columnValues, type StatTable } from "./statistics";

export type ChartOption = {
  title: { text: string; left: string; top: number; textStyle: { fontSize: number } };
  [key: string]: unknown;
};
export type ChartSpec = {
  key: string;
  /** Chinese name of the chart, its aria-label; the table it is drawn from follows it on the page. */
  label: string;
  tableKey: StatTable["key"];
  option: ChartOption;
  width: number;
  height: number;
};

// Single quotes: ECharts writes the family into a double-quoted style attribute without escaping it.
export const CJK_FONTS =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const COLOURS = ["#2563eb", "#f59e0b", "#16a34a", "#dc2626", "#7c3aed", "#64748b"];

const base = (text: string) => ({
  animation: false,
  color: COLOURS,
  textStyle: { fontFamily: CJK_FONTS },
  title: { text, left: "center", top: 4, textStyle: { fontSize: 14 } },
});
/** Zeros are left unlabelled (a stack of "0" blobs on an empty category reads as data). */
const nonZero = (point: { value: unknown }) => (point.value ? String(point.value) : "");
const labels = (table: StatTable) => table.rows.filter((row) => !row.total).map((row) => row.label);

function bar(
  table: StatTable,
  text: string,
  series: string[],
  opts: { stack?: boolean; rotate?: number } = {},
) {
  return {
    ...base(text),
    legend: { top: 30 },
    grid: { left: opts.rotate ? 96 : 48, right: 16, top: 68, bottom: opts.rotate ? 100 : 40 },
    xAxis: { type: "category", data: labels(table), axisLabel: { interval: 0, rotate: opts.rotate ?? 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((name) => ({
      type: "bar",
      name,
      data: columnValues(table, name),
      label: { show: true, position: opts.stack ? "inside" : "top", formatter: nonZero },
      ...(opts.stack ? { stack: "all" } : {}),
    })),
  };
}

/** 十一类特殊困难学生: aided and not aided per category (stacked bars). */
export function specialGroupChart(table: StatTable): ChartSpec {
  const label = "特殊群体学生资助情况柱状图（已资助与未资助人数）";
  return {
    key: "special-bar",
    label,
    tableKey: table.key,
    option: bar(table, "特殊群体学生资助情况", ["已资助", "未资助"], { stack: true, rotate: 35 }),
    width: 760,
    height: 380,
  };
}

/** Students and person-times by stage. */
export function stageChart(table: StatTable): ChartSpec {
  return {
    key: "stage-bar",
    label: "按学段受助人数与人次柱状图",
    tableKey: table.key,
    option: bar(table, "按学段受助人数与人次", ["受助人数", "受助人次"]),
    width: 560,
    height: 320,
  };
}

/** Students and person-times by child region (or school). */
export function areaChart(table: StatTable, areaHeader: string): ChartSpec {
  return {
    key: "area-bar",
    label: `按${areaHeader}受助人数与人次柱状图`,
    tableKey: table.key,
    option: bar(table, `按${areaHeader}受助人数与人次`, ["受助人数", "受助人次"], { rotate: 20 }),
    width: 560,
    height: 340,
  };
}

/** Aided students by level (pie). */
export function levelChart(table: StatTable): ChartSpec {
  const values = columnValues(table, "受助人数");
  const names = labels(table);
  return {
    key: "level-pie",
    label: "受助学生认定等级饼图（受助人数）",
    tableKey: table.key,
    option: {
      ...base("受助学生认定等级分布"),
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          name: "受助人数",
          radius: ["0%", "60%"],
          center: ["50%", "52%"],
          label: { formatter: "{b}：{c}人" },
          data: names.map((name, i) => ({ name, value: values[i] })),
        },
      ],
    },
    width: 560,
    height: 320,
  };
}

/** Students and person-times by term (line). */
export function trendChart(table: StatTable): ChartSpec {
  return {
    key: "trend-line",
    label: "历学期受助人数与人次折线图",
    tableKey: table.key,
    option: {
      ...base("历学期受助人数与人次"),
      legend: { top: 30 },
      grid: { left: 48, right: 24, top: 68, bottom: 40 },
      xAxis: { type: "category", data: labels(table) },
      yAxis: { type: "value", minInterval: 1 },
      series: ["受助人数", "受助人次"].map((name) => ({
        type: "line",
        name,
        data: columnValues(table, name),
        label: { show: true },
      })),
    },
    width: 560,
    height: 320,
  };
}

/** The numbers a chart draws, in order, for checking them against its table. */
export function chartData(spec: ChartSpec): number[][] {
  const series = spec.option.series as { data: (number | { value: number })[] }[];
  return series.map((one) => one.data.map((point) => (typeof point === "number" ? point : point.value)));
}
