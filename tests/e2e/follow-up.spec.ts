/**
 * 满意度调查与回访 and 资助资金追回 as the demo's users meet them (lib/db/seed/follow-up.ts): teacher_pri records, by
 * keyboard, the contact of the one sampled student of their class not yet reached (a date in the future is
 * refused first); admin_pri answers the open re-investigation and the page then says the school publicity may
 * start; admin_pri records recoveries (above what is due is refused, the rest closes the record); sup_tianhe
 * sees the closed record, sup_haizhu nothing. Every page passes axe-core.
 */
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { alerts, staffPage } from "./helpers";

test("满意度调查与回访: the teacher records a contact, the admin answers the re-investigation", async ({
  browser,
}) => {
  const teacher = await staffPage(browser, "teacher_pri");
  await teacher.getByRole("link", { name: "满意度调查与回访" }).first().click();
  await expect(teacher.getByRole("heading", { level: 1 })).toContainText("满意度调查与回访");
  const open = teacher.getByTestId("sampled-student").filter({ hasText: "未联系" });
  await expect(open).toHaveCount(1);
  const name = (await open.locator("td").first().innerText()).trim();
  await expectNoAxeViolations(teacher);

  const row = teacher.getByTestId("sampled-student").filter({ hasText: name });
  await row.locator("summary").focus();
  await teacher.keyboard.press("Enter");
  await row.getByLabel("联系日期").fill("2099-01-01");
  await row.getByLabel("联系方式").selectOption({ label: "家访" });
  await row.getByLabel("情况记录（不超过500字）").fill("到家中告知认定结果，家长表示理解");
  await row.getByRole("button", { name: "保存联系记录" }).focus();
  await teacher.keyboard.press("Enter");
  await expect(alerts(teacher).filter({ hasText: "联系日期不能晚于今天" })).toBeVisible();
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await row.getByLabel("联系日期").fill(today);
  await row.getByRole("button", { name: "保存联系记录" }).focus();
  await teacher.keyboard.press("Enter");
  await expect(teacher.getByTestId("sampled-student").filter({ hasText: "未联系" })).toHaveCount(0);
  await expect(row.getByTestId("contact")).toContainText("家访：满意");

  const admin = await staffPage(browser, "admin_pri");
  await admin.goto("/console/determination/survey");
  await expect(admin.getByTestId("follow-up-problem")).toContainText("还有1项不满意的重新调查尚未答复");
  await expect(admin.getByTestId("sample-seed")).toContainText("d3m0f011u9202611");
  await expect(admin.getByRole("button", { name: /抽取样本/ })).toHaveCount(0);
  await expectNoAxeViolations(admin);
  await admin
    .getByLabel("重新调查结果与解释情况")
    .fill("重新入户核实：家庭收入未下降，已向家长说明认定依据，家长表示理解");
  await admin.getByRole("button", { name: "答复重新调查" }).click();
  await expect(admin.getByTestId("follow-up-problem")).toContainText("可以进行学校公示");
  await expect(admin.getByTestId("contact").filter({ hasText: "不满意" })).toContainText("学校答复");
});

test("资助资金追回: the school records recoveries up to the amount due; the county sees them", async ({
  browser,
}) => {
  const admin = await staffPage(browser, "admin_pri");
  await admin.getByRole("link", { name: "资助资金追回" }).first().click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("资助资金追回");
  await expect(admin.getByTestId("recovery-row")).toHaveCount(1);
  await expectNoAxeViolations(admin);
  const summary = await admin.getByTestId("recovery-summary").innerText();
  const remaining = /尚未追回 ([\d.]+) 元/.exec(summary)![1]!;
  const row = admin.getByTestId("recovery-row");
  await row.getByLabel("追回金额（元）").fill(String(Number(remaining) + 1));
  await row.getByRole("button", { name: /登记/ }).click();
  await expect(alerts(admin).filter({ hasText: "追回金额不能超过尚未追回的" })).toBeVisible();
  await row.getByLabel("追回金额（元）").fill(remaining);
  await row.getByLabel("备注").fill("家长退回余款");
  await row.getByRole("button", { name: /登记/ }).click();
  await expect(admin.getByTestId("recovery-summary")).toContainText("共 0 笔");
  await admin.getByRole("link", { name: "已追回", exact: true }).click();
  await expect(admin.getByTestId("recovery-row")).toContainText("已全部追回");
  await expect(admin.getByTestId("recovery-row")).toContainText("家长退回余款");

  const county = await staffPage(browser, "sup_tianhe");
  await county.getByRole("link", { name: "资助资金追回" }).first().click();
  await county.getByRole("link", { name: "全部", exact: true }).click();
  await expect(county.getByTestId("recovery-row").filter({ hasText: "龙洞小学" })).toContainText(
    "已全部追回",
  );
  await expect(county.getByRole("button", { name: /登记/ })).toHaveCount(0);
  await expectNoAxeViolations(county);

  const other = await staffPage(browser, "sup_haizhu");
  await other.goto("/console/supervisor/recoveries?state=all");
  await expect(other.getByTestId("recovery-row").filter({ hasText: "龙洞小学" })).toHaveCount(0);
});
