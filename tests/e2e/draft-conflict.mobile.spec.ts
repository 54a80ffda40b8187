import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { alerts, signIn } from "./helpers";

/** The family members' names as the form shows them. */
const memberNames = (page: Page) =>
  page
    .locator('input[id^="m"][id$="-name"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

/** Adds a family member at the end of the household form. */
async function addMember(page: Page, name: string, relation: string) {
  const i = await page.getByTestId("family-member").count();
  await page.getByRole("button", { name: "＋ 添加家庭成员" }).click();
  await page.locator(`#m${i}-name`).fill(name);
  await page.locator(`#m${i}-relation`).fill(relation);
  await page.locator(`#m${i}-age`).fill("45");
}

test("two tabs editing one draft: the later save from a stale page is refused with a clear message, and nobody's family member is lost", async ({
  page,
}) => {
  const s = DEMO.student;
  await signIn(page, "学生", s.idNumber, s.password);
  await page.getByTestId("child-card").getByRole("link").click();
  await expect(page).toHaveURL(/\/portal\/apply\/[a-z0-9]+$/);
  const base = page.url().replace(/\/$/, "");
  const start = page.getByRole("button", { name: "开始申请" });
  if (await start.count()) {
    await start.click();
    await page.getByRole("button", { name: "信息无误，下一步" }).click();
    await page.getByRole("button", { name: "我已阅读，申请资助" }).click();
    await page.getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "保存，下一步" }).click();
    await expect(page).toHaveURL(/\/household$/);
  }

  // Both tabs open the household step.
  await page.goto(`${base}/household`);
  const second = await page.context().newPage();
  await second.goto(`${base}/household`);
  await expect(second.getByRole("button", { name: "保存草稿" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeEnabled();

  // Tab 1 adds the father and saves.
  await addMember(page, "陈父", "父亲");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status")).toContainText("已保存");
  // Saving again from the same tab is fine: it keeps the new version.
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status")).toContainText("已保存");

  // Tab 2 still shows the page as it was: its save is refused, its typing stays on the page.
  await addMember(second, "陈母", "母亲");
  await second.getByRole("button", { name: "保存草稿" }).click();
  await expect(alerts(second).first()).toContainText("本次保存没有生效");
  await expect(alerts(second).first()).toContainText("另一个窗口");
  expect(await memberNames(second)).toContain("陈母");

  // After reloading, tab 2 sees the father and adds the mother: both are kept.
  await second.reload();
  await expect.poll(() => memberNames(second)).toContain("陈父");
  expect(await memberNames(second)).not.toContain("陈母");
  await addMember(second, "陈母", "母亲");
  await second.getByRole("button", { name: "保存草稿" }).click();
  await expect(second.getByRole("status")).toContainText("已保存");
  await page.reload();
  await expect.poll(() => memberNames(page)).toEqual(expect.arrayContaining(["陈父", "陈母"]));
  await second.close();
});
