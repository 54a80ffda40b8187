/**
 * The school admin's audit-log search (lib/security/audit.ts) on the real app: sign-in
 * failures of the school's staff are found by who and what; other roles
 * cannot open the page; bad filters get a Chinese message.
 */
import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { alerts, signIn } from "./helpers";

test("an admin finds a colleague's failed sign-in in the school's audit log", async ({ page }) => {
  await signIn(page, "教职工", "teacher_sen2", "Wrong-password-1");
  await expect(alerts(page)).toContainText("账号或密码错误");

  await page.context().clearCookies();
  await signIn(page, "教职工", "admin_sen", DEMO.staffPassword);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "审计日志" }).click();
  await expect(page.getByRole("heading", { name: "审计日志" })).toBeVisible();
  // The admin's own sign-in is there.
  await expect(page.getByRole("region", { name: "查询结果" })).toContainText("登录成功");

  await page.getByLabel("操作人").fill("teacher_sen2");
  // Chosen by its Chinese name: no code to type.
  await page.getByLabel("操作类型").selectOption({ label: "登录失败" });
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/actor=teacher_sen2/);
  const results = page.getByRole("region", { name: "查询结果" });
  await expect(results).toContainText("登录失败");
  await expect(results).toContainText("原因：密码错误");
  await expect(results).not.toContainText("wrong_password");
  await expect(results).not.toContainText("auth.sign_in_failed");
  await expect(results.getByRole("row")).not.toHaveCount(1);

  await page.goto("/console/admin/audit?from=2026-05-10&to=2026-05-01");
  await expect(alerts(page).first()).toContainText("开始日期不能晚于结束日期");
});

test("a teacher cannot open the audit log", async ({ page }) => {
  await signIn(page, "教职工", "teacher_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole("link", { name: "审计日志" })).toHaveCount(0);
  await page.goto("/console/admin/audit");
  await expect(page.getByRole("heading", { name: "无权访问该页面" })).toBeVisible();
});
