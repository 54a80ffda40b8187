import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { readSheetRows } from "@/lib/xlsx";
import { expectNoAxeViolations } from "./axe";
import { inkedPixels, rowFigures } from "./charts";
import { signIn } from "./helpers";

test("a city leader opens the statistics: charts with CJK labels beside their tables, drills into a county by keyboard, downloads the export", async ({
  page,
}) => {
  await signIn(page, "教职工", "sup_guangzhou_lead", DEMO.staffPassword);
  await page.getByRole("link", { name: "资助统计" }).click();
  await expect(page.getByRole("heading", { name: "资助统计：广州市" })).toBeVisible();
  await expect(page.getByTestId("as-of")).toHaveText(/^数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expectNoAxeViolations(page);

  // Each chart is an image named in Chinese, drawn as SVG with CJK text, not blank.
  for (const [name, texts] of [
    ["特殊群体学生资助情况柱状图（已资助与未资助人数）", ["已资助", "孤儿"]],
    ["按学段受助人数与人次柱状图", ["义教", "普高", "中职"]],
    ["按下级行政区划受助人数与人次柱状图", ["天河区", "海珠区"]],
    ["受助学生认定等级饼图（受助人数）", ["特别困难", "未认定"]],
    ["历学期受助人数与人次折线图", ["2025-2026学年春季学期", "2026-2027学年秋季学期"]],
  ] as const) {
    const chart = page.getByRole("img", { name });
    await expect(chart).toBeVisible();
    const svgTexts = await chart.locator("svg text").allTextContents();
    for (const text of texts) expect(svgTexts.join("|")).toContain(text);
    expect(await inkedPixels(chart)).toBeGreaterThan(2000);
  }

  // The stage table's total is what the chart's table says; the export of that table has the same figures.
  // Tests before this one approve rosters, and the rollup job may still be refreshing their figures: compare
  // when the page shows the same total before and after the download (the data did not move in between).
  const stageTable = page.getByTestId("table-stage");
  const downloadStageTotal = async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "导出受助情况统计（按学段）（.xlsx）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^受助情况统计（按学段）-广州市-.*\.xlsx$/);
    const saved = path.join(await mkdtemp(path.join(tmpdir(), "e2e-stats-")), "stage.xlsx");
    await download.saveAs(saved);
    const rows: string[][] = [];
    for await (const row of readSheetRows(saved)) rows.push(row.cells);
    expect(rows[0]).toEqual(["学段", "受助人数", "受助人次", "资助金额（元）", "已发放金额（元）"]);
    return rows
      .find((row) => row[0] === "学段汇总")!
      .slice(1, 5)
      .map(Number);
  };
  let compared = false;
  for (let attempt = 0; attempt < 15 && !compared; attempt++) {
    const before = (await rowFigures(stageTable, "学段汇总")).map(Number);
    expect(before[0]).toBeGreaterThan(0);
    const sheetTotal = await downloadStageTotal();
    await page.reload();
    const after = (await rowFigures(stageTable, "学段汇总")).map(Number);
    if (before.join() !== after.join()) continue;
    expect(sheetTotal).toEqual(before);
    compared = true;
  }
  expect(compared, "the figures kept changing for 15 tries").toBe(true);

  // Keyboard: reach the county's drill-down link in the region table and follow it.
  const county = page.getByTestId("table-area").getByRole("link", { name: "天河区" });
  await county.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "资助统计：天河区" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "行政区划层级" })).toContainText("广州市");
  await expect(page.getByRole("img", { name: "按学校受助人数与人次柱状图" })).toBeVisible();

  // Another city's region by URL: not found, nothing shown.
  const meixian = new URL(page.url());
  meixian.searchParams.set("region", "not-a-region-of-guangzhou");
  await page.goto(meixian.toString());
  await expect(page.getByText("未找到该行政区划，或不在您的管辖范围内。")).toBeVisible();
});
