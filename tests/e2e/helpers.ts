import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";

export type LoginKind = "学生" | "家长" | "教职工";

export async function signIn(page: Page, kind: LoginKind, identifier: string, password: string) {
  await page.goto("/login");
  await page.getByRole("tab", { name: kind }).click();
  await page.locator('input[name="identifier"]').fill(identifier);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** The page's own alerts (not Next's route announcer, which also has role=alert). */
export const alerts = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');

export async function expectSignInError(page: Page, text: string | RegExp) {
  await expect(alerts(page)).toContainText(text);
  await expect(page).toHaveURL(/\/login/);
}

/**
 * A full mainland mobile number standing on its own in a page's HTML. Bounded by non-alphanumerics, so the
 * random hex of a server-action id ("…c137710244083aee…") is not taken for one.
 */
export const FULL_MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;

/** A fresh browser context signed in as the demo staff account `username`, on the console home. */
export async function staffPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "教职工", username, DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  return page;
}

/** The admin records the school committee's review, then the leader signs the results off. */
export async function recordSchoolCommitteeAndSignOff(admin: Page, leader: Page) {
  await admin.goto("/console/determination/process");
  await admin.getByLabel("环节", { exact: true }).selectOption({ label: "校级认定小组审核" });
  await admin.getByLabel("小组成员（不少于3人，用顿号分隔）").fill("张校长、李主任、王老师");
  await admin.getByLabel("审核意见").fill("审核通过，同意报校长签字");
  await admin.getByRole("button", { name: "记录" }).click();
  await expect(admin.getByRole("status")).toContainText("已记录审核环节");
  await leader.goto("/console/determination/process");
  await leader.getByRole("button", { name: "签字确认认定结果" }).click();
  await expect(leader.getByRole("status")).toContainText("已签字确认");
}

/** Ticks `option` (是/否) in the household form's yes-or-no question named by `question`. */
export async function answerYesNo(page: Page, question: RegExp, option: "是" | "否") {
  await page.getByRole("radiogroup", { name: question }).getByLabel(option).check();
}

/**
 * 满意度调查与回访 before the school publicity (lib/services/follow-up.ts): the admin draws the sample (unless a
 * contact was recorded already) and records a satisfied phone contact for every sampled student not yet contacted.
 */
export async function completeFollowUp(admin: Page) {
  await admin.goto("/console/determination/survey");
  const draw = admin.getByRole("button", { name: /抽取样本/ });
  if (await draw.count()) {
    admin.once("dialog", (dialog) => dialog.accept());
    await draw.click();
    await expect(admin.getByRole("status")).toContainText("已抽取样本");
  }
  const open = admin.getByTestId("sampled-student").filter({ hasText: "未联系" });
  for (let left = await open.count(); left > 0; left--) {
    const row = open.first();
    await row.locator("summary").click();
    await row.getByRole("button", { name: "保存联系记录" }).click();
    await expect(admin.getByTestId("sampled-student").filter({ hasText: "未联系" })).toHaveCount(left - 1);
  }
  await expect(admin.getByTestId("follow-up-problem")).toContainText("可以进行学校公示");
}
