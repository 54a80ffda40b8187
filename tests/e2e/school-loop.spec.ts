import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { expectNoAxeViolations } from "./axe";
import { alerts, signIn } from "./helpers";

const beijingDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

test("a teacher cannot record a home visit dated 1999-01-01, and a return deadline picked as “7天后” ends at 23:59", async ({
  page,
}) => {
  await signIn(page, "教职工", "teacher_pri", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.goto("/console/teacher/applications");
  await page.getByRole("link", { name: /^已提交，待班主任核实/ }).click();
  // The first submitted application of teacher_pri's class (no other test uses this class).
  const link = page.getByRole("link", { name: /^核实\s*\S+的申请$/ }).first();
  const name = (await link.innerText()).replace(/^核实\s*/, "").replace(/的申请$/, "");
  await link.click();
  await expect(page.getByRole("heading", { name: `${name} 的申请` })).toBeVisible();
  const reviewUrl = page.url();

  // Home visit: a date in 1999 is refused naming the term's range; today is accepted.
  await page.getByRole("link", { name: "记录入户调查" }).click();
  const date = page.getByLabel("走访日期", { exact: true });
  await expect(date).toHaveAttribute("max", beijingDay(0));
  await date.fill("1999-01-01");
  await page.getByLabel("走访人员", { exact: true }).fill("周老师、吴老师");
  await page.getByLabel("走访情况", { exact: true }).fill("母亲务农，父亲外出务工，住房老旧");
  for (const [group, option] of [
    ["单亲、孤儿或事实无人抚养", /^否/],
    ["住房与车辆", /无自有住房或危房/],
    ["学生消费情况", /消费节俭/],
    ["入户调查综合评价", /比较困难/],
  ] as const)
    await page.getByRole("group", { name: group }).getByLabel(option).check();
  await page.getByRole("button", { name: "保存入户调查" }).click();
  await expect(alerts(page).filter({ hasText: "走访日期须在本学期内" }).first()).toBeVisible();
  await date.fill(beijingDay(0));
  await page.getByRole("button", { name: "保存入户调查" }).click();
  await expect(page.getByRole("status").filter({ hasText: "入户调查已保存" })).toBeVisible();
  await expect(page.getByTestId("home-visit-summary")).toContainText(beijingDay(0));

  // Return with the quick pick “7天后”: the deadline is that day's 23:59, not the current clock time.
  await page.goto(reviewUrl);
  await page.getByLabel("退回原因", { exact: true }).fill("请补充父亲的务工收入证明");
  const pick = page.getByRole("button", { name: `7天后（${beijingDay(7)}）` });
  await pick.click();
  await expect(pick).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("修改截止日期", { exact: true })).toHaveValue(beijingDay(7));
  await page.getByRole("button", { name: "退回修改" }).click();
  await expect(page.getByTestId("application-state")).toHaveText("已退回修改");
  await expect(page.getByText(`修改截止 ${beijingDay(7)} 23:59`).first()).toBeVisible();
});

test("the school admin extends the school's application window; the page passes axe", async ({ page }) => {
  await signIn(page, "教职工", "admin_voc", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole("link", { name: "申请时间" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /申请时间/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const before = await page.getByTestId("apply-end").innerText();

  // Without a reason, and to a day before the current end: refused in Chinese, nothing changes.
  await page.getByLabel(/新的截止日期/).fill(beijingDay(1));
  await page.getByRole("button", { name: "延长申请时间" }).click();
  await expect(page.getByRole("alert").first()).toContainText(/只能延长|延长原因/);
  await expect(page.getByTestId("apply-end")).toHaveText(before);

  await page.getByLabel(/新的截止日期/).fill(beijingDay(8));
  await page.getByLabel("延长原因", { exact: true }).fill("部分学生实习返校较晚");
  await page.getByRole("button", { name: "延长申请时间" }).click();
  await expect(page.getByRole("status").first()).toContainText(`${beijingDay(8)} 23:59`);
  await expect(page.getByTestId("apply-end")).toContainText(`${beijingDay(8)} 23:59（已延长`);
});

test("class evaluation: a warning names the unverified application; verified later, it is listed as not ranked until a supplementary evaluation", async ({
  page,
}) => {
  await signIn(page, "教职工", "teacher_voc", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  // The class's submitted (not yet verified) application: its name.
  await page.goto("/console/teacher/applications");
  await page.getByRole("link", { name: /^已提交，待班主任核实/ }).click();
  const link = page.getByRole("link", { name: /^核实\s*\S+的申请$/ }).first();
  const name = (await link.innerText()).replace(/^核实\s*/, "").replace(/的申请$/, "");

  await page.goto("/console/teacher/evaluation");
  await expect(page.getByTestId("unverified-warning")).toContainText(name);
  const ranked = page.getByTestId("ranked-applicant");
  await expect(ranked.first()).toBeVisible();
  const before = await ranked.count();
  await expect(ranked.filter({ hasText: name })).toHaveCount(0);
  await page.getByLabel(/评议小组成员/).fill("赵老师 班主任\n钱老师 专业课教师\n孙老师 实训教师");
  await page
    .getByLabel("评议报告", { exact: true })
    .fill("评议小组逐一听取申请人情况，结合入户调查结果排序。");
  await page.getByRole("button", { name: "提交学校" }).click();
  await expect(page.getByRole("status").filter({ hasText: "评议结果已于" })).toBeVisible();

  // The teacher verifies it afterwards: it is not shown with a rank.
  await page.goto("/console/teacher/applications");
  await page.getByRole("link", { name: /^已提交，待班主任核实/ }).click();
  await page.getByRole("link", { name: new RegExp(`核实\\s*${name}的申请`) }).click();
  await page.getByRole("button", { name: "核实通过" }).click();
  await expect(page.getByTestId("application-state")).toHaveText("班主任已核实");
  await page.goto("/console/teacher/evaluation");
  await expect(ranked).toHaveCount(before);
  await expect(ranked.filter({ hasText: name })).toHaveCount(0);
  await expect(page.getByTestId("unranked-applicant")).toHaveText(`${name}（未排序）`);

  // The supplementary evaluation puts it into the order and lets the teacher submit again.
  await page.getByRole("button", { name: "开始补充评议" }).click();
  await expect(ranked).toHaveCount(before + 1);
  await expect(ranked.last()).toContainText(`${before + 1}.`);
  await expect(ranked.last()).toContainText(name);
  await page.getByRole("button", { name: "提交学校" }).click();
  await expect(page.getByRole("status").filter({ hasText: "评议结果已于" })).toBeVisible();
  await expect(page.getByTestId("unranked-applicant")).toHaveCount(0);
});
