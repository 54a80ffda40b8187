import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { expectNoAxeViolations } from "./axe";
import { alerts, signIn } from "./helpers";

test("the class teacher prints the class's letters; a parent binds with the code on the letter, a wrong code is refused", async ({
  page,
}) => {
  const p = DEMO.parent4;
  await signIn(page, "教职工", "teacher_jun", DEMO.staffPassword);
  await page.getByRole("link", { name: "告家长书与验证码" }).click();
  await expect(page.getByRole("heading", { name: /致学生家长的一封信/ })).toBeVisible();
  const row = page.getByTestId("letter-row").filter({ hasText: p.child.name });
  await expect(row).toContainText("未发放");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: /为未发放验证码的学生生成告家长书/ }).click();
  await expect(page.getByRole("status")).toContainText("名学生生成验证码");
  const letter = page.getByTestId("letter").filter({ hasText: `尊敬的${p.child.name}同学家长` });
  await expect(letter).toContainText("初一1班");
  await expect(letter).toContainText("/register");
  const code = (await letter.getByTestId("letter-code").innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expectNoAxeViolations(page);
  // On paper only the letters are printed: no navigation, no buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: /^打印（/ })).toBeHidden();
  await expect(letter).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  // After printing the code is no longer shown anywhere: reloading lists the student as issued.
  await page.reload();
  await expect(row).toContainText("已发放");
  await expect(page.getByTestId("letter")).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, "家长", p.phone, p.password);
  await page.getByRole("link", { name: "绑定孩子" }).click();
  await page.getByLabel("孩子姓名", { exact: true }).fill(p.child.name);
  await page.getByLabel("孩子身份证号", { exact: true }).fill(p.child.idNumber);
  await page.getByLabel("学校发放的验证码", { exact: true }).fill("ABCD-EFGH");
  await page.getByRole("button", { name: "绑定" }).click();
  await expect(alerts(page)).toContainText("联系孩子的班主任");

  await page.getByLabel("学校发放的验证码", { exact: true }).fill(code.toLowerCase());
  await page.getByRole("button", { name: "绑定" }).click();
  await expect(page.getByRole("status")).toContainText(`已绑定：${p.child.name}`);

  // The school's record shows who bound the child.
  await page.context().clearCookies();
  await signIn(page, "教职工", "teacher_jun", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console/);
  await page.goto("/letters");
  await page.getByTestId("letter-row").filter({ hasText: p.child.name }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: /账号与家长绑定记录/ })).toBeVisible();
  await expect(page.getByTestId("binding-record")).toContainText("138****0004");
  await expect(page.getByTestId("binding-record")).toContainText("有效");
  await expectNoAxeViolations(page);
});
