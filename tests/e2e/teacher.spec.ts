import { expect, test, type Browser } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { makeFixtureFiles } from "./fixtures/files";
import { answerYesNo, signIn } from "./helpers";

const child = DEMO.parent3.child;

async function teacherPage(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "教职工", "teacher_jun", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  return page;
}

test("a teacher returns an application, the parent fixes and resubmits, the teacher verifies it and records a home visit", async ({
  browser,
}) => {
  // 1. The class teacher finds the submitted application in the class monitor and returns it.
  let teacher = await teacherPage(browser);
  // The home's to-do counts the class's applications to verify (lib/services/todos.ts).
  const toVerify = (page: typeof teacher) =>
    page
      .getByTestId(/^todo-teacher\.submitted\./)
      .first()
      .getByTestId("todo-count");
  const before = Number(await toVerify(teacher).textContent());
  expect(before).toBeGreaterThan(0);
  await teacher.goto("/console/teacher/applications");
  await expect(teacher.getByTestId("collection-rate")).toContainText("回收率");
  await teacher.getByRole("link", { name: /^已提交，待班主任核实/ }).click();
  const [download] = await Promise.all([
    teacher.waitForEvent("download"),
    teacher.getByRole("link", { name: "导出 Excel（当前筛选）" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("初一1班-申请情况.xlsx");
  expect((await download.failure()) ?? "ok").toBe("ok");
  await teacher.getByRole("link", { name: new RegExp(`核实\\s*${child.name}的申请`) }).click();
  await expect(teacher.getByRole("heading", { name: `${child.name} 的申请` })).toBeVisible();
  await expect(teacher.getByTestId("application-state")).toHaveText("已提交，待班主任核实");
  await teacher.getByLabel("退回原因", { exact: true }).fill("家庭年总收入与收入证明不符，请核对后重新填写");
  await teacher.getByRole("button", { name: "退回修改" }).click();
  await expect(teacher.getByTestId("application-state")).toHaveText("已退回修改");
  await expect(teacher.getByRole("status").filter({ hasText: "已退回申请人修改" })).toContainText(
    "家庭年总收入与收入证明不符",
  );
  const applicationUrl = teacher.url();
  await teacher.goto("/console");
  await expect(toVerify(teacher)).toHaveText(String(before - 1));
  await teacher.context().close();

  // 2. The parent sees the reason, corrects the income and resubmits.
  const parent = await (await browser.newContext()).newPage();
  await signIn(parent, "家长", DEMO.parent3.phone, DEMO.parent3.password);
  await expect(parent).toHaveURL(/\/portal$/);
  // The to-do at the top of the home names the step, the reason and the deadline (lib/services/todos-applicant.ts).
  const returnedTodo = parent.getByTestId("applicant-todo").filter({ hasText: `${child.name}：申请被退回` });
  await expect(returnedTodo).toContainText("家庭年总收入与收入证明不符");
  await expect(returnedTodo.getByTestId("applicant-todo-deadline")).toContainText(
    /截止 \d{2}-\d{2} \d{2}:\d{2}/,
  );
  await parent.getByTestId("child-card").filter({ hasText: child.name }).getByRole("link").click();
  await expect(parent).toHaveURL(/\/portal\/apply\/[a-z0-9]+$/);
  await expect(parent.getByTestId("application-state")).toHaveText("已退回修改");
  await expect(parent.getByRole("alert").filter({ hasText: "退回原因" })).toContainText(
    "家庭年总收入与收入证明不符",
  );
  const base = parent.url().replace(/\/$/, "");
  await parent.goto(`${base}/household`);
  await parent.getByLabel("家庭年总收入（元）", { exact: true }).fill("18000");
  await parent.getByRole("button", { name: "保存草稿" }).click();
  await expect(parent.getByRole("status")).toContainText("已保存");
  await parent.goto(`${base}/submit`);
  await parent.getByLabel("我已阅读并同意以上承诺").check();
  await parent.getByRole("button", { name: "签署承诺并提交申请" }).click();
  await expect(parent).toHaveURL(/\/timeline\?submitted=1/);
  await parent.context().close();

  // 3. The teacher sees what changed, verifies, and records the home visit with the scoring sheet.
  teacher = await teacherPage(browser);
  await expect(toVerify(teacher)).toHaveText(String(before));
  await teacher.goto(applicationUrl);
  await expect(teacher.getByTestId("application-state")).toHaveText("已提交，待班主任核实");
  const changes = teacher.getByRole("region", { name: "退回后修改的内容" });
  await expect(changes.getByTestId("change-row").filter({ hasText: "家庭年总收入" })).toContainText(
    "18000.00 元",
  );
  await teacher.getByRole("button", { name: "核实通过" }).click();
  await expect(teacher.getByTestId("application-state")).toHaveText("班主任已核实");
  await expect(teacher.getByTestId("timeline-entry").last()).toContainText("班主任已核实");

  await teacher.getByRole("link", { name: "记录入户调查" }).click();
  await teacher.getByLabel("走访人员", { exact: true }).fill("李慧敏、张伟");
  await teacher
    .getByLabel("走访情况", { exact: true })
    .fill("父亲务工收入不稳定，母亲照顾老人，住房为租住的旧房");
  await teacher.getByRole("button", { name: "保存入户调查" }).click();
  await expect(teacher.getByRole("alert").filter({ hasText: "入户调查综合评价" })).toBeVisible();
  await teacher.getByRole("group", { name: "单亲、孤儿或事实无人抚养" }).getByLabel(/^否/).check();
  await teacher
    .getByRole("group", { name: "住房与车辆" })
    .getByLabel(/无自有住房或危房/)
    .check();
  await teacher
    .getByRole("group", { name: "学生消费情况" })
    .getByLabel(/消费节俭/)
    .check();
  await teacher
    .getByRole("group", { name: "入户调查综合评价" })
    .getByLabel(/比较困难/)
    .check();
  await teacher.getByRole("button", { name: "保存入户调查" }).click();
  await expect(teacher.getByRole("status").filter({ hasText: "入户调查已保存" })).toBeVisible();
  await expect(teacher.getByTestId("home-visit-summary")).toContainText("入户调查得分 13 分");
});

test("a teacher corrects a guardian, reports a sign-in problem the admin resolves, and submits the class evaluation", async ({
  browser,
}) => {
  const teacher = await (await browser.newContext()).newPage();
  await signIn(teacher, "教职工", "teacher_sen", DEMO.staffPassword);
  await expect(teacher).toHaveURL(/\/console$/);

  // Guardian correction: masked on the roster, validated on save.
  await teacher.goto("/console/teacher/roster");
  const row = teacher.getByTestId("class-roster-row").filter({ hasText: DEMO.unactivatedStudent.name });
  await expect(row).toContainText("136****0012");
  await row.getByRole("link", { name: /更正/ }).click();
  const form = teacher.getByRole("region", { name: "监护人1" });
  await form.getByLabel("监护人姓名", { exact: true }).fill("林美华");
  await form.getByLabel("与学生关系", { exact: true }).selectOption("母亲");
  await form.getByLabel("手机号码", { exact: true }).fill("1360000001");
  await form.getByLabel("监护人身份证号", { exact: true }).fill("440106198001011234");
  await form.getByRole("button", { name: "保存更正" }).click();
  await expect(form.getByText("手机号码应为11位手机号")).toBeVisible();
  await expect(form.getByText("监护人身份证号校验位错误")).toBeVisible();
  await form.getByLabel("手机号码", { exact: true }).fill("13600000019");
  await form.getByLabel("监护人身份证号", { exact: true }).fill("");
  await form.getByRole("button", { name: "保存更正" }).click();
  await expect(form.getByRole("status")).toContainText("监护人信息已更正");
  await expect(teacher.getByRole("heading", { name: "监护人1：林美华（母亲）" })).toBeVisible();

  // Sign-in problem: teacher → admin → teacher sees what was done.
  await teacher.goto("/console/teacher/sign-in-problems");
  await teacher.getByLabel("不能登录的人的姓名", { exact: true }).fill(DEMO.unactivatedStudent.name);
  await teacher.getByLabel("发生了什么", { exact: true }).fill("激活时提示学籍信息不一致");
  await teacher.getByRole("button", { name: "报告给学校资助管理员" }).click();
  await expect(teacher.getByRole("status")).toContainText("已报告给学校资助管理员");
  await expect(teacher.getByTestId("sign-in-problem").first()).toContainText("等待学校资助管理员处理");

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "教职工", "admin_sen", DEMO.staffPassword);
  await expect(admin).toHaveURL(/\/console$/);
  await admin.goto("/console/admin/sign-in-problems");
  const problem = admin.getByTestId("sign-in-problem").filter({ hasText: "激活时提示学籍信息不一致" });
  await problem.getByLabel("处理结果", { exact: true }).fill("已核对学籍号，通知学生重新激活");
  await problem.getByRole("button", { name: "标记为已处理" }).click();
  await expect(
    admin.getByTestId("sign-in-problem").filter({ hasText: "激活时提示学籍信息不一致" }),
  ).toContainText("已处理");
  await admin.context().close();
  await teacher.reload();
  await expect(teacher.getByTestId("sign-in-problem").first()).toContainText(
    "已核对学籍号，通知学生重新激活",
  );

  // Class evaluation: reorder, a committee with too few members is refused, then submitted.
  await teacher.goto("/console/teacher/evaluation");
  const ranked = teacher.getByTestId("ranked-applicant");
  await expect(ranked.first()).toBeVisible();
  const count = await ranked.count();
  if (count > 1) {
    const second = (await ranked.nth(1).innerText()).split(/\s+/)[1]!;
    await teacher.getByRole("button", { name: `上移 ${second}` }).click();
    await expect(ranked.first()).toContainText(second);
  }
  await teacher.getByLabel(/评议小组成员/).fill("李慧敏 班主任\n张伟 科任教师");
  await teacher
    .getByLabel("评议报告", { exact: true })
    .fill("评议小组逐一听取申请人情况，结合入户调查结果排序。");
  await teacher.getByRole("button", { name: "提交学校" }).click();
  await expect(teacher.getByText("评议小组成员至少3人").first()).toBeVisible();
  await teacher.getByLabel(/评议小组成员/).fill("李慧敏 班主任\n张伟 科任教师\n周敏 科任教师");
  // 高一1班 is a senior class: student representatives of the class (≥ 10%, not applicants) are required.
  await teacher.getByRole("button", { name: "提交学校" }).click();
  const repError = teacher
    .getByRole("alert")
    .filter({ hasText: /高中班级评议小组中学生代表不少于班级人数的10%（本班\d+人，至少\d+人）/ })
    .first();
  await expect(repError).toBeVisible();
  const need = Number((await repError.innerText()).match(/至少(\d+)人）/)![1]);
  expect(need).toBeGreaterThanOrEqual(1);
  const eligible = await teacher.getByTestId("eligible-rep").allTextContents();
  await teacher.getByLabel("学生代表（每行一人）").fill(eligible.slice(0, need).join("\n"));
  await teacher.getByRole("button", { name: "提交学校" }).click();
  await expect(teacher.getByRole("status").filter({ hasText: "提交学校" })).toContainText("评议结果已于");
});

test("a teacher enters a paper application with the scanned form; the timeline shows it was entered by the teacher", async ({
  page,
}) => {
  const files = makeFixtureFiles();
  await signIn(page, "教职工", "teacher_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.goto("/console/teacher/paper");
  const card = page
    .getByRole("region", { name: "尚未申请的学生" })
    .getByRole("listitem")
    .filter({ hasNotText: DEMO.student.name })
    .filter({ hasNotText: DEMO.unactivatedStudent.name })
    .first();
  const name = (await card.innerText()).split(/\s+/)[0]!;
  await card.getByRole("button", { name: "录入" }).click();
  await expect(page.getByRole("heading", { name: `纸质申请 · ${name}` })).toBeVisible();

  // Submitting too early names what is missing.
  await page.getByRole("button", { name: "提交纸质申请" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "资助项目" }).first()).toBeVisible();

  await page.getByRole("region", { name: "资助项目" }).getByRole("checkbox").first().check();
  await page.getByRole("region", { name: "资助项目" }).getByRole("button", { name: "保存，下一步" }).click();
  await expect(page.getByRole("status").filter({ hasText: "资助项目已保存" })).toBeVisible();

  await page.getByLabel("家庭居住地（城镇/农村）").selectOption({ label: "城镇" });
  await page.getByLabel("家庭年总收入（元）", { exact: true }).fill("20000");
  await page.getByLabel("家庭人口数", { exact: true }).fill("3");
  await answerYesNo(page, /国家机关/, "否");
  await answerYesNo(page, /稳定收入项目/, "否");
  await page.getByRole("button", { name: "＋ 添加家庭成员" }).click();
  await page.getByLabel("姓名", { exact: true }).fill("王大山");
  await page.getByLabel("与学生关系", { exact: true }).fill("父亲");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status").filter({ hasText: "家庭经济情况已保存" })).toBeVisible();

  await page.getByLabel(/选择扫描件或照片/).setInputFiles(files.gif);
  await page.getByRole("button", { name: "上传扫描件" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "只能上传JPG、PNG图片或PDF文件" })).toBeVisible();
  await page.getByLabel(/选择扫描件或照片/).setInputFiles(files.pdf);
  await page.getByRole("button", { name: "上传扫描件" }).click();
  await expect(page.getByRole("status").filter({ hasText: "扫描件已上传" })).toBeVisible();
  await expect(page.getByText("已上传：诊断证明.pdf")).toBeVisible();

  await page.getByRole("button", { name: "提交纸质申请" }).click();
  const timeline = page.getByRole("region", { name: "申请记录" });
  await expect(timeline).toContainText("已提交，待班主任核实");
  await expect(timeline).toContainText("班主任代为录入纸质申请");
  await page.getByRole("link", { name: "去核实" }).click();
  await expect(page.getByText("班主任代录纸质申请")).toBeVisible();
  await expect(page.getByRole("link", { name: "诊断证明.pdf" })).toBeVisible();
});

test("an enrolment error reported by a parent reaches the class teacher, who passes it to the school admin; the admin's fix shows up", async ({
  browser,
}) => {
  const child2 = DEMO.parent.children[1];
  const parent = await (await browser.newContext()).newPage();
  await signIn(parent, "家长", DEMO.parent.phone, DEMO.parent.password);
  await expect(parent).toHaveURL(/\/portal$/);
  await parent.getByTestId("child-card").filter({ hasText: child2.name }).getByRole("link").click();
  await expect(parent).toHaveURL(/\/portal\/apply\/[a-z0-9]+$/);
  await parent.goto(`${parent.url().replace(/\/$/, "")}/confirm`);
  await parent.getByText("信息有误？报告给班主任").click();
  await parent.getByLabel("哪项信息有误，正确的是什么", { exact: true }).fill("入学年月应为2025年9月");
  await parent.getByRole("button", { name: "报告班主任" }).click();
  await expect(parent.getByRole("status")).toContainText("已报告给班主任");
  await parent.context().close();

  const teacher = await (await browser.newContext()).newPage();
  await signIn(teacher, "教职工", "teacher_jun", DEMO.staffPassword);
  await expect(teacher).toHaveURL(/\/console$/);
  await teacher.goto("/console/teacher/roster");
  const issue = teacher.getByTestId("enrolment-issue").filter({ hasText: "入学年月应为2025年9月" });
  await expect(issue).toContainText(child2.name);
  await issue.getByRole("button", { name: "转交学校资助管理员" }).click();
  await expect(
    teacher.getByTestId("enrolment-issue").filter({ hasText: "入学年月应为2025年9月" }),
  ).toContainText("已转交学校资助管理员");

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "教职工", "admin_jun", DEMO.staffPassword);
  await expect(admin).toHaveURL(/\/console$/);
  await admin.goto("/console/admin/enrolment-issues");
  const queued = admin.getByTestId("enrolment-issue").filter({ hasText: "入学年月应为2025年9月" });
  await queued.getByRole("button", { name: "标记为已处理" }).click();
  await expect(queued.getByRole("alert").first()).toContainText("请写明做了什么处理");
  await queued.getByLabel("处理结果", { exact: true }).fill("已将入学年月更正为2025-09");
  await queued.getByRole("button", { name: "标记为已处理" }).click();
  await expect(
    admin.getByTestId("enrolment-issue").filter({ hasText: "入学年月应为2025年9月" }),
  ).toContainText("已处理：已将入学年月更正为2025-09");
  await admin.context().close();

  await teacher.reload();
  await expect(
    teacher.getByTestId("enrolment-issue").filter({ hasText: "入学年月应为2025年9月" }),
  ).toContainText("已处理：已将入学年月更正为2025-09");
});
