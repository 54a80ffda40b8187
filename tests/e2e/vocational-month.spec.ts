import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { beijingMonth } from "@/lib/domain/vocational-overdue";
import { expectNoAxeViolations } from "./axe";
import { alerts, staffPage } from "./helpers";

/**
 * A full month of a 中职 monthly list through the real pages (seeded 广州市天河职业高级中学: admin_voc, leader_voc;
 * its county sup_tianhe; another county sup_haizhu): the school builds next month's 国家助学金 list, reviews it,
 * publicises it with an attachment, the county refuses the publicity, the school fixes an amount and publicises
 * again, the county confirms, the school records payment once the publicity period is over (its dates are moved
 * into the past in the database, as the server's clock cannot be), asks to withdraw, the county grants it, and
 * the paid amounts read 0; the history shows every step. axe-core on every new page, decisions by keyboard.
 */
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);
const PORT = Number(process.env.E2E_PORT ?? 3100);

/** Next month (the seed leaves it free): its number. */
const nextMonth = (() => {
  const month = Number(beijingMonth(new Date()).slice(5, 7));
  return (month % 12) + 1;
})();

/** The e2e server's embedded database, as its owner (playwright.config.ts: .data/e2e-<port>). */
async function withOwnerDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const secrets = JSON.parse(fs.readFileSync(path.join(".data", `e2e-${PORT}`, "secrets.json"), "utf8")) as {
    EMBEDDED_PG_PASSWORD: string;
  };
  const client = new pg.Client({
    host: "127.0.0.1",
    port: Number(process.env.E2E_PG_PORT ?? 54349),
    user: "postgres",
    password: secrets.EMBEDDED_PG_PASSWORD,
    database: "student_aid",
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const status = (page: Page, text: string | RegExp) =>
  expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();

/** Types a comment into the field labelled `label` and submits its form with Enter, keyboard only. */
async function submitByKeyboard(page: Page, label: string | RegExp, comment: string) {
  const field = typeof label === "string" ? page.getByLabel(label, { exact: true }) : page.getByLabel(label);
  await field.focus();
  await page.keyboard.type(comment);
  await page.keyboard.press("Enter");
}

test("a 中职 list's full month: build, review, publicity refused and redone, confirmation, payment, withdrawal", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const admin = await staffPage(browser, "admin_voc");
  const leader = await staffPage(browser, "leader_voc");
  const county = await staffPage(browser, "sup_tianhe");
  const otherCounty = await staffPage(browser, "sup_haizhu");

  // The school's overview: the seeded lists in Chinese states, and the to-do filter the console home links to.
  await admin.getByRole("link", { name: "中职月度资助名单" }).click();
  await expect(admin.getByRole("heading", { name: "中职月度资助名单" })).toBeVisible();
  await expect(admin.getByTestId("vocational-list-row").first()).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.goto(`/console/rosters/vocational?month=${beijingMonth(new Date())}&todo=awaiting_publicity`);
  await expect(admin.getByTestId("vocational-list-row")).toHaveCount(1);
  await expect(admin.getByTestId("vocational-list-row")).toContainText("待学校公示");

  // 生成本月名单 for next month.
  await admin.goto("/console/rosters/vocational");
  await admin
    .getByLabel("资助项目", { exact: true })
    .first()
    .selectOption({ label: "中等职业学校国家助学金" });
  await admin
    .getByLabel("月份", { exact: true })
    .first()
    .selectOption({ label: `${nextMonth}月` });
  await admin.getByRole("button", { name: "生成本月名单" }).click();
  await expect(admin).toHaveURL(/\/console\/rosters\/vocational\/[^/?]+\?built=/);
  await expect(admin.getByText(/已生成名单：新增 \d+ 人/)).toBeVisible();
  const listUrl = admin.url().split("?")[0]!;
  const rosterId = listUrl.split("/").pop()!;
  const entries = admin.getByTestId("list-entry");
  expect(await entries.count()).toBeGreaterThan(0);
  await expect(admin.getByTestId("list-stage")).toHaveText("待学校审核");
  await expectNoAxeViolations(admin);

  // 学校审核 by the leader (keyboard: type the comment, Enter submits).
  await leader.goto(listUrl);
  await submitByKeyboard(leader, "审核意见（可不填）", "名单与认定结果一致");
  await expect(leader.getByTestId("list-stage")).toHaveText("待主管部门审核");
  await expectNoAxeViolations(leader);

  // 主管部门审核 by the county, found through its confirmation list.
  await county.getByRole("link", { name: "中职月度名单确认" }).click();
  await expect(county.getByRole("heading", { name: "中职月度名单确认" })).toBeVisible();
  await county.getByLabel("当前环节").selectOption({ label: "待主管部门审核" });
  await county.getByRole("button", { name: "查询" }).click();
  await expect(county).toHaveURL(/stage=SUPERVISOR_REVIEW/);
  await expectNoAxeViolations(county);
  await county.goto(`/console/supervisor/vocational/${rosterId}`);
  await expectNoAxeViolations(county);
  await county.getByRole("button", { name: "审核通过", exact: true }).click();
  await expect(county.getByTestId("state-主管部门审核")).toHaveText("通过");

  // 资助名单公示: December and May need an attachment first; then upload a PDF and publicise.
  await admin.goto(listUrl);
  if (nextMonth === 12 || nextMonth === 5) {
    await admin.getByRole("button", { name: "公示名单" }).click();
    await expect(alerts(admin)).toContainText(`${nextMonth}月的名单公示必须上传公示附件（PDF 或图片）。`);
  }
  await admin.getByLabel(/公示附件（PDF 或 JPG\/PNG 图片/).setInputFiles({
    name: "公示名单.pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await admin.getByRole("button", { name: "上传附件" }).click();
  await status(admin, "已上传公示附件");
  await expect(admin.getByTestId("attachments")).toContainText("公示名单.pdf");
  await admin.getByRole("button", { name: "公示名单" }).click();
  await expect(admin.getByTestId("list-stage")).toHaveText("已公示，待主管部门确认");

  // 名单公示确认: another county gets 404; the county views the attachment, then refuses with a reason.
  const foreign = await otherCounty.goto(`/console/supervisor/vocational/${rosterId}`);
  expect(foreign?.status()).toBe(404);
  const foreignFile = await otherCounty.request.get(
    (await admin.getByRole("link", { name: "公示名单.pdf" }).getAttribute("href"))!,
  );
  expect(foreignFile.status()).toBe(404);
  await county.goto(`/console/supervisor/vocational/${rosterId}`);
  const href = await county.getByRole("link", { name: "公示名单.pdf" }).getAttribute("href");
  const file = await county.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toContain("application/pdf");
  // Served like other evidence: never run as a page (lib/http/file-response.ts, proxy.ts).
  expect(file.headers()["x-content-type-options"]).toBe("nosniff");
  expect(file.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(file.headers()["content-disposition"]).toMatch(/^attachment/);
  expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);
  await county.getByRole("button", { name: "公示不通过" }).click();
  await expect(alerts(county)).toContainText("公示不通过时请填写原因。");
  await submitByKeyboard(county, /公示不通过的原因/, "公示未在校园公告栏张贴");
  await expect(county.getByTestId("state-名单公示确认")).toHaveText("公示不通过");

  // The school sees the reset, fixes an amount, and the list goes through both reviews and publicity again.
  await admin.goto(listUrl);
  await expect(admin.getByTestId("state-学校公示状态")).toHaveText("学校未公示");
  await expect(admin.getByTestId("state-学校审核")).toHaveText("待审核");
  await expect(admin.getByTestId("state-名单公示确认")).toHaveText("公示不通过");
  const first = entries.first();
  // Above the standard only with a reason, typed in its own labelled field.
  await first.getByLabel(/的实际金额（元）/).fill("250");
  await first.getByRole("button", { name: /改金额/ }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "超标准发放原因" }).first()).toBeVisible();
  await first.getByLabel(/的实际金额（元）/).fill("150");
  await first.getByLabel(/的超标准发放原因/).fill("");
  await first.getByRole("button", { name: /改金额/ }).click();
  await status(admin, /实际金额：200\.00元 → 150\.00元/);
  await leader.goto(listUrl);
  await leader.getByRole("button", { name: "学校审核通过" }).click();
  await expect(leader.getByTestId("list-stage")).toHaveText("待主管部门审核");
  await county.goto(`/console/supervisor/vocational/${rosterId}`);
  await county.getByRole("button", { name: "审核通过", exact: true }).click();
  await expect(county.getByTestId("state-主管部门审核")).toHaveText("通过");
  await admin.goto(listUrl);
  await admin.getByRole("button", { name: "公示名单" }).click();
  await expect(admin.getByTestId("list-stage")).toHaveText("已公示，待主管部门确认");

  // 公示通过, reached from the to-do filter and decided by keyboard.
  await county.goto(`/console/supervisor/vocational?todo=awaiting_confirmation`);
  await county.locator(`a[href="/console/supervisor/vocational/${rosterId}"]`).focus();
  await county.keyboard.press("Enter");
  await expect(county).toHaveURL(new RegExp(`/console/supervisor/vocational/${rosterId}$`));
  await submitByKeyboard(county, "意见（可不填）", "公示无异议");
  await expect(county.getByTestId("list-stage")).toHaveText("公示通过，待发放");

  // 资金发放 before the publicity's end: refused, naming the date; then the period is moved into the past.
  await admin.goto(listUrl);
  await admin.getByRole("button", { name: "登记资金发放" }).click();
  await expect(alerts(admin)).toContainText("暂不能发放资金：公示期至");
  await withOwnerDb((client) =>
    client.query(
      `UPDATE "VocationalList" SET "publicityStart" = DATE '2026-01-05', "publicityEnd" = DATE '2026-01-09' WHERE "rosterId" = $1`,
      [rosterId],
    ),
  );
  await admin.reload();
  await admin.getByRole("button", { name: "登记资金发放" }).click();
  await expect(admin.getByTestId("state-资金发放")).toHaveText("已发放");
  await expect(admin.getByTestId("paid-total")).not.toHaveText("0.00 元");
  await expect(entries.first().getByTestId("entry-paid")).toHaveText("150.00");

  // 申请公示退回, granted by the county: the paid amounts read 0, the payment records stay.
  await submitByKeyboard(admin, /申请公示退回的原因/, "一名学生已转学，需重新上报");
  await expect(admin.getByTestId("state-公示退回")).toHaveText("待审核");
  await county.goto(`/console/supervisor/vocational?todo=withdrawal_pending`);
  await expect(county.getByTestId("todo-withdrawal_pending")).toContainText(/[1-9]/);
  await county.goto(`/console/supervisor/vocational/${rosterId}`);
  await county.getByRole("button", { name: "同意退回", exact: true }).click();
  await expect(county.getByTestId("state-公示退回")).toHaveText("同意退回");

  await admin.goto(listUrl);
  await expect(admin.getByTestId("paid-total")).toHaveText("0.00 元");
  for (const paid of await admin.getByTestId("entry-paid").all()) await expect(paid).toHaveText("0.00");
  await expect(admin.getByTestId("state-公示退回")).toHaveText("同意退回");
  await expect(admin.getByTestId("state-学校公示状态")).toHaveText("学校未公示");
  await expect(admin.getByTestId("payment-record").filter({ hasText: "冲销" }).first()).toBeVisible();
  const history = admin.getByTestId("history-row");
  const actions = (await history.allTextContents()).join("\n");
  for (const step of [
    "生成名单",
    "学校审核",
    "主管部门审核",
    "资助名单公示",
    "名单公示确认（公示不通过）",
    "资助名单录入",
    "名单公示确认（公示通过）",
    "资金发放",
    "申请公示退回",
    "公示退回审核",
  ])
    expect(actions).toContain(step);
  await expect(history).toHaveCount(13);
  await expect(history.filter({ hasText: "公示未在校园公告栏张贴" })).toContainText("天河区");
  await expectNoAxeViolations(admin);
});
