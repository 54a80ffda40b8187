import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { alerts, expectSignInError, signIn } from "./helpers";

test.describe("each demo role signs in and reaches its home", () => {
  test("student by ID number → portal with their enrolment", async ({ page }) => {
    await signIn(page, "学生", DEMO.student.idNumber, DEMO.student.password);
    await expect(page).toHaveURL(/\/portal$/);
    await expect(page.getByRole("heading", { name: "我的学籍信息" })).toBeVisible();
    await expect(page.getByTestId("child-card")).toContainText(DEMO.student.name);
  });

  test("student by 学籍号", async ({ page }) => {
    await signIn(page, "学生", DEMO.student.studentNo, DEMO.student.password);
    await expect(page).toHaveURL(/\/portal$/);
  });

  test("parent by mobile → portal with bound children", async ({ page }) => {
    await signIn(page, "家长", DEMO.parent.phone, DEMO.parent.password);
    await expect(page).toHaveURL(/\/portal$/);
    await expect(page.getByRole("heading", { name: "我的孩子" })).toBeVisible();
    await expect(page.getByTestId("child-card")).toHaveCount(2);
  });

  for (const [username, heading] of [
    ["teacher_sen", "班主任工作台"],
    ["admin_sen", "学校资助管理员工作台"],
    ["leader_sen", "校领导工作台"],
    ["sup_tianhe", "主管部门工作台"],
  ] as const) {
    test(`${username} → console`, async ({ page }) => {
      await signIn(page, "教职工", username, DEMO.staffPassword);
      await expect(page).toHaveURL(/\/console$/);
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    });
  }

  test("the supervisor sees the schools of the region", async ({ page }) => {
    await signIn(page, "教职工", "sup_tianhe", DEMO.staffPassword);
    await expect(page.getByRole("region", { name: "学校概况" })).toContainText("广州市天河中学");
    await expect(page.getByRole("region", { name: "学校概况" })).toContainText("广州市天河区龙洞小学");
  });
});

test("a wrong password shows the Chinese error", async ({ page }) => {
  await signIn(page, "教职工", "admin_sen", "Wrong-password-1");
  await expectSignInError(page, "账号或密码错误，请核对后重试。");
});

test("five wrong passwords lock the account for 15 minutes, even against the right password", async ({
  page,
}) => {
  for (let i = 0; i < 4; i++) {
    await signIn(page, "教职工", "teacher_voc2", `Wrong-password-${i}`);
    await expectSignInError(page, "账号或密码错误");
  }
  await signIn(page, "教职工", "teacher_voc2", "Wrong-password-5");
  await expectSignInError(page, /账号已锁定，请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）后再试/);
  await signIn(page, "教职工", "teacher_voc2", DEMO.staffPassword);
  await expectSignInError(page, "账号已锁定");
});

test("a staff user with an initial password must change it before anything else", async ({ page }) => {
  await signIn(page, "教职工", DEMO.newTeacher.username, DEMO.newTeacher.password);
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(alerts(page)).toContainText("您正在使用初始密码");

  await page.goto("/console");
  await expect(page).toHaveURL(/\/change-password$/);

  await page.getByLabel("当前密码", { exact: true }).fill(DEMO.newTeacher.password);
  await page.getByLabel("新密码", { exact: true }).fill("12345678");
  await page.getByLabel("确认新密码", { exact: true }).fill("12345678");
  await page.getByRole("button", { name: "修改密码" }).click();
  // The server's answer on the field (not the hint under it, which names the rule too).
  await expect(page.getByRole("textbox", { name: "新密码", exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(alerts(page).filter({ hasText: /同时包含英文字母和数字|常见密码/ })).toHaveCount(1);

  await page.getByLabel("当前密码", { exact: true }).fill(DEMO.newTeacher.password);
  await page.getByLabel("新密码", { exact: true }).fill("Tianhe2026new");
  await page.getByLabel("确认新密码", { exact: true }).fill("Tianhe2026new");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-changed/);
  await expect(page.getByRole("status")).toContainText("密码已修改");

  await signIn(page, "教职工", DEMO.newTeacher.username, "Tianhe2026new");
  await expect(page).toHaveURL(/\/console$/);
});

test.describe("pages are protected on the server", () => {
  test("signed out → sign-in page", async ({ page }) => {
    await page.goto("/console");
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/portal");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a teacher opening the portal and a student opening the console get the 403 page", async ({
    page,
  }) => {
    await signIn(page, "教职工", "teacher_sen", DEMO.staffPassword);
    await expect(page).toHaveURL(/\/console$/);
    await page.goto("/portal");
    await expect(page.getByRole("heading", { name: "无权访问该页面" })).toBeVisible();

    await page.context().clearCookies();
    await signIn(page, "学生", DEMO.student.idNumber, DEMO.student.password);
    await expect(page).toHaveURL(/\/portal$/);
    await page.goto("/console");
    await expect(page.getByRole("heading", { name: "无权访问该页面" })).toBeVisible();
  });

  test("an unknown page shows the Chinese 404 without internals", async ({ page }) => {
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  });
});

test("退出所有设备 ends the account's sessions on every device", async ({ browser }) => {
  const phone = await browser.newContext();
  const laptop = await browser.newContext();
  const a = await phone.newPage();
  const b = await laptop.newPage();
  await signIn(a, "教职工", "admin_pri", DEMO.staffPassword);
  await signIn(b, "教职工", "admin_pri", DEMO.staffPassword);
  await expect(a).toHaveURL(/\/console$/);
  await expect(b).toHaveURL(/\/console$/);

  await a.getByRole("button", { name: "退出所有设备" }).click();
  await expect(a).toHaveURL(/\/login\?notice=signed-out/);
  await b.reload();
  await expect(b).toHaveURL(/\/login\?notice=expired$/);
  await expect(b.getByRole("status")).toContainText("登录已失效");
  await phone.close();
  await laptop.close();
});
