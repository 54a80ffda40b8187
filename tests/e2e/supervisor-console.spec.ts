import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { expectNoAxeViolations } from "./axe";
import { downloadedRows, inkedPixels, tableRows } from "./charts";
import { signIn } from "./helpers";

/** The page is no wider than the window: wide tables scroll inside their own frame. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A number shown in a page or a sheet ("1500.00", "20", "33.33%"), or null for text. */
const figure = (text: string | undefined) => {
  const trimmed = (text ?? "").replace(/%$/, "").trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null;
};

/**
 * Issue 18 item 7 in one walk: a county leader (sup_tianhe_lead) starts on the console home, creates a
 * school aid officer's account, follows the work progress down to a school and on to its determinations,
 * opens 本地户籍外地就读 and a student's history and comes back, then the statistics: charts drawn with CJK
 * labels, and the export's figures equal to the table's. axe on every page; the drill-downs by keyboard.
 */
test("a county supervisor walks the console: account, work progress, drill-down, queries, statistics and export", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, "教职工", "sup_tianhe_lead", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole("heading", { name: "主管部门工作台" })).toBeVisible();
  // The home's schools lead to their work progress.
  await expect(
    page.getByRole("region", { name: "学校概况" }).getByRole("link", { name: "广州市天河中学" }),
  ).toHaveAttribute("href", /\/console\/supervisor\/progress\?school=/);
  await expectNoAxeViolations(page);

  // 1. A school aid officer's account; the initial password is shown once, then never again.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "下级账号管理" }).click();
  await expect(page.getByRole("heading", { name: "下级账号管理" })).toBeVisible();
  await expectNoAxeViolations(page);
  const create = page.getByRole("region", { name: "新建账号" });
  await create.getByLabel("所属单位").selectOption({ label: "广州市天河中学（1144010603）" });
  await create.getByLabel("姓名").fill("钱老师");
  await create.getByLabel("登录名").fill("svqa_e2e_admin");
  await create.getByLabel("登录名").press("Enter");
  const message = create.getByRole("status");
  await expect(message).toContainText("初始密码");
  const password = /初始密码：([A-Za-z0-9]{10})/.exec((await message.textContent()) ?? "")?.[1];
  expect(password).toBeTruthy();
  const account = page.getByRole("row", { name: /svqa_e2e_admin/ });
  await expect(account).toContainText("待首次登录改密");
  await expect(account.getByRole("button", { name: "停用 钱老师" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("row", { name: /svqa_e2e_admin/ })).toBeVisible();
  expect(await page.content()).not.toContain(password!);

  // 2. 工作进展: one row per school, the wide table scrolls in its frame; into a school by keyboard.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "工作进展" }).click();
  await expect(page.getByRole("heading", { name: "工作进展" })).toBeVisible();
  await expect(page.getByTestId("as-of")).toHaveText(/^数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  const progress = page.getByTestId("progress-table");
  const schoolRow = progress.getByRole("row", { name: /^广州市天河中学/ });
  // 学校数, 在校学生, 已申请, 放弃, 填报中, 未申请, 回收率, …
  const [, inSchool, applied, waived, inProgress] = await schoolRow.getByRole("cell").allInnerTexts();
  expect(Number(inSchool)).toBeGreaterThan(0);
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await schoolRow.getByRole("link", { name: "广州市天河中学" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "广州市天河中学（1144010603）" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "行政区划层级" })).toContainText("天河区");
  const figures = Object.fromEntries(
    await page
      .getByTestId("school-figures")
      .locator("div")
      .evaluateAll((pairs) =>
        pairs.map((pair) => [pair.querySelector("dt")?.textContent, pair.querySelector("dd")?.textContent]),
      ),
  );
  expect([figures["在校学生"], figures["已申请"], figures["放弃申请"], figures["填报中"]]).toEqual([
    inSchool,
    applied,
    waived,
    inProgress,
  ]);
  await expectNoAxeViolations(page);

  // From the school's figures to the list of its determinations (its code filled in).
  await page.getByRole("link", { name: "该校认定结果名单" }).click();
  await expect(page.getByRole("heading", { name: "困难学生认定结果查看" })).toBeVisible();
  await expect(page.getByLabel("学校标识码")).toHaveValue("1144010603");
  const determinations = page.getByRole("region", { name: "查询结果" }).locator("tbody tr");
  await expect(determinations.first()).toBeVisible();
  for (const school of await determinations.evaluateAll((rows) =>
    rows.map((row) => row.querySelectorAll("td")[2]?.textContent),
  ))
    expect(school).toBe("广州市天河中学");
  await expectNoAxeViolations(page);

  // 3. 本地户籍外地就读: a student's history by keyboard, and back to the same list.
  await page
    .getByRole("navigation", { name: "主导航" })
    .getByRole("link", { name: "本地户籍外地就读" })
    .click();
  await expect(page.getByRole("heading", { name: "本地户籍外地就读学生" })).toBeVisible();
  const results = page.getByRole("region", { name: "查询结果" });
  await expect(results.getByRole("row", { name: /周晓楠/ })).toContainText("广州市海珠区南武中学");
  await expectNoAxeViolations(page);
  await results.getByRole("link", { name: /受助情况\s*：周晓楠/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "周晓楠 的受助情况" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "← 返回查询结果" }).click();
  await expect(page).toHaveURL(/\/console\/supervisor\/queries\/hukou\?direction=out$/);
  await expect(results.getByRole("row", { name: /周晓楠/ })).toBeVisible();

  // 4. The statistics: every chart drawn, with CJK labels, beside its table.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "资助统计" }).click();
  await expect(page.getByRole("heading", { name: "资助统计：天河区" })).toBeVisible();
  await expectNoAxeViolations(page);
  for (const [name, texts] of [
    ["特殊群体学生资助情况柱状图（已资助与未资助人数）", ["孤儿", "已资助"]],
    ["按学段受助人数与人次柱状图", ["义教", "受助人数"]],
    ["按学校受助人数与人次柱状图", ["广州市天河中学"]],
    ["受助学生认定等级饼图（受助人数）", ["困难"]],
    ["历学期受助人数与人次折线图", ["2026-2027学年秋季学期"]],
  ] as const) {
    const chart = page.getByRole("img", { name });
    await expect(chart).toBeVisible();
    const svgTexts = (await chart.locator("svg text").allTextContents()).join("|");
    for (const text of texts) expect(svgTexts).toContain(text);
    expect(await inkedPixels(chart)).toBeGreaterThan(2000);
  }

  // The export of the by-school table has the page's figures, row for row.
  const areaTable = page.getByTestId("table-area");
  const shown = await tableRows(areaTable);
  expect(shown.map((row) => row[0])).toContain("广州市天河中学");
  expect(shown.at(-1)?.[0]).toBe("区域汇总");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出受助情况统计（按学校）（.xlsx）" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^受助情况统计（按学校）-天河区-.*\.xlsx$/);
  const folder = await mkdtemp(path.join(tmpdir(), "e2e-console-"));
  const sheet = await downloadedRows(download, path.join(folder, "area.xlsx"));
  expect(sheet[0]).toEqual(["学校", "受助人数", "受助人次", "资助金额（元）", "已发放金额（元）"]);
  // The table's rows, then a blank row and the line saying what the figures are and how fresh.
  const data = sheet.slice(1, 1 + shown.length);
  expect(data.map((row) => row.map(figure))).toEqual(shown.map((row) => row.map(figure)));
  expect(data.map((row) => row[0])).toEqual(shown.map((row) => row[0]));
  expect(sheet.at(-1)?.[0]).toMatch(/^天河区 .*数据截至/);

  // The 十一类 table's export too: every figure of the page is in the sheet.
  const specialShown = await tableRows(page.getByTestId("table-special"));
  const [specialDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出十一类特殊困难学生综合统计（.xlsx）" }).click(),
  ]);
  const specialSheet = await downloadedRows(specialDownload, path.join(folder, "special.xlsx"));
  for (const row of specialShown) {
    const exported = specialSheet.find((cells) => cells[0] === row[0]);
    expect(exported, row[0]).toBeTruthy();
    row.forEach((text, i) => {
      if (figure(text) !== null)
        expect(figure(exported![i]), `${row[0]} / ${i}`).toBeCloseTo(figure(text)!, 2);
    });
  }

  // Back to the work progress of the same county from the statistics.
  await page.getByRole("link", { name: "查看天河区本学期进度" }).click();
  await expect(page.getByTestId("progress-table")).toBeVisible();

  // A phone (390 px): the query lists scroll in their frames, the page itself does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/console/supervisor/queries/special-groups");
  await expect(page.getByRole("heading", { name: "重点保障人群信息查询" })).toBeVisible();
  await expectNoSidewaysScroll(page);
});
