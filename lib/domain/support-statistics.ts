/**
 * Statistics of the support desk (issue 21 item 8) from one row of facts per problem filed in a region subtree
 * and year: problems per category and level, and per month the median time to the first answer and to
 * closing and the share answered within the deadline (the deadline day is already counted in working days,
 * lib/domain/support.ts supportDeadline). Pure: no I/O.
 */
import type { ChartSpec } from "./statistics-charts";
import { CJK_FONTS } from "./statistics-charts";
import type { StatColumn, StatRow } from "./statistics";
import {
  beijingDay,
  SUPPORT_CATEGORIES,
  SUPPORT_CATEGORY_LABELS,
  SUPPORT_LEVEL_LABELS,
  SUPPORT_LEVELS,
  type SupportCategory,
  type SupportLevel,
} from "./support";

export type SupportFact = {
  category: SupportCategory;
  /** The level that handles (or handled) it last. */
  level: SupportLevel;
  filedAt: Date;
  /** The first reply to the filer by a handler, or the answer, whichever came first. */
  firstAnswerAt: Date | null;
  closedAt: Date | null;
  /** The answer deadline, YYYY-MM-DD (Beijing). */
  deadline: string;
};

export type SupportStatTable = {
  key: "category" | "month";
  title: string;
  note: string;
  columns: StatColumn[];
  rows: StatRow[];
};

const HOUR = 3_600_000;

/** The median of the values (mean of the middle two for an even count), null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const hoursText = (value: number | null) => (value === null ? "—" : (value / HOUR).toFixed(1));

/**
 * Counted for the share in time: answered problems, and unanswered ones whose deadline day is over (late
 * already). In time: the first answer came on or before the deadline day.
 */
export function inTimeShare(facts: readonly SupportFact[], today: string) {
  let due = 0;
  let inTime = 0;
  for (const fact of facts) {
    if (fact.firstAnswerAt) {
      due++;
      if (beijingDay(fact.firstAnswerAt) <= fact.deadline) inTime++;
    } else if (fact.deadline < today) due++;
  }
  return { due, inTime, text: due === 0 ? "—" : `${((inTime * 100) / due).toFixed(1)}%` };
}

export function categoryTable(facts: readonly SupportFact[]): SupportStatTable {
  const count = (category: SupportCategory | null, level: SupportLevel | null) =>
    facts.filter((f) => (!category || f.category === category) && (!level || f.level === level)).length;
  const row = (category: SupportCategory | null): StatRow => ({
    key: category ?? "total",
    label: category ? SUPPORT_CATEGORY_LABELS[category] : "合计",
    cells: [...SUPPORT_LEVELS.map((level) => count(category, level)), count(category, null)],
    ...(category ? {} : { total: true }),
  });
  return {
    key: "category",
    title: "按问题类别和处理层级统计",
    note: "处理层级为问题当前（或办结时）所在的层级：本级解决不了的问题逐级上报。",
    columns: [
      { header: "问题类别", kind: "text" },
      ...SUPPORT_LEVELS.map((level) => ({ header: SUPPORT_LEVEL_LABELS[level], kind: "count" as const })),
      { header: "合计", kind: "count" },
    ],
    rows: [...SUPPORT_CATEGORIES.map(row), row(null)],
  };
}

/** The Beijing month (1–12) of an instant. */
export const beijingMonth = (at: Date) => Number(beijingDay(at).slice(5, 7));

export function monthTable(facts: readonly SupportFact[], months: number, today: string): SupportStatTable {
  const row = (month: number | null): StatRow => {
    const of = month === null ? facts : facts.filter((f) => beijingMonth(f.filedAt) === month);
    const answered = of.filter((f) => f.firstAnswerAt);
    const closed = of.filter((f) => f.closedAt);
    return {
      key: month === null ? "total" : `m${month}`,
      label: month === null ? "全年" : `${month}月`,
      cells: [
        of.length,
        answered.length,
        hoursText(median(answered.map((f) => f.firstAnswerAt!.getTime() - f.filedAt.getTime()))),
        closed.length,
        hoursText(median(closed.map((f) => f.closedAt!.getTime() - f.filedAt.getTime()))),
        inTimeShare(of, today).text,
      ],
      ...(month === null ? { total: true } : {}),
    };
  };
  return {
    key: "month",
    title: "按月统计答复与办结情况",
    note: "按提交月份统计。用时为自然时长（小时）；按期答复率 = 在答复期限（工作日）内首次答复的问题 ÷（已答复的问题 + 已过期限仍未答复的问题）。",
    columns: [
      { header: "月份", kind: "text" },
      { header: "问题数", kind: "count" },
      { header: "已答复", kind: "count" },
      { header: "首次答复用时中位数（小时）", kind: "text" },
      { header: "已办结", kind: "count" },
      { header: "办结用时中位数（小时）", kind: "text" },
      { header: "按期答复率", kind: "rate" },
    ],
    rows: [...Array.from({ length: months }, (_, i) => row(i + 1)), row(null)],
  };
}

const base = (text: string) => ({
  animation: false,
  color: ["#2563eb", "#f59e0b", "#16a34a", "#dc2626", "#7c3aed"],
  textStyle: { fontFamily: CJK_FONTS },
  title: { text, left: "center", top: 4, textStyle: { fontSize: 14 } },
  legend: { top: 30 },
  grid: { left: 48, right: 24, top: 68, bottom: 40 },
  yAxis: { type: "value", minInterval: 1 },
});
const nonZero = (point: { value: unknown }) => (point.value ? String(point.value) : "");
const bodyRows = (table: SupportStatTable) => table.rows.filter((row) => !row.total);
const column = (table: SupportStatTable, header: string) => {
  const index = table.columns.findIndex((c) => c.header === header) - 1;
  return bodyRows(table).map((row) => {
    const cell = row.cells[index];
    return typeof cell === "number" ? cell : Number.isFinite(Number(cell)) ? Number(cell) : 0;
  });
};

/** Problems per category, stacked by level (the numbers of the category table). */
export function categoryChart(table: SupportStatTable): ChartSpec {
  return {
    key: "support-category-bar",
    label: "按问题类别和处理层级的问题数柱状图",
    tableKey: "special",
    option: {
      ...base("按问题类别和处理层级的问题数"),
      xAxis: { type: "category", data: bodyRows(table).map((row) => row.label) },
      series: SUPPORT_LEVELS.map((level) => ({
        type: "bar",
        name: SUPPORT_LEVEL_LABELS[level],
        stack: "all",
        data: column(table, SUPPORT_LEVEL_LABELS[level]),
        label: { show: true, position: "inside", formatter: nonZero },
      })),
    },
    width: 620,
    height: 340,
  };
}

/** Problems filed, answered and closed per month (the numbers of the month table). */
export function monthChart(table: SupportStatTable): ChartSpec {
  return {
    key: "support-month-bar",
    label: "按月问题数、已答复数与已办结数柱状图",
    tableKey: "trend",
    option: {
      ...base("按月问题数、已答复数与已办结数"),
      xAxis: { type: "category", data: bodyRows(table).map((row) => row.label) },
      series: ["问题数", "已答复", "已办结"].map((name) => ({
        type: "bar",
        name,
        data: column(table, name),
        label: { show: true, position: "top", formatter: nonZero },
      })),
    },
    width: 720,
    height: 340,
  };
}

/** Median hours to the first answer and to closing per month (0 where a month has none). */
export function medianChart(table: SupportStatTable): ChartSpec {
  return {
    key: "support-median-line",
    label: "按月首次答复与办结用时中位数（小时）折线图",
    tableKey: "trend",
    option: {
      ...base("按月首次答复与办结用时中位数（小时）"),
      xAxis: { type: "category", data: bodyRows(table).map((row) => row.label) },
      series: ["首次答复用时中位数（小时）", "办结用时中位数（小时）"].map((name) => ({
        type: "line",
        name,
        data: column(table, name),
        label: { show: true },
      })),
    },
    width: 720,
    height: 340,
  };
}
