/**
 * On a phone the class teacher's lists are cards (a name per card, not one character per line), in
 * pinyin order of the names.
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
  const cards = page.getByTestId("roster-card");
  await expect(cards.first()).toBeVisible();
  await expect(page.getByTestId("class-roster-row").first()).toBeHidden();
  const names = await cards.locator("strong").allInnerTexts();
  expect(names.length).toBeGreaterThan(1);
  expect(names).toEqual([...names].sort(pinyin.compare));
  // A name sits on one line: its box is about one line high.
  const box = await cards.first().locator("strong").boundingBox();
  expect(box!.height).toBeLessThan(40);
  await expectNoAxeViolations(page);

  await page.goto("/console/teacher/applications");
  await expect(page.getByTestId("monitor-card").first()).toBeVisible();
  await expect(page.getByTestId("monitor-row").first()).toBeHidden();
  await expectNoAxeViolations(page);

  await page.goto("/console/teacher/call-list");
  await expect(page.getByTestId("call-row").first()).toBeVisible();
  await expectNoAxeViolations(page);
});
