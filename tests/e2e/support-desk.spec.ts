import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { makeFixtureFiles } from "./fixtures/files";
import { staffPage } from "./helpers";

const problemSection = (page: Page) => page.getByRole("region", { name: "问题信息" });

test("a teacher files a technical problem with a screenshot; the school passes it up; the county answers; the teacher confirms and rates it", async ({
  browser,
}) => {
  const files = makeFixtureFiles();
  const description = `点击“导出班级申请”后页面空白（e2e ${Date.now()}）`;

  // The teacher files it, by keyboard where a form is typed.
  const teacher = await staffPage(browser, "teacher_sen");
  await teacher.getByRole("link", { name: "问题反馈" }).click();
  await expect(teacher.getByRole("heading", { name: "问题反馈", level: 1 })).toBeVisible();
  await expectNoAxeViolations(teacher);
  await teacher.getByRole("link", { name: "提交问题" }).click();
  await expect(teacher.getByRole("heading", { name: "提交问题", level: 1 })).toBeVisible();
  await expectNoAxeViolations(teacher);
  const form = teacher.getByRole("form", { name: "提交问题" });
  // Sent without a category: the field says what to fix, nothing is filed.
  await form.getByLabel("问题描述").fill(description);
  // The 常见问题 most like the typed words are suggested before filing.
  await form.getByLabel("问题描述").fill("家长登录时提示密码错误");
  await expect(form.getByRole("region", { name: "这些常见问题可能已经解答了您的问题" })).toContainText(
    "家长登录提示密码错误",
  );
  await expectNoAxeViolations(teacher);
  await form.getByLabel("问题描述").fill(description);
  await form.getByLabel("联系方式").fill("020-38880000");
  await form.getByRole("button", { name: "提交问题" }).click();
  await expect(form.getByLabel("问题类别")).toHaveAttribute("aria-invalid", "true");
  await expect(teacher).toHaveURL(/\/console\/support\/new$/);
  await form.getByLabel("问题类别").selectOption({ label: "技术类问题 — 系统漏洞" });
  await form.getByLabel("问题所在页面").fill("/console/teacher/applications");
  await form.getByLabel("截图或文件").setInputFiles(files.photo);
  await form.getByLabel("紧急（影响申请、认定或发放的截止时间）").focus();
  await teacher.keyboard.press("Space");
  await form.getByLabel("联系方式").focus();
  await teacher.keyboard.press("Enter");
  await expect(teacher).toHaveURL(/\/console\/support\/(?!new$)[a-z0-9]+$/);
  const problemUrl = teacher.url();
  await expect(teacher.getByRole("heading", { level: 1 })).toContainText("广州市-普通高中-技术类问题");
  await expect(problemSection(teacher)).toContainText("待受理 · 学校级");
  await expect(problemSection(teacher).getByRole("link", { name: "收入证明.jpg" })).toBeVisible();
  await expectNoAxeViolations(teacher);

  // The school's aid officer takes it (首接负责) and passes it up with what was tried.
  const admin = await staffPage(browser, "admin_sen");
  await admin.getByRole("link", { name: "问题受理" }).click();
  await expect(admin.getByRole("heading", { name: "问题受理", level: 1 })).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin
    .getByRole("row", { name: new RegExp(description.slice(0, 12)) })
    .getByRole("link")
    .click();
  await expect(admin).toHaveURL(problemUrl);
  await admin.getByRole("button", { name: "受理此问题（首接负责）" }).click();
  await expect(problemSection(admin)).toContainText("受理人");
  await admin.getByLabel("已采取的处理措施").fill("已换用两台电脑和两种浏览器，仍然空白。");
  await admin.getByRole("button", { name: "本级无法解决，上报上级" }).click();
  await expect(problemSection(admin)).toContainText("待受理 · 区县级");
  await expectNoAxeViolations(admin);

  // The county supervisor takes it, writes an internal note, replies and answers.
  const county = await staffPage(browser, "sup_tianhe");
  await county.goto("/console/support/queue");
  await county
    .getByRole("row", { name: new RegExp(description.slice(0, 12)) })
    .getByRole("link")
    .click();
  await county.getByRole("button", { name: "受理此问题（首接负责）" }).click();
  await expect(problemSection(county)).toContainText("处理中 · 区县级");
  const thread = county.getByRole("form", { name: "回复" });
  await thread.getByLabel("回复内容").fill("内部：疑似导出任务队列堵塞");
  await thread.getByLabel("作为内部备注（提交人看不到）").check();
  await thread.getByRole("button", { name: "发送" }).click();
  await expect(county.getByText("内部：疑似导出任务队列堵塞")).toBeVisible();
  await thread.getByLabel("回复内容").fill("已重启导出服务，请再试一次。");
  await thread.getByRole("button", { name: "发送" }).click();
  await expect(county.getByText("已重启导出服务，请再试一次。")).toBeVisible();
  await county.getByLabel("处理结果").fill("导出服务已恢复。");
  await county.getByRole("button", { name: "答复并办结" }).click();
  await expect(problemSection(county)).toContainText("已答复待确认");
  await expectNoAxeViolations(county);

  // The teacher sees every step and the reply (never the internal note), confirms and rates it by keyboard.
  await teacher.goto(problemUrl);
  const steps = teacher.getByRole("region", { name: "处理过程" });
  await expect(steps).toContainText("上报上级");
  await expect(steps).toContainText("已换用两台电脑和两种浏览器");
  await expect(teacher.getByText("已重启导出服务，请再试一次。")).toBeVisible();
  await expect(teacher.getByText("内部：疑似导出任务队列堵塞")).toHaveCount(0);
  await expect(problemSection(teacher)).toContainText("导出服务已恢复。");
  await expectNoAxeViolations(teacher);
  const rating = teacher.getByLabel("满意度评分");
  await rating.focus();
  await rating.selectOption("5");
  await teacher.keyboard.press("Tab");
  await teacher.keyboard.press("Enter");
  await expect(problemSection(teacher)).toContainText("已办结");
  await expect(problemSection(teacher)).toContainText("满意度：5 分");
});

test("the progress list shows an overdue problem first and says so in words; the console home counts it", async ({
  browser,
}) => {
  const admin = await staffPage(browser, "admin_sen");
  // The seed filed 高一2班's data problem 20 days ago: its 3 working days are long past.
  await expect(admin.getByRole("region", { name: "问题反馈处理" })).toContainText("已超期");
  await admin.getByRole("link", { name: "问题处理进度清单" }).first().click();
  await expect(admin.getByRole("heading", { name: "问题处理进度清单", level: 1 })).toBeVisible();
  await expectNoAxeViolations(admin);
  const firstRow = admin.getByRole("row").nth(1);
  await expect(firstRow).toContainText("学籍号显示为空");
  await expect(firstRow).toContainText(/已超期 \d+ 个工作日/);
  // Filters by keyboard: only 应用类 problems, so the overdue 技术类 one is gone.
  const category = admin.getByLabel("类别");
  await category.focus();
  await category.selectOption({ label: "应用类问题" });
  await admin.getByRole("button", { name: "筛选" }).press("Enter");
  await expect(admin).toHaveURL(/category=APPLICATION/);
  await expect(admin.getByText("学籍号显示为空")).toHaveCount(0);
});

test("a province supervisor adds a new year's holiday to the national calendar", async ({ browser }) => {
  const province = await staffPage(browser, "sup_guangdong");
  await province.goto("/console/supervisor/holidays");
  await expect(province.getByRole("heading", { name: "全国节假日安排", level: 1 })).toBeVisible();
  await expect(province.getByRole("region", { name: "2026年" })).toContainText("2026-10-10（周六）");
  await expectNoAxeViolations(province);
  await province.getByLabel("说明").fill("2027年元旦");
  await province.getByLabel("开始日期").fill("2027-01-01");
  await province.getByRole("button", { name: "保存" }).click();
  await expect(province.getByRole("status")).toContainText("已保存 1 天");
  await expect(province.getByRole("region", { name: "2027年" })).toContainText("2027-01-01（周五）");

  const county = await staffPage(browser, "sup_tianhe");
  await county.goto("/console/supervisor/holidays");
  await expect(county.getByText("节假日安排由省级主管部门维护。")).toBeVisible();
});

test("staff search the province's 常见问题; the province adds one", async ({ browser }) => {
  const teacher = await staffPage(browser, "teacher_jun");
  await teacher.getByRole("link", { name: "常见问题" }).click();
  await expect(teacher.getByRole("heading", { name: "常见问题", level: 1 })).toBeVisible();
  await teacher.getByLabel("关键词").fill("学籍号为空");
  await teacher.getByLabel("关键词").press("Enter");
  await expect(teacher.getByRole("heading", { name: "导出家庭经济信息时提示学籍号为空" })).toBeVisible();
  await expect(teacher.getByRole("heading", { name: "新增常见问题" })).toHaveCount(0);
  await expectNoAxeViolations(teacher);

  const province = await staffPage(browser, "sup_guangdong");
  await province.goto("/console/support/answers");
  await province.getByLabel("标题").fill("公示期限如何计算");
  await province.getByLabel("解答").fill("按工作日计算，不含周末和法定节假日。");
  await province.getByRole("button", { name: "保存常见问题" }).click();
  await expect(province.getByRole("status")).toContainText("已保存");
  await expect(province.getByRole("heading", { name: "公示期限如何计算" })).toBeVisible();
  await expectNoAxeViolations(province);
});
