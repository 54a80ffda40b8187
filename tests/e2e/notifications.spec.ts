import { devices, expect, test, type Page } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { expectNoAxeViolations } from "./axe";
import { alerts, signIn, staffPage } from "./helpers";

/**
 * Notifications as their users meet them: teacher_jun returns 赵子涵's application; the parent (赵立华) on a
 * phone finds the notice on the home page with the reason and the deadline (delivered by the background job),
 * marks it read from the keyboard in 消息通知, follows its link, fixes and resubmits. The school admin searches
 * the school's 发送记录 and is told which placeholder of a wording is unknown. Leaves 赵子涵's application
 * submitted again (tests/e2e/teacher.spec.ts starts from there, and changes the income to 18000).
 */
const child = DEMO.parent3.child;
const REASON = "请补充户口本户主页的照片";

/** Reloads until the delivery job has put the notice in the inbox (it runs every few seconds). */
async function untilDelivered(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 3_000] });
}

test("a returned application reaches the parent's inbox on a phone with reason and deadline; the parent follows it, fixes and resubmits", async ({
  browser,
}) => {
  // 1. The class teacher returns the application.
  const teacher = await staffPage(browser, "teacher_jun");
  await teacher.goto("/console/teacher/applications");
  await teacher.getByRole("link", { name: /^已提交，待班主任核实/ }).click();
  await teacher.getByRole("link", { name: new RegExp(`核实\\s*${child.name}的申请`) }).click();
  await teacher.getByLabel("退回原因", { exact: true }).fill(REASON);
  await teacher.getByRole("button", { name: "退回修改" }).click();
  await expect(teacher.getByTestId("application-state")).toHaveText("已退回修改");
  // (notiftodos: the teacher's to-do count before/after the resubmission is asserted here.)
  await teacher.context().close();

  // 2. The parent, on a phone, sees the notice on the home page.
  const phone = await browser.newContext({ ...devices["Pixel 7"] });
  const parent = await phone.newPage();
  await signIn(parent, "家长", DEMO.parent3.phone, DEMO.parent3.password);
  await expect(parent).toHaveURL(/\/portal$/);
  const summary = parent.getByTestId("inbox-summary");
  await untilDelivered(parent, () => expect(summary).toContainText(REASON));
  await expect(summary).toContainText(`${child.name}的资助申请已被退回修改`);
  await expect(summary).toContainText(/请在\d{4}-\d{2}-\d{2} \d{2}:\d{2}前修改并重新提交/);
  await expect(summary.getByTestId("unread-count")).toBeVisible();
  await expectNoAxeViolations(parent);

  // 3. 消息通知: the notice is unread; marked read from the keyboard; its link leads to the application.
  await summary.getByRole("link", { name: "全部通知" }).click();
  await expect(parent).toHaveURL(/\/portal\/notifications$/);
  const notice = parent.getByTestId("inbox-item").filter({ hasText: REASON });
  await expect(notice).toHaveAttribute("data-read", "no");
  await expectNoAxeViolations(parent);
  await notice.getByRole("button", { name: /标为已读/ }).focus();
  await parent.keyboard.press("Enter");
  await expect(notice).toHaveAttribute("data-read", "yes");
  await notice.getByRole("link", { name: "查看详情" }).click();
  await expect(parent).toHaveURL(/\/portal\/apply\/[a-z0-9]+$/);
  await expect(parent.getByTestId("application-state")).toHaveText("已退回修改");

  // 4. The parent fixes and resubmits.
  const base = parent.url().replace(/\/$/, "");
  await parent.goto(`${base}/household`);
  await parent.getByLabel("家庭年总收入（元）", { exact: true }).fill("20000");
  await parent.getByRole("button", { name: "保存草稿" }).click();
  await expect(parent.getByRole("status")).toContainText("已保存");
  await parent.goto(`${base}/submit`);
  await parent.getByLabel("我已阅读并同意以上承诺").check();
  await parent.getByRole("button", { name: "签署承诺并提交申请" }).click();
  await expect(parent).toHaveURL(/\/timeline\?submitted=1/);

  // 5. The parent's own 发送记录 lists the notice as delivered to the inbox.
  await parent.goto("/portal/notifications/log");
  await expect(parent.getByRole("row").filter({ hasText: REASON })).toContainText("站内信：已送达");
  await expectNoAxeViolations(parent);
  await phone.close();
});

test("the school admin searches the school's 发送记录 and words a notification; an unknown placeholder is named", async ({
  browser,
}) => {
  const admin = await staffPage(browser, "admin_jun");
  await expect(admin.getByTestId("inbox-summary")).toBeVisible();
  await admin.goto("/console/notifications/log");
  await expect(admin.getByRole("heading", { name: "本校发送记录" })).toBeVisible();
  await admin.getByLabel("通知类型").selectOption({ label: "申请被退回修改" });
  await admin.getByRole("button", { name: "查询" }).click();
  await expect(admin).toHaveURL(/kind=APPLICATION_RETURNED/);
  await expect(admin.getByRole("row").filter({ hasText: REASON }).first()).toContainText("家长");
  await expectNoAxeViolations(admin);

  await admin.goto("/console/notifications/templates");
  const section = admin.getByRole("region", { name: /申请已核实/ });
  await section.getByLabel("通知内容").fill("{student}的申请已核实，{amount}");
  await section.getByRole("button", { name: /保存“申请已核实”模板/ }).click();
  await expect(alerts(admin).filter({ hasText: "{amount}" })).toBeVisible();
  await section.getByLabel("通知内容").fill("{student}的资助申请已核实，请等待学校认定结果。");
  await section.getByRole("button", { name: /保存“申请已核实”模板/ }).click();
  await expect(section.getByRole("status")).toContainText("通知模板已保存");
  await expectNoAxeViolations(admin);
  await admin.context().close();
});
