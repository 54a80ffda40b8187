import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { alerts, signIn } from "./helpers";

test("a senior-high student activates the account on a phone and signs in", async ({ page }) => {
  const s = DEMO.unactivatedStudent;
  await page.goto("/login");
  await page.getByRole("link", { name: "学生首次使用：激活账号" }).click();

  // A mismatch says to contact the class teacher and does not say which field was wrong.
  await page.getByLabel("姓名", { exact: true }).fill(s.name + "某");
  await page.getByLabel("身份证号", { exact: true }).fill(s.idNumber);
  await page.getByLabel("学校发放的验证码", { exact: true }).fill(s.accessCode);
  await page.getByLabel("设置密码", { exact: true }).fill("Qingnian2026");
  await page.getByLabel("确认密码", { exact: true }).fill("Qingnian2026");
  await page.getByRole("button", { name: "激活账号" }).click();
  await expect(alerts(page)).toContainText("请核对后重试，或联系班主任核对学籍信息");

  // Name, ID number and 学籍号 (G + the ID number) are not enough: a wrong school code gets the same answer.
  await page.getByLabel("姓名", { exact: true }).fill(s.name);
  await page.getByLabel("学校发放的验证码", { exact: true }).fill("ABCD-EFGH");
  await page.getByLabel("设置密码", { exact: true }).fill("Qingnian2026");
  await page.getByLabel("确认密码", { exact: true }).fill("Qingnian2026");
  await page.getByRole("button", { name: "激活账号" }).click();
  await expect(alerts(page)).toContainText("请核对后重试，或联系班主任核对学籍信息");

  await page.getByLabel("学校发放的验证码", { exact: true }).fill(s.accessCode);
  await page.getByLabel("设置密码", { exact: true }).fill("Qingnian2026");
  await page.getByLabel("确认密码", { exact: true }).fill("Qingnian2026");
  await page.getByRole("button", { name: "激活账号" }).click();
  await expect(page).toHaveURL(/\/login\?notice=activated/);

  await signIn(page, "学生", s.studentNo, "Qingnian2026");
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId("child-card")).toContainText(s.name);
});

test("a parent binds another child on a phone; a stranger's mobile cannot", async ({ page }) => {
  await signIn(page, "家长", DEMO.parent.phone, DEMO.parent.password);
  await expect(page.getByTestId("child-card")).toHaveCount(2);
  await page.getByRole("link", { name: "绑定孩子" }).click();
  await page.getByLabel("孩子姓名", { exact: true }).fill(DEMO.parent.unboundChild.name);
  await page.getByLabel("孩子身份证号", { exact: true }).fill("440106201901011234");
  await page.getByLabel("学校发放的验证码", { exact: true }).fill(DEMO.parent.unboundChild.accessCode);
  await page.getByRole("button", { name: "绑定" }).click();
  await expect(page.getByText(/身份证号/).first()).toBeVisible();

  await page.getByLabel("孩子身份证号", { exact: true }).fill(DEMO.parent.unboundChild.idNumber);
  await page.getByRole("button", { name: "绑定" }).click();
  await expect(page.getByRole("status")).toContainText(`已绑定：${DEMO.parent.unboundChild.name}`);
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page.getByTestId("child-card")).toHaveCount(3);

  // A newly registered parent whose mobile the school did not record cannot bind the same child, even with its code.
  await page.context().clearCookies();
  await page.goto("/register");
  await page.getByLabel("家长姓名", { exact: true }).fill("赵冒名");
  await page.getByLabel("手机号", { exact: true }).fill("13912345670");
  await page.getByLabel("设置密码", { exact: true }).fill("Jiazhang2026");
  await page.getByLabel("确认密码", { exact: true }).fill("Jiazhang2026");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/login\?notice=registered/);
  await signIn(page, "家长", "13912345670", "Jiazhang2026");
  await page.getByRole("link", { name: "绑定孩子" }).click();
  await page.getByLabel("孩子姓名", { exact: true }).fill(DEMO.parent.unboundChild.name);
  await page.getByLabel("孩子身份证号", { exact: true }).fill(DEMO.parent.unboundChild.idNumber);
  await page.getByLabel("学校发放的验证码", { exact: true }).fill(DEMO.parent.unboundChild.accessCode);
  await page.getByRole("button", { name: "绑定" }).click();
  await expect(alerts(page)).toContainText("联系孩子的班主任");
});
