import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { expectNoAxeViolations } from "./axe";
import { alerts, signIn } from "./helpers";

test("a county supervisor follows the work progress of its schools, drills into one by keyboard and exports the table", async ({
  page,
}) => {
  await signIn(page, "教职工", "sup_tianhe_lead", DEMO.staffPassword);
  await page.getByRole("link", { name: "工作进展" }).click();
  await expect(page.getByRole("heading", { name: "工作进展", level: 1 })).toBeVisible();
  await expect(page.getByTestId("as-of")).toContainText(/数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  const table = page.getByTestId("progress-table");
  const rows = table.getByTestId("progress-row");
  // 天河区's four demo schools (another test may have added one more).
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  await expect(table.getByRole("link", { name: "广州市天河中学", exact: true })).toBeVisible();
  await expect(page.getByTestId("progress-totals")).toContainText("合计");
  await expectNoAxeViolations(page);
  const names = (await rows.locator("th a").allTextContents()).map((n) => n.trim());

  // Drill into the vocational school with the keyboard: its figures include 中职 在校 / 逾期 / 当期.
  await table.getByRole("link", { name: "广州市天河职业高级中学" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /广州市天河职业高级中学/ })).toBeVisible();
  const figures = page.getByTestId("school-figures");
  await expect(figures).toContainText("在校学生");
  await expect(figures).toContainText("中职逾期");
  await expect(figures).toContainText("中职当期");
  await expectNoAxeViolations(page);

  // Back to the county by the breadcrumb, then the export of the table shown.
  await page.getByRole("navigation", { name: "行政区划层级" }).getByRole("link", { name: "天河区" }).click();
  await expect(page.getByTestId("progress-table")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出本表（.xlsx）" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^工作进展-天河区-.*\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await file.path())!)) as never);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(1).getCell(2).value).toBe("名称");
  const exported: string[] = [];
  sheet.eachRow((row, index) => {
    if (index > 1) exported.push(String(row.getCell(2).value));
  });
  expect(exported).toEqual([...names, "合计"]);
});

test("a county supervisor cannot open another county's progress by changing the address", async ({
  page,
}) => {
  // A 天河区 school's id, as 天河区 sees it.
  await signIn(page, "教职工", "sup_tianhe", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.goto("/console/supervisor/progress");
  const foreign = await page.getByRole("link", { name: "广州市天河中学", exact: true }).getAttribute("href");
  const schoolId = new URL(foreign!, "http://x").searchParams.get("school")!;
  expect(schoolId).toBeTruthy();
  await page.context().clearCookies();

  await signIn(page, "教职工", "sup_haizhu", DEMO.staffPassword);
  await page.getByRole("link", { name: "工作进展" }).click();
  await expect(page.getByRole("link", { name: "广州市海珠区南武实验中学" })).toBeVisible();
  // The junior school is behind schedule: marked by text, not colour alone.
  await expect(page.getByRole("row", { name: /广州市海珠区南武实验中学/ })).toContainText("进度滞后");
  await expect(page.getByTestId("behind-count")).toContainText("进度滞后：1所学校");
  const ownExport = await page.request.get("/console/supervisor/progress/export");
  expect(ownExport.status()).toBe(200);

  await page.goto(`/console/supervisor/progress?school=${schoolId}`);
  await expect(alerts(page)).toContainText("不在本辖区内");
  await expect(page.getByText("广州市天河中学")).toHaveCount(0);
  const refused = await page.request.get(`/console/supervisor/progress/export?school=${schoolId}`);
  expect(refused.status()).toBe(404);
});
