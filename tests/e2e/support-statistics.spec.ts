import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { downloadedRows, inkedPixels, tableRows } from "./charts";
import { staffPage } from "./helpers";

test("a city supervisor opens the support statistics: charts agree with their tables, the export downloads", async ({
  browser,
}) => {
  const page = await staffPage(browser, "sup_guangzhou");
  await page.getByRole("link", { name: "技术支持统计" }).click();
  await expect(page.getByRole("heading", { name: /^技术支持统计：广州市 \d{4}年$/, level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // The category chart is an SVG image named in Chinese; its bars carry the table's non-zero figures.
  const categoryTable = page.getByTestId("table-category");
  const rows = await tableRows(categoryTable);
  expect(rows.map((row) => row[0])).toEqual(["应用类问题", "技术类问题", "用户申请", "需求建议", "合计"]);
  const total = Number(rows.at(-1)!.at(-1));
  expect(total).toBeGreaterThan(0);
  const chart = page.getByRole("img", { name: "按问题类别和处理层级的问题数柱状图" });
  const svgTexts = await chart.locator("svg text").allTextContents();
  for (const text of ["技术类问题", "学校", "区县", "地市"]) expect(svgTexts).toContain(text);
  const figures = rows
    .slice(0, -1)
    .flatMap((row) => row.slice(1, -1))
    .filter((cell) => cell !== "0")
    .sort();
  const labels = svgTexts.filter((text) => /^\d+$/.test(text));
  for (const figure of figures) expect(labels).toContain(figure);
  expect(await inkedPixels(chart)).toBeGreaterThan(2000);

  // The month table and its charts: this year's months, the year's total equals the category total.
  const monthRows = await tableRows(page.getByTestId("table-month"));
  expect(monthRows.at(-1)![0]).toBe("全年");
  expect(Number(monthRows.at(-1)![1])).toBe(total);
  for (const name of ["按月问题数、已答复数与已办结数柱状图", "按月首次答复与办结用时中位数（小时）折线图"])
    await expect(page.getByRole("img", { name })).toBeVisible();

  // The export of the category table has the page's figures.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出按问题类别和处理层级统计（.xlsx）" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^按问题类别和处理层级统计-广州市-\d{4}年\.xlsx$/);
  const sheet = await downloadedRows(
    download,
    path.join(await mkdtemp(path.join(tmpdir(), "e2e-support-stats-")), "category.xlsx"),
  );
  expect(sheet[0]).toEqual(["问题类别", "学校", "区县", "地市", "省级", "合计"]);
  expect(sheet.find((row) => row[0] === "合计")!.map(String)).toEqual(rows.at(-1));

  // By keyboard: choose the year and send the form.
  await page.getByLabel("年份").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "查询" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/year=\d{4}/);
  await expect(page.getByTestId("table-category")).toBeVisible();
  await page.context().close();
});

test("the 学段 filter narrows the progress list and the queue; the city's queue is grouped by 学段", async ({
  browser,
}) => {
  const page = await staffPage(browser, "sup_guangzhou");
  await page.goto("/console/support/progress");
  const status = page.getByRole("status");
  const all = Number((await status.innerText()).match(/共 (\d+) 个问题/)![1]);
  expect(all).toBeGreaterThan(1);
  const form = page.getByRole("form", { name: "筛选" });
  await form.getByLabel("学段").selectOption({ label: "小学" });
  await form.getByRole("button", { name: "筛选" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/stage=PRIMARY/);
  const primary = Number((await status.innerText()).match(/共 (\d+) 个问题/)![1]);
  expect(primary).toBeGreaterThan(0);
  expect(primary).toBeLessThan(all);
  const subjects = await page.locator("tbody tr td:first-child a").allInnerTexts();
  expect(subjects.length).toBe(primary);
  for (const subject of subjects) expect(subject).toContain("-小学-");
  await expectNoAxeViolations(page);

  await page.goto("/console/support/queue");
  await expect(page.getByRole("heading", { name: /（\d+ 个）$/, level: 2 }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("form", { name: "筛选" }).getByLabel("学段").selectOption({ label: "初中" });
  await page.getByRole("form", { name: "筛选" }).getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/stage=JUNIOR/);
  for (const heading of await page.getByRole("heading", { level: 2 }).allInnerTexts())
    expect(heading).toMatch(/^初中（\d+ 个）$/);
  await page.context().close();
});
