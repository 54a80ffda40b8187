import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { expectNoAxeViolations } from "./axe";
import { staffPage } from "./helpers";

/**
 * 受助情况 of the seeded primary school (admin_pri): this term's boarding-subsidy payments as aid records, one
 * reversed; the national export started by keyboard, validated by the worker and downloaded by the school's admin
 * only (docs/aid-records-export.md).
 */
test("the school admin sees this term's aid records and exports them in the national layout", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await staffPage(browser, "admin_pri");
  await admin.goto("/console/rosters");
  await admin.getByRole("link", { name: "查看本学期受助情况（受助记录与导出）" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("受助情况");
  const totals = admin.getByTestId("aid-record-totals");
  await expect(totals).toContainText("已冲销 1 人次");
  const paid = Number(/已发放 (\d+) 人次/.exec((await totals.textContent()) ?? "")?.[1]);
  expect(paid).toBeGreaterThan(0);
  const records = admin.getByRole("region", { name: "本学期受助记录" });
  await expect(records.getByRole("row", { name: /义务教育.*2026-2027学年秋季学期.*已冲销/ })).toBeVisible();
  await expectNoAxeViolations(admin);

  const start = admin.getByRole("button", { name: "开始导出" });
  await start.focus();
  await admin.keyboard.press("Enter");
  await expect(admin.getByText("已开始导出受助情况")).toBeVisible();
  const task = admin.getByTestId("export-task").first();
  await expect(task).toHaveAttribute("data-state", "DONE", { timeout: 60_000 });
  await expect(task.getByTestId("validation-summary")).toContainText("校验通过");
  await expectNoAxeViolations(admin);
  const download = task.getByRole("link", { name: "下载导入文件（.xlsx）" });
  const href = (await download.getAttribute("href"))!;
  const res = await admin.request.get(href);
  expect(res.status()).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.body()) as never);
  const sheet = book.worksheets[0]!;
  expect(sheet.name).toBe("受助情况");
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
    "学校名称",
    "学籍号",
    "姓名",
    "身份证件类型",
    "身份证件号",
    "资助项目名称",
    "资助学年",
    "资助学期",
    "资助月份",
    "资助金额（元）",
    "发放日期",
  ]);
  expect(sheet.rowCount).toBe(1 + paid);

  // Another school's admin cannot fetch the file.
  const other = await staffPage(browser, "admin_jun");
  expect((await other.request.get(href)).status()).not.toBe(200);
});
