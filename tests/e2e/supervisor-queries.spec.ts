import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { readSheetRows } from "@/lib/xlsx";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./helpers";

test("a county leader opens 本地户籍外地就读, filters by keyboard, opens a history and downloads the export", async ({
  page,
}) => {
  await signIn(page, "教职工", "sup_tianhe_lead", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole("link", { name: "本地户籍外地就读" }).click();
  await expect(page.getByRole("heading", { name: "本地户籍外地就读学生" })).toBeVisible();
  // Default: students on any special-group list registered in 天河区 and studying elsewhere.
  const results = page.getByRole("region", { name: "查询结果" });
  await expect(results.getByRole("row", { name: /周晓楠/ })).toContainText("广州市海珠区南武中学");
  await expect(results.getByRole("row", { name: /吴嘉怡/ })).toBeVisible();
  await expect(page.getByTestId("breakdown-total")).toHaveText("2");
  // Masked in the page: no full ID number anywhere in the HTML.
  expect(await page.content()).not.toMatch(/440106\d{11}[\dX]/);
  await expectNoAxeViolations(page);

  // Filter by keyboard: 学生类别 = 孤儿.
  const category = page.getByLabel("学生类别");
  await category.focus();
  await category.selectOption({ label: "孤儿" });
  await page.keyboard.press("Tab"); // 学段
  await page.keyboard.press("Tab"); // 查询
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/category=ORPHAN/);
  await expect(results.getByRole("row", { name: /周晓楠/ })).toBeVisible();
  await expect(results.getByRole("row", { name: /吴嘉怡/ })).toHaveCount(0);
  await expect(page.getByTestId("query-count")).toContainText("共 1 条");

  // The export of the filtered list.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-masked").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^本地户籍外地就读学生-.*\.xlsx$/);
  const saved = path.join(await mkdtemp(path.join(tmpdir(), "e2e-dl-")), "hukou.xlsx");
  await download.saveAs(saved);
  const rows: string[][] = [];
  for await (const row of readSheetRows(saved)) rows.push(row.cells);
  expect(rows).toHaveLength(2);
  expect(rows[1]!.slice(0, 1)).toEqual(["周晓楠"]);
  expect(rows[1]![1]).toMatch(/^4401\*{10}\d{3}[\dX]$/);

  // Her aid history across terms and schools, reached by keyboard from the row's link.
  await results.getByRole("link", { name: /受助情况\s*：周晓楠/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "周晓楠 的受助情况" })).toBeVisible();
  const applications = page.getByRole("region", { name: "申请与认定" });
  await expect(applications.getByRole("row", { name: /2025-2026学年春季学期/ })).toContainText(
    "广州市天河区华阳中学",
  );
  await expect(applications.getByRole("row", { name: /2026-2027学年秋季学期/ })).toContainText("南武中学");
  await expect(page.getByRole("region", { name: "资助名单" })).toContainText("625.00");
  const records = page.getByRole("region", { name: "受助记录" });
  await expect(records.getByRole("row", { name: /2025-2026学年春季学期/ })).toContainText("625.00");
  await expect(records.getByRole("row", { name: /2025-2026学年春季学期/ })).toContainText("已发放");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /显示完整身份证号/ }).click();
  await expect(page.getByTestId("full-id-number")).toHaveText(/^440106\d{11}[\dX]$/);
});

test("a school code of another county is refused on the page and in the export", async ({ page }) => {
  await signIn(page, "教职工", "sup_haizhu", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.goto("/console/supervisor/queries/special-groups?schoolCode=1144010603");
  await expect(page.getByRole("alert").or(page.getByText("不在本辖区内")).first()).toBeVisible();
  const refused = await page.request.get(
    "/console/supervisor/queries/export/determinations?schoolCode=1144010603",
  );
  expect(refused.status()).toBe(404);
});

test("the determination results and the special-group query list the county's students, masked", async ({
  page,
}) => {
  await signIn(page, "教职工", "sup_tianhe", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole("link", { name: "困难学生认定结果" }).click();
  await expect(page.getByRole("heading", { name: "困难学生认定结果查看" })).toBeVisible();
  await expect(page.getByTestId("query-count")).toContainText("共");
  // No ID number: 18 characters standing alone (a server action's hex id may hold 18 digits in a row).
  expect(await page.content()).not.toMatch(/(?<![\da-fA-F])\d{17}[\dXx](?![\da-fA-F])/);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "重点保障人群查询" }).click();
  await expect(page.getByRole("heading", { name: "重点保障人群信息查询" })).toBeVisible();
  const source = page.getByLabel("名单来源");
  await source.selectOption({ label: "自采集" });
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/source=SCHOOL/);
  const rows = page.getByRole("region", { name: "查询结果" }).getByRole("row");
  await expect(rows.filter({ hasText: "自采集" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "中央下发" })).toHaveCount(0);
  // No ID number: 18 characters standing alone (a server action's hex id may hold 18 digits in a row).
  expect(await page.content()).not.toMatch(/(?<![\da-fA-F])\d{17}[\dXx](?![\da-fA-F])/);
  await expectNoAxeViolations(page);
});
