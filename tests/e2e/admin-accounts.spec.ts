import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { alerts, signIn } from "./helpers";
import { expectNoAxeViolations } from "./axe";

test("the aid officer creates a teacher whose initial password must be changed, then disables the account", async ({
  page,
  browser,
}) => {
  await signIn(page, "教职工", "admin_jun", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole("link", { name: "账号管理" }).click();
  const create = page.getByRole("region", { name: "新建账号" });
  await create.getByLabel("姓名").fill("赵老师");
  await create.getByLabel("登录名").fill("zhao_e2e");
  await create.getByRole("button", { name: "创建账号" }).click();
  const message = create.getByRole("status");
  await expect(message).toContainText("初始密码");
  const password = /初始密码：([A-Za-z0-9]{10})/.exec((await message.textContent()) ?? "")?.[1];
  expect(password).toBeTruthy();

  const other = await browser.newPage();
  await signIn(other, "教职工", "zhao_e2e", password!);
  await expect(other).toHaveURL(/\/change-password/);

  page.on("dialog", (d) => void d.accept());
  // The list's row is text and one link; the account's operations are on its own page.
  const row = page.getByRole("row", { name: /赵老师/ });
  await expect(row.getByRole("button")).toHaveCount(0);
  await row.getByRole("link", { name: /管理.*赵老师/ }).click();
  await expect(page).toHaveURL(/\/console\/admin\/accounts\/[^/?#]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "赵老师" })).toBeVisible();
  await expect(page.getByText("状态：待修改初始密码")).toBeVisible();
  const classes = page.getByRole("region", { name: "负责班级" });
  await expect(classes).toContainText("尚未分配班级");
  const classSelect = classes.getByRole("combobox", { name: "为赵老师分配班级" });
  const classLabel = (await classSelect.locator("option").first().textContent())!.trim();
  await classes.getByRole("button", { name: "分配" }).click();
  await expect(classes.getByRole("status")).toContainText("已分配班级");
  await expect(classes.getByText(classLabel, { exact: true })).toBeVisible();
  await expect(classes.getByRole("button", { name: "取消" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "停用账号" }).click();
  await expect(page.getByText("状态：已停用")).toBeVisible();
  await page.getByRole("link", { name: "← 账号管理" }).click();
  const listed = page.getByRole("row", { name: /赵老师/ });
  await expect(listed.getByRole("cell", { name: "已停用", exact: true })).toBeVisible();
  await expect(listed.getByRole("cell", { name: classLabel, exact: true })).toBeVisible();

  await signIn(other, "教职工", "zhao_e2e", password!);
  await expect(alerts(other)).toBeVisible();
  await expect(other).toHaveURL(/\/login/);
  await other.close();
});

test("an unknown staff account answers 404 on its page", async ({ page }) => {
  await signIn(page, "教职工", "admin_jun", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  const response = await page.goto("/console/admin/accounts/no-such-account");
  expect(response?.status()).toBe(404);
});

test("the admin forms render styled inputs, not a client-module function, in their class attributes", async ({
  page,
}) => {
  await signIn(page, "教职工", "admin_jun", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  for (const path of [
    "/console/admin/accounts",
    "/console/admin/structure",
    "/console/admin/special-groups",
  ]) {
    const html = await (await page.request.get(path)).text();
    expect(html, path).not.toContain("Attempted to call");
    await page.goto(path);
    const select = page.locator("select").first();
    await expect(select, path).toHaveClass(/rounded-md border/);
  }
});
