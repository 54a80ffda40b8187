import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { makeFixtureFiles } from "./fixtures/files";
import { alerts, answerYesNo, signIn } from "./helpers";
import { expectNoAxeViolations } from "./axe";

/**
 * A parent on a phone, from the README alone: 王建国 (13800000001) applies for 王小红 (junior high) for the
 * 寄宿生生活补助. The home card says what to do and by when, the household step is checked when leaving
 * it, the last step links every missing item back to its step, and after submission the steps are
 * read-only with a banner and lead back to 申请记录. Runs after apply.mobile.spec.ts (which may have
 * started 王小红's draft), so it works from either a fresh child or a draft.
 */
const files = makeFixtureFiles();
const shots = path.join("test-results", "portal-loop");
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

test("a parent applies for the boarding subsidy on a phone: told what to do, checked step by step, read-only after submitting", async ({
  page,
}) => {
  const parent = DEMO.parent;
  const child = parent.children[1]; // 王小红, junior high (初一1班)
  await signIn(page, "家长", parent.phone, parent.password);
  await expect(page).toHaveURL(/\/portal$/);

  // Home: the card states the action and the deadline; the school's publicity is linked from here.
  const card = page.getByTestId("child-card").filter({ hasText: child.name });
  await expect(card.getByTestId("child-next-step")).toHaveText(
    /^(尚未申请：请在|草稿未提交：请在) \d{2}-\d{2} \d{2}:\d{2} 前/,
  );
  await expect(page.getByRole("heading", { name: "本校公示" })).toBeVisible();
  await shot(page, "01-home");
  await expectNoAxeViolations(page);
  await card.getByRole("link", { name: "去申请" }).click();

  // Overview: start, or continue the draft another test left.
  await expect(page).toHaveURL(/\/portal\/apply\/[^/]+$/);
  await expect(page.getByTestId("application-state")).toBeVisible();
  const start = page.getByRole("button", { name: "开始申请" });
  if (await start.isVisible()) await start.click();
  else await page.getByRole("link", { name: /确认学籍/ }).click();
  await expect(page).toHaveURL(/\/confirm$/);
  const base = page.url().replace(/\/confirm$/, "");
  await page.getByRole("button", { name: "信息无误，下一步" }).click();
  await expect(page).toHaveURL(/\/policy$/);
  await page.getByRole("button", { name: "我已阅读，申请资助" }).click();
  await expect(page).toHaveURL(/\/programmes$/);
  await page.getByRole("checkbox", { name: /寄宿生生活补助（初中）/ }).check();
  await page.getByRole("button", { name: "保存，下一步" }).click();
  await expect(page).toHaveURL(/\/household$/);

  // Household: required fields are marked; leaving the step empty keeps the parent here and names what is missing.
  await expect(page.getByText("的为必填项")).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: /是否在学校寄宿/ })).toBeVisible();
  await page.getByRole("button", { name: "保存，下一步" }).click();
  await expect(alerts(page).filter({ hasText: "还有必填项没有填写" })).toBeVisible();
  await expect(alerts(page).filter({ hasText: "请选择家庭居住地（城镇或农村）" })).toBeVisible();
  await expect(alerts(page).filter({ hasText: "请选择孩子是否在校寄宿" })).toBeVisible();
  await expect(page).toHaveURL(/\/household$/);
  await shot(page, "02-household-checked");
  await expectNoAxeViolations(page);

  // The last step lists what is missing, each linking back to its step.
  await page.goto(`${base}/submit`);
  const missing = page.getByTestId("missing-items");
  await expect(missing).toContainText("城镇/农村");
  await shot(page, "03-submit-missing");
  await expectNoAxeViolations(page);
  await missing.getByRole("link", { name: "去“家庭经济情况”修改" }).first().click();
  await expect(page).toHaveURL(/\/household$/);

  // A wrong amount says what is wrong with it.
  await page.getByLabel("家庭年总收入（元）").fill("1000000000000");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(alerts(page).filter({ hasText: "家庭年总收入不能超过2000万元" })).toBeVisible();

  await page.getByLabel("家庭居住地（城镇/农村）").selectOption({ label: "农村" });
  await page.getByLabel("户籍所在地（区县）").selectOption({ label: "广东省 梅州市 梅县区" });
  await page.getByLabel("家庭年总收入（元）").fill("24000");
  await page.getByLabel("家庭人口数").fill("4");
  await answerYesNo(page, /国家机关/, "否");
  await answerYesNo(page, /稳定收入/, "否");
  await answerYesNo(page, /是否在学校寄宿/, "是");
  if ((await page.getByTestId("family-member").count()) === 0) {
    await page.getByRole("button", { name: "＋ 添加家庭成员" }).click();
    await page.locator("#m0-name").fill("王建国");
    await page.locator("#m0-relation").fill("父亲");
    await page.locator("#m0-work").selectOption("务农");
    await page.locator("#m0-income").fill("24000");
  }
  // A sudden event has a date.
  await page.getByRole("button", { name: "＋ 添加突发事件" }).click();
  const eventIndex = (await page.locator('[id$="-date"]').count()) - 1;
  await page.locator(`#e${eventIndex}-kind`).selectOption({ label: "自然灾害" });
  await page.locator(`#e${eventIndex}-amount`).fill("8000");
  await page.getByRole("button", { name: "保存，下一步" }).click();
  await expect(alerts(page).filter({ hasText: "请填写事件发生日期" })).toBeVisible();
  await page.locator(`#e${eventIndex}-date`).fill("2026-06-18");
  await page.getByRole("button", { name: "保存，下一步" }).click();
  await expect(page).toHaveURL(/\/evidence$/);

  // An empty (0-byte) PDF is called empty, not "no file chosen".
  const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aid-e2e-")), "空白.pdf");
  fs.writeFileSync(empty, "");
  await page.getByLabel("材料用途").selectOption({ label: "家庭收入证明" });
  await page.getByLabel("选择文件").setInputFiles(empty);
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(alerts(page).filter({ hasText: "所选文件是空的（0字节）" }).first()).toBeVisible();
  await page.getByLabel("材料用途").selectOption({ label: "家庭收入证明" });
  await page.getByLabel("选择文件").setInputFiles(files.pdf);
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("上传成功");
  await page.getByRole("link", { name: "下一步：诚信承诺并提交" }).click();

  await expect(page).toHaveURL(/\/submit$/);
  await expect(page.getByTestId("missing-items")).toHaveCount(0);
  await page.getByLabel("我已阅读并同意以上承诺").check();
  await page.getByRole("button", { name: "签署承诺并提交申请" }).click();
  await expect(page).toHaveURL(/\/timeline\?submitted=1$/);
  await expect(page.getByRole("status")).toContainText("申请已提交");
  await shot(page, "04-submitted");

  // "Back" neither offers the commitment form again nor shows a stale editable step.
  await page.goBack();
  await expect(page).not.toHaveURL(/\/submit$/);
  await expect(page.getByTestId("read-only-banner")).toContainText("已提交，如需修改请先撤回");

  // After submission: read-only steps with a banner; back leads to 申请记录.
  await page.goto(`${base}/household`);
  await expect(page.getByTestId("read-only-banner")).toContainText("已提交，如需修改请先撤回");
  await expect(page.getByLabel("家庭年总收入（元）")).toBeDisabled();
  await expect(page.getByRole("button", { name: "保存，下一步" })).toHaveCount(0);
  await shot(page, "05-read-only");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "← 返回申请记录" }).click();
  await expect(page).toHaveURL(/\/timeline$/);

  // The home card shows the new state at once.
  await page.getByRole("link", { name: "学生资助申报" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(card.getByTestId("child-next-step")).toContainText("已提交：等待班主任核实");
  await expect(card.getByRole("link", { name: "查看申请" })).toBeVisible();
  await shot(page, "06-home-after");

  // Withdrawing (to change something) shows at once on the overview and the home card.
  await card.getByRole("link", { name: "查看申请" }).click();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "撤回申请" }).click();
  await expect(page.getByTestId("application-state")).toHaveText("已撤回");
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(card.getByTestId("child-next-step")).toContainText("申请已撤回：如需申请，请在");
  await expect(card.getByRole("link", { name: "去申请" })).toBeVisible();
});
