/**
 * 普高 建档立卡等免学杂费 end to end (lib/domain/fee-waiver-list.ts): the school builds and reviews its list, the
 * county refuses it with a reason, the school fixes it and reviews it again, the county passes it; the to-do
 * counts on both homes follow; 资金发放查看 filters by the five 是/否 flags and exports. Every new page passes
 * axe-core; the reviews are done by keyboard.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { readSheetRows } from "@/lib/xlsx";
import { expectNoAxeViolations } from "./axe";
import { staffPage } from "./helpers";

const FLAG_KEYS = [
  "povertyAlleviated",
  "povertyUnstable",
  "ruralMinimumLiving",
  "ruralExtremePoverty",
  "disabled",
] as const;

const todoCount = (page: Page, key: string) => page.getByTestId(`todo-${key}`).getByTestId("todo-count");

async function home(page: Page) {
  await page.goto("/console");
  await expect(page.getByRole("heading", { name: /待办事项/ })).toBeVisible();
}

/** Picks 通过 / 不通过 and submits the review form by keyboard. */
async function reviewByKeyboard(page: Page, pass: boolean, comment?: string) {
  const option = page.getByRole("radio", pass ? { name: "通过", exact: true } : { name: /不通过/ });
  await option.focus();
  await page.keyboard.press("Space");
  await expect(option).toBeChecked();
  const text = page.getByLabel(/审核意见/);
  await text.focus();
  if (comment) await page.keyboard.type(comment);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "提交审核意见" })).toBeFocused();
  await page.keyboard.press("Enter");
}

test("a 普高 免学杂费 list: built, refused by the county, fixed, passed; the to-dos and 资金发放查看 follow", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await staffPage(browser, "admin_sen");
  const leader = await staffPage(browser, "leader_sen");
  const county = await staffPage(browser, "sup_tianhe");

  // The seeded list of this term awaits 学校审核: one to-do for the leader, none for the county.
  await expect(todoCount(leader, "fee_waiver.school_pending")).toHaveText("1");
  await expect(todoCount(county, "fee_waiver.supervisor_pending")).toHaveText("0");
  await expectNoAxeViolations(leader);

  // The aid officer (re)builds it from the special-group lists: the list's page opens.
  await admin.getByRole("link", { name: "建档立卡等免学杂费", exact: true }).click();
  await expect(admin.getByRole("heading", { name: /建档立卡等免学杂费 · 资助名单/ })).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByRole("button", { name: "按认定结果和特殊群体名单生成名单" }).click();
  await expect(admin.getByRole("heading", { name: /建档立卡等免学杂费名单 · 广州市天河中学/ })).toBeVisible();
  const entries = admin.getByTestId("fee-waiver-entry");
  const built = await entries.count();
  expect(built).toBeGreaterThan(0);
  await expect(admin.getByTestId("list-state")).toHaveText("学校审核：待审核；主管部门审核：待审核");
  await expectNoAxeViolations(admin);

  // The leader follows the to-do to the list and passes it by keyboard.
  await todoCount(leader, "fee_waiver.school_pending").click();
  await expect(leader).toHaveURL(/\/console\/rosters\/fee-waiver\?term=.*review=SCHOOL_PENDING/);
  await leader.getByRole("link", { name: /查看名单/ }).click();
  await expectNoAxeViolations(leader);
  const leaderList = leader.url();
  await reviewByKeyboard(leader, true);
  await expect(leader.getByTestId("list-state")).toHaveText("学校审核：通过；主管部门审核：待审核");
  await home(leader);
  await expect(todoCount(leader, "fee_waiver.school_pending")).toHaveText("0");

  // The county sees it on its home, opens it from the to-do and refuses it with a reason.
  await home(county);
  await expect(todoCount(county, "fee_waiver.supervisor_pending")).toHaveText("1");
  await todoCount(county, "fee_waiver.supervisor_pending").click();
  await expect(county.getByRole("heading", { name: /资助名单审核/ })).toBeVisible();
  await expect(county.getByTestId("fee-waiver-list")).toHaveCount(1);
  await expectNoAxeViolations(county);
  await county.getByRole("link", { name: /查看名单/ }).click();
  await expect(county.getByTestId("list-state")).toHaveText("学校审核：通过；主管部门审核：待审核");
  const countyList = county.url();
  await expectNoAxeViolations(county);
  // a refusal without a reason is refused, naming what is missing
  await reviewByKeyboard(county, false);
  await expect(county.getByRole("alert").filter({ hasText: "填写原因" })).toBeVisible();
  await county.reload();
  await reviewByKeyboard(county, false, "请核对转学学生");
  await expect(county.getByTestId("list-state")).toHaveText("学校审核：通过；主管部门审核：不通过");
  await home(county);
  await expect(todoCount(county, "fee_waiver.supervisor_pending")).toHaveText("0");

  // The school fixes it: the officer sees the reason and removes a student; both reviews are back to 待审核.
  await admin.reload();
  await expect(admin.getByRole("alert").filter({ hasText: "请核对转学学生" })).toBeVisible();
  admin.once("dialog", (dialog) => void dialog.accept());
  await entries.first().getByRole("button", { name: /移出/ }).click();
  await expect(entries).toHaveCount(built - 1);
  await expect(admin.getByTestId("list-state")).toHaveText("学校审核：待审核；主管部门审核：待审核");
  await home(leader);
  await expect(todoCount(leader, "fee_waiver.school_pending")).toHaveText("1");
  await leader.goto(leaderList);
  await reviewByKeyboard(leader, true);
  await expect(leader.getByTestId("list-state")).toHaveText("学校审核：通过；主管部门审核：待审核");

  // The county passes it; the history shows every step with its comment.
  await county.goto(countyList);
  await reviewByKeyboard(county, true);
  await expect(county.getByTestId("list-state")).toHaveText("学校审核：通过；主管部门审核：通过");
  const history = county.getByTestId("fee-waiver-history");
  await expect(history.filter({ hasText: "请核对转学学生" })).toHaveCount(1);
  await expect(history.filter({ hasText: "资助名单录入（移出学生）" })).toHaveCount(1);
  await home(county);
  await expect(todoCount(county, "fee_waiver.supervisor_pending")).toHaveText("0");

  // 资金发放查看: this term's passed list, then the five filters on last term's list.
  await county.goto("/console/supervisor/fee-waiver/payments");
  await expect(county.getByRole("heading", { name: /资金发放查看/ })).toBeVisible();
  await expect(county.getByTestId("payment-row")).toHaveCount(built - 1);
  await expectNoAxeViolations(county);
  await county.getByLabel("学年学期").selectOption({ label: "2025-2026学年春季学期" });
  await county.getByRole("button", { name: "查询" }).click();
  const total = await county.getByTestId("payment-row").count();
  expect(total).toBeGreaterThan(0);
  const columns = [
    "是否脱贫家庭学生（原建档立卡）",
    "是否脱贫不稳定家庭学生（原建档立卡）",
    "是否农村低保家庭学生",
    "是否农村特困救助供养学生",
    "是否家庭经济困难残疾学生",
  ];
  let anyYes = false;
  for (const [index, label] of columns.entries()) {
    const counted: Record<string, number> = {};
    for (const answer of ["是", "否"]) {
      await county.getByLabel(label).selectOption({ label: answer });
      await county.getByRole("button", { name: "查询" }).click();
      await expect(county).toHaveURL(new RegExp(`${FLAG_KEYS[index]}=${answer === "是" ? "yes" : "no"}`));
      const rows = county.getByTestId("payment-row");
      counted[answer] = await rows.count();
      // the flag's column (after 学校, 姓名, 身份证号, 年级班级, 免除金额) reads the chosen answer on every row
      for (const cell of await rows.locator(`td:nth-child(${6 + index})`).allTextContents())
        expect(cell).toBe(answer);
    }
    expect(counted["是"]! + counted["否"]!).toBe(total);
    anyYes ||= counted["是"]! > 0;
    await county.getByLabel(label).selectOption({ label: "全部" });
  }
  expect(anyYes).toBe(true);
  await expectNoAxeViolations(county);

  // The export of last term's filtered rows.
  await county.getByLabel(columns[0]!).selectOption({ label: "否" });
  await county.getByRole("button", { name: "查询" }).click();
  await expect(county).toHaveURL(/povertyAlleviated=no/);
  const shown = await county.getByTestId("payment-row").count();
  const [download] = await Promise.all([
    county.waitForEvent("download"),
    county.getByTestId("payments-export").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^普高免学杂费资金发放-2025-2026学年春季学期-.*\.xlsx$/);
  const saved = path.join(await mkdtemp(path.join(tmpdir(), "e2e-fw-")), "payments.xlsx");
  await download.saveAs(saved);
  const rows: string[][] = [];
  for await (const row of readSheetRows(saved)) rows.push(row.cells);
  expect(rows[0]!.slice(7)).toEqual(columns);
  expect(rows).toHaveLength(shown + 1);
  expect(rows.slice(1).every((row) => row[7] === "否")).toBe(true);
});

test("another county sees none of 天河区's lists and cannot open one", async ({ browser }) => {
  const haizhu = await staffPage(browser, "sup_haizhu");
  await haizhu.goto("/console/supervisor/fee-waiver");
  await expect(haizhu.getByRole("heading", { name: /资助名单审核/ })).toBeVisible();
  await expect(haizhu.getByTestId("fee-waiver-list")).toHaveCount(0);
  const admin = await staffPage(browser, "admin_sen");
  await admin.goto("/console/rosters/fee-waiver");
  const href = await admin
    .getByRole("link", { name: /查看名单/ })
    .first()
    .getAttribute("href");
  const listId = href!.split("/").pop()!;
  await haizhu.goto(`/console/supervisor/fee-waiver/${listId}`);
  await expect(haizhu.getByText("未找到该普高免学杂费资助名单")).toBeVisible();
  await expect(haizhu.getByRole("button", { name: "提交审核意见" })).toHaveCount(0);
});

test("the 中职 to-do counts of both homes open exactly as many lists", async ({ browser }) => {
  for (const [username, keys] of [
    ["admin_voc", ["vocational.awaiting_publicity"]],
    ["sup_tianhe", ["vocational.awaiting_confirmation", "vocational.withdrawal_pending"]],
  ] as const) {
    const page = await staffPage(browser, username);
    await expectNoAxeViolations(page);
    for (const key of keys) {
      await home(page);
      const count = Number(await todoCount(page, key).innerText());
      await todoCount(page, key).click();
      await expect(page).toHaveURL(/\/vocational\?month=\d{4}-\d{2}&todo=/);
      await expect(page.getByTestId("vocational-list-row")).toHaveCount(count);
    }
  }
});
