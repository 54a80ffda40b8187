import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./helpers";

test("a county supervisor creates a school aid officer's account by keyboard; the one-time password signs in", async ({
  page,
  browser,
}) => {
  await signIn(page, "教职工", "sup_tianhe", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole("link", { name: "下级账号管理" }).click();
  await expect(page.getByRole("heading", { name: "下级账号管理" })).toBeVisible();
  await expectNoAxeViolations(page);

  const create = page.getByRole("region", { name: "新建账号" });
  const unit = create.getByLabel("所属单位");
  const school = await unit.locator('option[value^="school:"]').first().getAttribute("value");
  // A county creates school accounts only: no duty to choose, no region of its own or above on offer.
  await expect(create.getByLabel("岗位")).toHaveCount(0);
  await expect(unit.locator('option[value^="region:"]')).toHaveCount(0);
  await unit.focus();
  await unit.selectOption(school!);
  await page.keyboard.press("Tab");
  await page.keyboard.type("孙老师");
  await page.keyboard.press("Tab");
  await page.keyboard.type("sun_e2e_admin");
  await page.keyboard.press("Enter");
  const message = create.getByRole("status");
  await expect(message).toContainText("初始密码");
  const password = /初始密码：([A-Za-z0-9]{10})/.exec((await message.textContent()) ?? "")?.[1];
  expect(password).toBeTruthy();
  await expect(page.getByRole("row", { name: /sun_e2e_admin/ })).toContainText("待首次登录改密");

  const officer = await browser.newPage();
  await signIn(officer, "教职工", "sun_e2e_admin", password!);
  await expect(officer).toHaveURL(/\/change-password/);
  await officer.close();
});

test("a school's account request is approved by its county, and the school sees the outcome", async ({
  page,
  browser,
}) => {
  await signIn(page, "教职工", "sup_tianhe", DEMO.staffPassword);
  await page.getByRole("link", { name: "用户申请" }).click();
  await expect(page.getByRole("heading", { name: "待审批的下级申请" })).toBeVisible();
  await expectNoAxeViolations(page);
  const row = page.getByRole("row", { name: /admin_sen2/ });
  await row.getByRole("button", { name: /^同意/ }).click();
  await expect(row.getByRole("status")).toContainText("初始密码");

  // axe needs a page of its own context.
  const school = await (await browser.newContext()).newPage();
  await signIn(school, "教职工", "admin_sen", DEMO.staffPassword);
  await school.getByRole("link", { name: "用户申请" }).click();
  await expect(school.getByRole("row", { name: /admin_sen2/ })).toContainText("已同意");
  await expectNoAxeViolations(school);
  await school.close();
});

test("a county supervisor adds a school to the registry and exports it", async ({ page }) => {
  await signIn(page, "教职工", "sup_tianhe", DEMO.staffPassword);
  await page.getByRole("link", { name: "学校与行政区划" }).click();
  await expect(page.getByRole("heading", { name: "学校与行政区划" })).toBeVisible();
  await expectNoAxeViolations(page);
  const form = page.getByRole("region", { name: "新增或修改学校" });
  await form.getByLabel("学校标识码").fill("4401069901");
  await form.getByLabel("学校名称").fill("天河区端到端小学");
  await form.getByLabel("学段").fill("小学、初中");
  await form.getByLabel("是否村小").selectOption("是");
  await form.getByRole("button", { name: "保存学校" }).click();
  await expect(form.getByRole("status")).toContainText("已新增学校 4401069901");
  await expect(page.getByRole("row", { name: /4401069901/ })).toContainText("小学、初中");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出学校名录（.xlsx）" }).click();
  expect((await download).suggestedFilename()).toMatch(/^学校名录-.*\.xlsx$/);
});
