import { describe, expect, it } from "vitest";
import {
  areaTable,
  columnValues,
  coverageRate,
  specialGroupTable,
  stageTable,
  tableAsSheetRows,
  type AidProgrammeRow,
  type SpecialGroupRow,
} from "@/lib/domain/statistics";
import { CHART_CACHE_ENTRIES, cachedChartCount, renderChartSvg } from "@/lib/charts/render-svg";
import { areaChart, chartData, levelChart, stageChart } from "@/lib/domain/statistics-charts";
import { levelTable } from "@/lib/domain/statistics";

const special = (category: string, stage: string, fields: Partial<SpecialGroupRow>): SpecialGroupRow => ({
  area: "a",
  stage,
  category,
  listed: 0,
  enrolled: 0,
  applied: 0,
  determined: 0,
  aided: 0,
  noAidWaived: 0,
  noAidLeftSchool: 0,
  noAidAidedElsewhere: 0,
  noAidNotEligible: 0,
  noAidOther: 0,
  noAidUnreported: 0,
  ...fields,
});
const programme = (stage: string, level: string, fields: Partial<AidProgrammeRow>): AidProgrammeRow => ({
  area: "a",
  stage,
  programmeId: "p",
  level,
  persons: 0,
  personTimes: 0,
  amountFen: 0,
  paidFen: 0,
  ...fields,
});

describe("应助尽助率", () => {
  it("is aided over enrolled with two decimals, and a dash when nobody is enrolled", () => {
    expect(coverageRate(2, 3)).toBe("66.67%");
    expect(coverageRate(3, 3)).toBe("100.00%");
    expect(coverageRate(0, 0)).toBe("—");
  });
});

describe("十一类特殊困难学生综合统计", () => {
  const rows = [
    special("ORPHAN", "PRIMARY", { listed: 2, enrolled: 2, aided: 1, noAidWaived: 1 }),
    special("ORPHAN", "JUNIOR", { listed: 1, enrolled: 1, aided: 1 }),
    special("MINIMUM_LIVING", "PRIMARY", { listed: 1, enrolled: 1, noAidUnreported: 1 }),
    // one student in both categories: the total counts them once
    special("ALL", "PRIMARY", { listed: 2, enrolled: 2, aided: 1, noAidUnreported: 1 }),
    special("ALL", "JUNIOR", { listed: 1, enrolled: 1, aided: 1 }),
  ];
  const table = specialGroupTable(rows);

  it("lists the eleven national categories, sums stages, and takes the total from the distinct rows", () => {
    expect(table.rows).toHaveLength(12);
    const orphan = table.rows.find((row) => row.key === "ORPHAN")!;
    expect(orphan.cells.slice(0, 7)).toEqual([3, 3, 0, 0, 2, 1, 1]);
    expect(orphan.cells.at(-1)).toBe("66.67%");
    const total = table.rows.at(-1)!;
    expect(total.label).toBe("合计（去重）");
    expect(total.cells.slice(0, 6)).toEqual([3, 3, 0, 0, 2, 1]);
  });

  it("shows the local categories only where someone is listed", () => {
    expect(table.rows.some((row) => row.key === "MARTYR_CHILD")).toBe(false);
    const local = specialGroupTable([special("MARTYR_CHILD", "SENIOR", { listed: 1 })]);
    expect(local.rows.map((row) => row.label)).toContain("烈士子女");
  });
});

describe("受助情况统计", () => {
  const students = [
    { area: "a", stage: "PRIMARY", level: "SPECIAL", persons: 2 },
    { area: "b", stage: "JUNIOR", level: "UNDETERMINED", persons: 1 },
  ];
  const programmes = [
    programme("PRIMARY", "SPECIAL", { persons: 2, personTimes: 2, amountFen: 100_000, paidFen: 50_000 }),
    programme("JUNIOR", "UNDETERMINED", { area: "b", persons: 1, personTimes: 2, amountFen: 125_050 }),
  ];

  it("groups 小学 and 初中 as 义教 and sums every stage in 学段汇总", () => {
    const table = stageTable(students, programmes);
    expect(table.rows.find((row) => row.label === "义教")!.cells).toEqual([3, 4, 225_050, 50_000]);
    expect(table.rows.at(-1)!.cells).toEqual([3, 4, 225_050, 50_000]);
    expect(tableAsSheetRows(table).find((row) => row[0] === "义教")).toEqual(["义教", 3, 4, 2250.5, 500]);
  });

  it("breaks a region down by its areas, naming schools of the region itself 本级直属", () => {
    const table = areaTable(
      [{ key: "a", label: "天河区", href: "/x" }],
      students,
      programmes,
      "下级行政区划",
    );
    expect(table.rows.map((row) => row.label)).toEqual(["天河区", "本级直属", "区域汇总"]);
    expect(table.rows[0]!.cells).toEqual([2, 2, 100_000, 50_000]);
  });

  it("draws the charts from the table's own columns", () => {
    const stage = stageTable(students, programmes);
    expect(chartData(stageChart(stage))).toEqual([
      columnValues(stage, "受助人数"),
      columnValues(stage, "受助人次"),
    ]);
    const level = levelTable(students, programmes);
    expect(chartData(levelChart(level))).toEqual([[2, 0, 0, 0, 1]]);
  });
});

describe("charts rendered to SVG on the server", () => {
  const table = stageTable(
    [{ area: "a", stage: "PRIMARY", level: "SPECIAL", persons: 2 }],
    [programme("PRIMARY", "SPECIAL", { persons: 2, personTimes: 3, amountFen: 100 })],
  );

  it("draws CJK text in well-formed attributes (a quoted font family once broke the style attribute)", () => {
    const svg = renderChartSvg(stageChart(table));
    expect(svg).toMatch(/<text[^>]*>义教<\/text>/);
    expect(svg).toContain("font-family:'Noto Sans CJK SC'");
    for (const [, style] of svg.matchAll(/style="([^"]*)"/g)) expect(style).not.toMatch(/:\s*$/);
  });

  it("escapes the labels it writes (a region or school name is data)", () => {
    const hostile = areaTable([{ key: "a", label: '<img src=x onerror="alert(1)">' }], [], [], "学校");
    const svg = renderChartSvg(areaChart(hostile, "学校"));
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;img");
  });

  it("renders a spec once while it is recent, a changed figure anew, and keeps a bounded number", () => {
    const first = renderChartSvg(stageChart(table));
    const count = cachedChartCount();
    expect(renderChartSvg(stageChart(table))).toBe(first);
    expect(cachedChartCount()).toBe(count);
    const changed = stageTable(
      [{ area: "a", stage: "PRIMARY", level: "SPECIAL", persons: 7 }],
      [programme("PRIMARY", "SPECIAL", { persons: 7, personTimes: 9, amountFen: 100 })],
    );
    const redrawn = renderChartSvg(stageChart(changed));
    expect(redrawn).not.toBe(first);
    expect(redrawn).toMatch(/>7</);
    for (let n = 0; n < CHART_CACHE_ENTRIES + 5; n++)
      renderChartSvg(areaChart(areaTable([{ key: "a", label: `区${n}` }], [], [], "学校"), "学校"));
    expect(cachedChartCount()).toBe(CHART_CACHE_ENTRIES);
  });
});
