/**
 * On a phone the class teacher's lists are cards (a name per card, not one character per line), in
 * pinyin order of the names. The roster and the monitor are one table whose rows stack as cards by CSS
 * (components/ui/stacked-table.tsx): each row is rendered once, as a block, not a table row.
 */
import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { signIn } from "./helpers";
import { expectNoAxeViolations } from "./axe";

const pinyin = new Intl.Collator("zh-Hans-CN-u-co-pinyin");

test("a teacher's roster and application monitor are cards on a phone, names in pinyin order", async ({
  page,
}) => {
  await signIn(page, "教职工", "teacher_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);

  await page.goto("/console/teacher/roster");
  const cards = page.getByTestId("class-roster-row");
  await expect(cards.first()).toBeVisible();
  await expect(cards.first()).toHaveCSS("display", "block");
  // The column heads are for screen readers only on a phone; each card line names its field.
  await expect(page.getByRole("table", { name: "学生名单" }).locator("thead")).toHaveCSS(
    "position",
    "absolute",
  );
  const caption = await cards
    .first()
    .locator("td[data-label='学籍号']")
    .evaluate((td) => getComputedStyle(td, "::before").content);
  expect(caption).toContain("学籍号");
  const names = await cards.locator("th").allInnerTexts();
  expect(names.length).toBeGreaterThan(1);
  expect(names).toEqual([...names].sort(pinyin.compare));
  // A name sits on one line: its box is about one line high.
  const box = await cards.first().locator("th").boundingBox();
  expect(box!.height).toBeLessThan(40);
  await expectNoAxeViolations(page);

  await page.goto("/console/teacher/applications");
  await expect(page.getByTestId("monitor-row").first()).toBeVisible();
  await expect(page.getByTestId("monitor-row").first()).toHaveCSS("display", "block");
  await expectNoAxeViolations(page);

  await page.goto("/console/teacher/call-list");
  await expect(page.getByTestId("call-row").first()).toBeVisible();
  await expectNoAxeViolations(page);
});
