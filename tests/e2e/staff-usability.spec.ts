/**
 * The school loop as its staff meet it (desktop): the class teacher's call list with the full mobile on
 * one click (audited, never in the page's HTML), the teacher's and the admin's application pages (family
 * cards, evidence, 其他说明), the leader's sub-navigation without dead links, the 403 page for bureau
 * staff, icons and robots.txt, and the class export's frozen header row. axe-core on each changed page.
 */
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { FULL_MOBILE, staffPage } from "./helpers";
import { expectNoAxeViolations } from "./axe";

test("the class teacher phones the families who have not applied: full number on one click, audited", async ({
  browser,
}) => {
  const teacher = await staffPage(browser, "teacher_sen");
  await teacher.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "联系家长" }).click();
  await expect(teacher.getByRole("heading", { name: "联系家长" })).toBeVisible();
  // The navigation (one client component, components/console/console-nav.tsx) marks the current page.
  const nav = teacher.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "联系家长" })).toHaveAttribute("aria-current", "page");
  await expect(nav.locator("[aria-current]")).toHaveCount(1);
  await expect(teacher.getByTestId("call-summary")).toContainText(/未开始 \d+，草稿 \d+，已退回 \d+/);
  const rows = teacher.getByTestId("call-row");
  expect(await rows.count()).toBeGreaterThan(0);
  await expectNoAxeViolations(teacher);
  // Only masked numbers in what the server sent.
  const html = await (await teacher.request.get(teacher.url())).text();
  expect(html).not.toMatch(FULL_MOBILE);

  const first = rows.first();
  const name = (await first.locator("strong").innerText()).trim();
  await first
    .getByRole("button", { name: /显示完整号码/ })
    .first()
    .click();
  const phone = first.getByTestId("full-phone");
  await expect(phone).toHaveText(/^1[3-9]\d{9}/);
  expect(await phone.getAttribute("href")).toMatch(/^tel:1[3-9]\d{9}$/);

  // The aid office sees who looked at which number.
  const admin = await staffPage(browser, "admin_sen");
  await admin.goto("/console/admin/audit");
  await admin.getByLabel("操作类型").selectOption({ label: "查看监护人完整手机号" });
  await admin.getByRole("button", { name: "查询" }).click();
  const results = admin.getByRole("region", { name: "查询结果" });
  await expect(results).toContainText("查看监护人完整手机号");
  await expect(results).toContainText("监护人");
  await expect(results).not.toContainText("guardian.");
  await expectNoAxeViolations(admin);
  expect(name.length).toBeGreaterThan(0);
});

test("the teacher's application page shows each family member as a card with age and occupation", async ({
  browser,
}) => {
  const teacher = await staffPage(browser, "teacher_sen");
  await teacher.goto("/console/teacher/applications?state=submitted");
  const exportHref = await teacher.getByRole("link", { name: "导出 Excel（当前筛选）" }).getAttribute("href");
  await teacher.getByTestId("monitor-row").getByRole("link", { name: /核实/ }).first().click();
  await expect(teacher.getByRole("heading", { name: /的申请$/ })).toBeVisible();
  // A parent's card (the first member is the student): relation, name, age, occupation, work.
  const member = teacher.getByTestId("family-member").nth(1);
  await expect(member).toContainText("年龄");
  await expect(member).toContainText("职业");
  await expect(member).toContainText("工作状况");
  await expect(teacher.getByRole("region", { name: "佐证材料" })).toBeVisible();
  await expectNoAxeViolations(teacher);

  // The class export: header row frozen.
  const res = await teacher.request.get(exportHref!);
  expect(res.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as never);
  expect(wb.worksheets[0]!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
});

test("the admin reviews with the evidence and the applicant's 其他说明 in view", async ({ browser }) => {
  const admin = await staffPage(browser, "admin_sen");
  await admin.goto("/console/determination?state=verified");
  await admin.getByTestId("queue-row").first().getByRole("link", { name: "查看与认定" }).click();
  await expect(admin.getByTestId("applicant-statement")).toContainText("其他说明");
  await expect(admin.getByRole("heading", { name: /^佐证材料（\d+ 份）$/ })).toBeVisible();
  await expectNoAxeViolations(admin);
});

test("the leader's sub-navigation links only to pages the leader may open; refused pages answer 403 saying whom to ask", async ({
  browser,
}) => {
  const leader = await staffPage(browser, "leader_sen");
  await leader.goto("/console/determination");
  const links = leader.getByRole("navigation", { name: "认定工作" }).getByRole("link");
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  expect(hrefs).not.toContain("/console/determination/publicity");
  expect(hrefs).not.toContain("/console/determination/export");
  for (const href of hrefs) {
    const res = await leader.request.get(href, { maxRedirects: 0 });
    expect(res.status(), href).toBe(200);
  }

  const refused = await leader.goto("/console/determination/publicity");
  expect(refused!.status()).toBe(403);
  await expect(leader.getByRole("heading", { name: "无权访问该页面" })).toBeVisible();
  await expect(leader.getByText(/学校资助管理员/)).toBeVisible();
  await expect(leader.locator("body")).not.toContainText("联系班主任");
  await expectNoAxeViolations(leader);

  const bureau = await staffPage(browser, "sup_tianhe");
  const res = await bureau.goto("/console/determination");
  expect(res!.status()).toBe(403);
  await expect(bureau.locator("body")).toContainText("本单位的系统管理员");
  await expect(bureau.locator("body")).not.toContainText("联系班主任");
});

test("every page has its icon; robots.txt keeps the system out of search engines", async ({ page }) => {
  await page.goto("/login");
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  for (const path of ["/favicon.ico", "/icon.svg", "/apple-touch-icon.png"]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(/^image\//);
  }
  const robots = await page.request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain("Disallow: /");
});

test("the special-group page (with its name check) is accessible", async ({ browser }) => {
  const admin = await staffPage(browser, "admin_sen");
  await admin.goto("/console/admin/special-groups");
  await expect(admin.getByRole("heading", { name: "特殊群体名单与大数据比对" })).toBeVisible();
  await expectNoAxeViolations(admin);
});
