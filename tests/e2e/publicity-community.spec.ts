import { devices, expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { completeFollowUp, recordSchoolCommitteeAndSignOff, signIn, staffPage } from "./helpers";
import { expectNoAxeViolations } from "./axe";

/**
 * The junior school (admin_jun, leader_jun) publicises its results; a parent of the school community
 * (赵立华) finds the publicity from the home page, files an objection, and later reads the school's
 * answer to it on the same page. Someone else's objection is never shown to her.
 */
test("a parent finds the school's publicity from her home page, objects, and reads the school's answer", async ({
  browser,
}) => {
  const admin = await staffPage(browser, "admin_jun");
  const leader = await staffPage(browser, "leader_jun");
  await recordSchoolCommitteeAndSignOff(admin, leader);
  // The junior school's sample (applicants determined 不困难, a special-group student who waived) is followed up.
  await completeFollowUp(admin);
  await admin.goto("/console/determination/publicity");
  await admin.getByRole("button", { name: "预览公示名单" }).click();
  // The seeded junior school still has undetermined applications (赵子涵's is submitted): acknowledge them.
  await expect(admin.getByTestId("pending-warning")).toContainText(/尚未认定/);
  await admin.getByRole("checkbox", { name: /已知晓/ }).check();
  await admin.getByRole("button", { name: "确认发布公示" }).click();
  await expect(admin.getByRole("status")).toContainText(/已发布公示（\d+人）/);

  // The parent, on her phone: the home page links the school's current publicity.
  const phone = await (await browser.newContext({ ...devices["Pixel 7"], locale: "zh-CN" })).newPage();
  const p = DEMO.parent3;
  await signIn(phone, "家长", p.phone, p.password);
  await expect(phone).toHaveURL(/\/portal$/);
  const section = phone.getByRole("region", { name: "本校公示" });
  await expect(section).toContainText("公示中");
  await section.getByRole("link").first().click();
  await expect(phone).toHaveURL(/\/publicity\/[a-z0-9]+$/);
  await expect(phone.getByRole("heading", { level: 1 })).toContainText("公示");

  await phone.getByLabel("异议内容").fill("名单中有同学家里今年新买了小汽车，请核实");
  await phone.getByRole("button", { name: "提交异议" }).click();
  await expect(phone.getByRole("status")).toContainText("异议已提交");
  const mine = phone.getByRole("region", { name: "我提出的异议" });
  await expect(mine.getByTestId("own-objection")).toContainText("新买了小汽车");
  await expect(mine).toContainText("学校正在调查核实");
  await expectNoAxeViolations(phone);

  // The school answers; the filer reads the answer where she filed it.
  await admin.goto("/console/determination/publicity");
  await admin.getByRole("link", { name: "异议处理" }).first().click();
  const card = admin.locator("article").filter({ hasText: "新买了小汽车" });
  await card.getByLabel("调查处理结果").fill("经入户核实，该车为亲属借用，维持原认定结果。");
  await card.getByRole("button", { name: "提交处理结果" }).click();
  await expect(admin.getByText("处理结果：经入户核实")).toBeVisible();

  await phone.reload();
  await expect(mine).toContainText("学校答复");
  await expect(mine).toContainText("经入户核实，该车为亲属借用，维持原认定结果。");

  // Another member of the community sees the list, not her objection.
  const other = await (await browser.newContext({ ...devices["Pixel 7"], locale: "zh-CN" })).newPage();
  await signIn(other, "家长", DEMO.parent.phone, DEMO.parent.password);
  await other.getByRole("region", { name: "本校公示" }).getByRole("link").first().click();
  await expect(other).toHaveURL(/\/publicity\/[a-z0-9]+$/);
  await expect(other.getByText("新买了小汽车")).toHaveCount(0);
  await expect(other.getByRole("region", { name: "我提出的异议" })).toHaveCount(0);
});
