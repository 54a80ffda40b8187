import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { staffPage } from "./helpers";

/**
 * 待办事项 on every staff role's console home (lib/services/todos.ts): the teacher's per own class, the aid
 * officer's reviews, the leader's signature, the supervisor's confirmations and support queue — each a count
 * linking to its filtered list, reachable by keyboard, and the home passes axe-core.
 */
const todoList = (page: import("@playwright/test").Page) =>
  page.getByRole("region", { name: /待办事项/ }).getByRole("listitem");

test("each staff role's home lists its to-dos with counts that open the filtered lists", async ({
  browser,
}) => {
  const teacher = await staffPage(browser, "teacher_jun");
  const verify = teacher.getByTestId(/^todo-teacher\.submitted\./).first();
  await expect(verify).toContainText("待核实的申请");
  await expectNoAxeViolations(teacher);
  // Keyboard: the count is a link; Enter opens the class monitor filtered to the applications to verify.
  await verify.getByTestId("todo-count").focus();
  await teacher.keyboard.press("Enter");
  await expect(teacher).toHaveURL(/\/console\/teacher\/applications\?classId=\w+&state=submitted$/);
  await expect(teacher.getByRole("heading", { name: "申请监控与核实" })).toBeVisible();
  await teacher.context().close();

  const admin = await staffPage(browser, "admin_jun");
  await expect(admin.getByTestId("todo-determination.verified")).toContainText("待学校审核的申请");
  await expectNoAxeViolations(admin);
  await admin.getByTestId("todo-determination.verified").getByTestId("todo-count").click();
  await expect(admin).toHaveURL(/\/console\/determination\?state=verified$/);
  await admin.context().close();

  const leader = await staffPage(browser, "leader_jun");
  await expect(leader.getByTestId("todo-determination.sign_off")).toContainText("待校长签字");
  await expectNoAxeViolations(leader);
  await leader.context().close();

  const county = await staffPage(browser, "sup_tianhe");
  await expect(county.getByTestId("todo-support.mine")).toContainText("问题反馈");
  expect(await todoList(county).count()).toBeGreaterThan(1);
  await expectNoAxeViolations(county);
  await county.getByTestId("todo-support.mine").getByTestId("todo-count").click();
  await expect(county).toHaveURL(/\/console\/support\/queue$/);
  await county.context().close();
});
