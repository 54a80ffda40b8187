import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./helpers";

/**
 * The applicant's 待办事项 on a phone (lib/services/todos-applicant.ts): at the top of the portal home, each
 * step a full-width link with its deadline and time left; the home passes axe-core.
 */
test("a parent sees the children's next steps with deadlines at the top of the home, on a phone", async ({
  page,
}) => {
  await signIn(page, "家长", DEMO.parent.phone, DEMO.parent.password);
  await expect(page).toHaveURL(/\/portal$/);
  const todos = page.getByRole("region", { name: "待办事项" });
  await expect(todos).toBeVisible();
  const items = todos.getByTestId("applicant-todo");
  if ((await items.count()) > 0) {
    const first = items.first().getByRole("link");
    await expect(first).toHaveAttribute("href", /^\/portal\/(apply|result)\/\w+$/);
    // Big enough to tap: the whole row is the link.
    const box = await first.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  } else await expect(todos).toContainText("目前没有需要您处理的事项");
  await expectNoAxeViolations(page);
});
