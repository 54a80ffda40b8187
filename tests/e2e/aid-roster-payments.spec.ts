import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { alerts, signIn } from "./helpers";

/**
 * What the school's aid officer sees on a roster (seeded junior school, admin_jun): 补录 of a student
 * without a determination needs the explicit exception; a payment of 0 元 is refused; a recorded
 * payment is corrected and reversed with reasons, and the page keeps the whole history.
 */
const PROGRAMME = "义务教育家庭经济困难寄宿生生活补助（初中）";
const child = DEMO.parent2.child; // 刘小禾, junior high, no determination

const row = (page: Page) => page.getByTestId("roster-entry").filter({ hasText: child.name });

test("补录 exception, payment refusal, correction and reversal on the roster page", async ({ page }) => {
  await signIn(page, "教职工", "admin_jun", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);

  await page.goto("/console/rosters");
  const programme = page.getByRole("region", { name: PROGRAMME });
  // confirmations (regenerate, reverse) are accepted
  page.on("dialog", (d) => void d.accept());
  await programme.getByRole("button", { name: /生成候选名单|重新生成名单/ }).click();
  await expect(programme.getByRole("status")).toContainText(/已生成名单：\d+人/);
  await page.reload();
  await page.getByRole("region", { name: PROGRAMME }).getByRole("link", { name: "查看名单" }).click();
  await expect(page.getByTestId("roster-state")).toContainText("草稿");

  // 补录 without a determination: refused until the exception is ticked
  await page.getByLabel("学籍号").fill(`G${child.idNumber}`);
  await page.getByLabel("金额（元）", { exact: true }).fill("625");
  await page.getByLabel("补录原因").fill("转入学生，原校已认定困难");
  await page.getByRole("button", { name: "补录学生" }).click();
  await expect(alerts(page)).toContainText("没有认定结果");
  await expect(alerts(page)).toContainText("按例外情况补录");
  await expect(row(page)).toHaveCount(0);
  await page.getByRole("checkbox", { name: /按例外情况补录/ }).check();
  await page.getByRole("button", { name: "补录学生" }).click();
  await expect(row(page)).toContainText("例外补录");

  // A refusal shown by one form goes away once another form has changed the roster (it used to stay).
  const addForm = page.locator("form").filter({ has: page.getByRole("button", { name: "补录学生" }) });
  await page.getByRole("button", { name: "补录学生" }).click(); // the same student again: refused
  await expect(addForm.getByRole("alert")).toBeVisible();
  await row(page).getByRole("button", { name: "移出" }).click();
  await expect(row(page)).toHaveCount(0);
  await expect(addForm.getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "补录学生" }).click();
  await expect(row(page)).toContainText("例外补录");

  await page.getByRole("button", { name: "审核通过并锁定名单" }).click();
  await expect(page.getByTestId("roster-state")).toContainText("已审核通过（锁定）");

  // a payment of 0 元 is refused, the standard is accepted
  await row(page).getByLabel(`${child.name}实发金额（元）`).fill("0");
  await row(page).getByRole("button", { name: "登记发放" }).click();
  await expect(alerts(page)).toContainText("实发金额应大于0元");
  await row(page).getByLabel(`${child.name}实发金额（元）`).fill("625");
  await row(page).getByRole("button", { name: "登记发放" }).click();
  await expect(row(page)).toContainText("发放625.00元");

  // correction: a reason is required; the original stays in the history
  await row(page).getByText("更正或冲销").click();
  await row(page).getByLabel(`${child.name}更正后的实发金额（元）`).fill("600");
  await row(page).getByRole("button", { name: "更正金额" }).click();
  await expect(alerts(page)).toContainText("更正原因");
  await row(page).getByLabel(`${child.name}更正原因`).fill("银行回单为600元，登记有误");
  await row(page).getByRole("button", { name: "更正金额" }).click();
  await expect(row(page)).toContainText("发放600.00元");
  const history = row(page).getByTestId("payment-history");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText("发放 625.00 元");
  await expect(history.nth(1)).toContainText("更正 625.00 → 600.00 元，原因：银行回单为600元，登记有误");

  // reversal, keyboard only: open the disclosure, type the reason, confirm
  await page.reload();
  await row(page).getByText("更正或冲销").focus();
  await page.keyboard.press("Enter");
  await row(page).getByLabel(`${child.name}冲销原因`).focus();
  await page.keyboard.type("该生已转学，资金退回");
  await page.keyboard.press("Enter");
  await expect(row(page)).toContainText("未发放");
  await expect(row(page).getByTestId("payment-history")).toHaveCount(3);
  await expect(row(page).getByTestId("payment-history").nth(2)).toContainText(
    "冲销 600.00 元，原因：该生已转学，资金退回",
  );
});
