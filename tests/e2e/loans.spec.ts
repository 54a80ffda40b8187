import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { buildResidentId } from "@/lib/domain/id-number";
import {
  LOAN_COLUMNS,
  REPAYMENT_COLUMNS,
  type LoanRowValues,
  type RepaymentRowValues,
} from "@/lib/domain/loans";
import { createSheetWriter } from "@/lib/xlsx";
import { expectNoAxeViolations } from "./axe";
import { inkedPixels } from "./charts";
import { staffPage } from "./helpers";

async function sheet(name: string, headers: string[], rows: string[][]): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "e2e-loans-")), name);
  const out = createWriteStream(file);
  const writer = createSheetWriter(out, {
    name: "Sheet1",
    columns: headers.map((header) => ({ header, text: true })),
  });
  for (const row of rows) writer.addRow(row);
  await writer.finish();
  if (!out.writableFinished) await once(out, "finish");
  return file;
}

const loanFile = (name: string, rows: LoanRowValues[]) =>
  sheet(
    name,
    LOAN_COLUMNS.map((column) => column.names[0]),
    rows.map((row) => LOAN_COLUMNS.map((column) => row[column.key])),
  );
const repaymentFile = (name: string, rows: RepaymentRowValues[]) =>
  sheet(
    name,
    REPAYMENT_COLUMNS.map((column) => column.names[0]),
    rows.map((row) => REPAYMENT_COLUMNS.map((column) => row[column.key])),
  );

const stamp = Date.now().toString(36).toUpperCase();
const loan = (i: number, amount: string): LoanRowValues => ({
  academicYear: "2026-2027",
  studentName: `贷款学生${i}`,
  idType: "居民身份证",
  idNumber: buildResidentId("440104", `2007-0${i}-1${i}`, 300 + i, i % 2 ? "MALE" : "FEMALE"),
  institutionCode: "4144010561",
  institutionName: "华南理工大学",
  institutionCategory: "本科院校",
  level: "本专科",
  contractNo: `E2E${stamp}-${i}`,
  bank: "国家开发银行广东省分行",
  amount,
  grantedOn: "2026-10-15",
  loanType: "生源地",
});

/** Uploads a file on the loans page as the operator and waits for the job's end. */
async function upload(page: Page, kind: "贷款信息" | "还款信息", file: string, imported: string) {
  await page.goto("/console/supervisor/loans");
  await page.getByLabel("导入内容").selectOption({ label: kind });
  if (kind === "贷款信息") await page.getByLabel(/贷款学年/).selectOption({ label: "2026-2027学年" });
  await page.getByLabel("选择文件（.xlsx）").setInputFiles(file);
  await page.getByRole("button", { name: "开始导入" }).click();
  const result = page.getByRole("region", { name: "导入结果" });
  await expect(result.getByText(/导入完成/)).toBeVisible({ timeout: 60_000 });
  await expect(result.getByTestId("count-已导入（待审核）")).toHaveText(imported);
  await expect(result.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
}

/** The leader approves the whole import of `fileName` from its line, by keyboard. */
async function approveImport(page: Page, fileName: string) {
  await page.goto("/console/supervisor/loans");
  const line = page.getByRole("row").filter({ hasText: fileName });
  const approve = line.getByRole("button", { name: /审核通过/ });
  await approve.focus();
  await page.keyboard.press("Enter");
  // Decided: the line has nothing pending any more, so its review buttons are gone.
  await expect(line.getByRole("button", { name: /审核通过/ })).toHaveCount(0);
  await expect(line.getByText(/^0 \/ /)).toBeVisible();
}

test("the province imports a year, the leader refuses one record and approves the rest, the corrected record and repayments follow", async ({
  browser,
}) => {
  const operator = await staffPage(browser, "sup_guangdong");
  const leader = await staffPage(browser, "sup_guangdong_lead");
  const rows = [loan(1, "20000"), loan(2, "12000"), loan(3, "8000.50")];

  // The operator imports the year (the template's columns; the progress bar reaches the end).
  await operator.getByRole("link", { name: "国家助学贷款" }).click();
  await expect(operator.getByRole("heading", { name: "国家助学贷款", level: 1 })).toBeVisible();
  await expectNoAxeViolations(operator);
  await upload(operator, "贷款信息", await loanFile(`贷款-${stamp}.xlsx`, rows), "3");

  // The leader refuses record 2 with a comment on the records page, then approves the rest of the import.
  await leader.goto(`/console/supervisor/loans/records?contractNo=${rows[1]!.contractNo}`);
  await expect(leader.getByRole("heading", { name: /贷款记录（共 1 条）/ })).toBeVisible();
  await expectNoAxeViolations(leader);
  await leader
    .getByLabel("审核意见（不通过时必填）")
    .first()
    .fill("发放金额与银行台账不符，请核对后重新导入");
  await leader
    .getByRole("button", { name: /审核不通过/ })
    .first()
    .click();
  await expect(leader.getByRole("cell", { name: /审核不通过\s*发放金额与银行台账不符/ })).toBeVisible();
  await expect(leader.getByRole("button", { name: /审核不通过/ })).toHaveCount(0);
  await approveImport(leader, `贷款-${stamp}.xlsx`);

  // The operator corrects the refused record and imports it again; the leader approves it.
  await upload(
    operator,
    "贷款信息",
    await loanFile(`更正-${stamp}.xlsx`, [{ ...rows[1]!, amount: "12500" }]),
    "1",
  );
  await approveImport(leader, `更正-${stamp}.xlsx`);

  // Repayments: two of loan 1 (to the second, one at 00:00:00); the leader approves them.
  const repayment = (amount: string, repaidAt: string): RepaymentRowValues => ({
    contractNo: rows[0]!.contractNo,
    studentName: rows[0]!.studentName,
    idType: "",
    idNumber: rows[0]!.idNumber,
    amount,
    repaidAt,
  });
  await upload(
    operator,
    "还款信息",
    await repaymentFile(`还款-${stamp}.xlsx`, [
      repayment("1000.25", "2026-11-01 10:30:15"),
      repayment("500", "2026-11-02 00:00:00"),
    ]),
    "2",
  );
  await approveImport(leader, `还款-${stamp}.xlsx`);

  // The year's totals show the approved amounts only: 20000 + 12500 + 8000.50, repaid 1500.25 — once the
  // rollup job has refreshed the province's loan statistics (lib/db/rollups/loan-stats.ts, seconds).
  await expect(async () => {
    await leader.goto("/console/supervisor/loans");
    await expect(leader.getByTestId("repaid-2026")).toHaveText("1500.25", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(leader.getByTestId("loans-2026")).toHaveText("3");
  await expect(leader.getByTestId("amount-2026")).toHaveText("40500.50");
  await expectNoAxeViolations(leader);

  // The statistics page (tables for now): the year's approved figures and the repayment rate.
  await leader.getByRole("link", { name: "贷款统计与录入进展" }).click();
  const byYear = leader.getByRole("region", { name: "按学年：发放与还款" });
  await expect(byYear.getByRole("row", { name: /2026-2027学年/ })).toContainText("40500.50");
  await expect(byYear.getByRole("row", { name: /2026-2027学年/ })).toContainText("3.70%");
  const chart = byYear.getByRole("img", { name: "各学年贷款发放金额与已还款金额柱状图（元）" });
  await expect(chart).toContainText("2026-2027学年");
  await expect(leader.getByTestId("as-of")).toHaveText(/^数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  // The rate over time: the cumulative rate at the end of 2026 (Beijing time), its chart beside the table.
  const overTime = leader.getByRole("region", { name: /还款率随时间变化/ });
  await expect(overTime.getByRole("row", { name: /2026年/ })).toContainText("1500.25");
  await expect(overTime.getByRole("img", { name: "截至各年末累计还款率折线图（%）" })).toBeVisible();
  expect(await inkedPixels(chart)).toBeGreaterThan(1000);
  await expectNoAxeViolations(leader);

  // A county supervisor is refused.
  const county = await staffPage(browser, "sup_tianhe");
  await county.goto("/console/supervisor/loans");
  await expect(county).toHaveURL(/\/forbidden/);
});
