import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { alerts, completeFollowUp, FULL_MOBILE, recordSchoolCommitteeAndSignOff, staffPage } from "./helpers";
import { expectNoAxeViolations } from "./axe";

/**
 * From the teacher-verified applications of a class to a determination that
 * is signed off, publicised, exported, and an approved roster (seeded demo
 * school 广州市天河中学: admin_sen, leader_sen).
 */
test.describe.configure({ mode: "serial" });

test("admin determines a class, the leader signs off, the result is publicised, exported and rostered", async ({
  browser,
}) => {
  // A long scenario (now with the publicity preview and its accessibility check): room on a busy machine.
  test.setTimeout(120_000);
  const admin = await staffPage(browser, "admin_sen");

  // 1. The queue of verified applications; open one and see the explanation.
  await admin.goto("/console/determination?state=verified");
  const first = admin.getByTestId("queue-row").first();
  await expect(first).toBeVisible();
  const className = (await first.locator("td").nth(1).innerText()).trim();
  await first.getByRole("link", { name: "查看与认定" }).click();
  await expect(admin.getByTestId("simulated")).toContainText("模拟积分");
  await expect(admin.getByTestId("level-rule")).toContainText("定级依据");
  const simulated = (await admin.getByTestId("simulated").innerText()).match(
    /模拟等级 (特别困难|困难|一般困难|不困难)/,
  )![1];

  // 2. A level different from the simulated one without a reason is refused; with a reason it is saved.
  const other = simulated === "特别困难" ? "困难" : "特别困难";
  await admin.getByLabel("认定等级", { exact: true }).selectOption({ label: other });
  await admin.getByRole("button", { name: "保存认定等级" }).click();
  await expect(alerts(admin).first()).toContainText("请在“调整理由”中写明原因");
  await admin
    .getByLabel("调整理由（与模拟等级不同时必填；沿用年级调整等级时可不填）")
    .fill("入户调查发现母亲新近确诊重病");
  await admin.getByRole("button", { name: "保存认定等级" }).click();
  await expect(admin.getByRole("status")).toContainText("已保存认定等级");

  // 3. Bulk acceptance of the rest of the class.
  await admin.goto("/console/determination");
  // Grade first (a large school has hundreds of classes), then the grade's classes.
  await expect(admin.getByLabel("班级", { exact: true })).toBeDisabled();
  const grades = await admin.getByLabel("年级", { exact: true }).locator("option").allInnerTexts();
  const grade = grades
    .filter((g) => g !== "全部年级" && className.startsWith(g))
    .sort((a, b) => b.length - a.length)[0]!;
  await admin.getByLabel("年级", { exact: true }).selectOption({ label: grade });
  await admin.getByRole("button", { name: "筛选" }).click();
  await admin.getByLabel("班级", { exact: true }).selectOption({ label: className });
  await admin.getByRole("button", { name: "筛选" }).click();
  admin.once("dialog", (d) => d.accept());
  await admin.getByRole("button", { name: "确认本班模拟等级" }).click();
  await expect(admin.getByRole("status")).toContainText(/已确认\d+人的模拟等级/);

  // 4. School committee, then the leader's sign-off; publicity refused before it.
  await admin.goto("/console/determination/publicity");
  await admin.getByRole("button", { name: "预览公示名单" }).click();
  await expect(alerts(admin).first()).toContainText("校级认定小组尚未审核");
  const leader = await staffPage(browser, "leader_sen");
  await recordSchoolCommitteeAndSignOff(admin, leader);
  await expect(leader.getByTestId("steps")).toContainText("校长（学校领导小组）签字");

  // 5. The school publicity waits for the satisfaction survey and follow-up visits (满意度调查与回访).
  await admin.goto("/console/determination/publicity");
  await admin.getByRole("button", { name: "预览公示名单" }).click();
  await expect(alerts(admin).first()).toContainText("公示前须完成满意度调查与回访");
  await completeFollowUp(admin);
  //    School publicity of 5 working days; the public page shows no ID number, phone or income.
  //    First the preview: who will be listed, and the applications still undetermined.
  await admin.goto("/console/determination/publicity");
  await admin.getByRole("button", { name: "预览公示名单" }).click();
  await expect(admin.getByTestId("preview-count")).toBeVisible();
  const listed = await admin.getByTestId("preview-row").count();
  expect(listed).toBeGreaterThan(0);
  await expect(admin.getByTestId("preview-count")).toHaveText(String(listed));
  await expect(admin.getByTestId("pending-warning")).toContainText(/还有 \d+ 份申请尚未认定/);
  await expectNoAxeViolations(admin);
  // Publishing over them without "已知晓" is refused (the browser's required check, then the server's).
  await admin.getByRole("checkbox", { name: /已知晓/ }).check();
  await admin.getByRole("button", { name: "确认发布公示" }).click();
  await expect(admin.getByRole("status")).toContainText(`已发布公示（${listed}人）`);
  await expect(admin.getByRole("status")).toContainText(/公示期至 \d{4}-\d{2}-\d{2}/);
  await admin.reload();
  await admin.getByRole("link", { name: "公示页" }).first().click();
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("认定结果公示");
  const html = await admin.content();
  // No ID number: 18 characters standing alone (a server action's hex id may begin with 18 digits).
  expect(html).not.toMatch(/(?<![\da-fA-F])\d{17}[\dXx](?![\da-fA-F])/);
  expect(html).not.toMatch(FULL_MOBILE); // no mobile number
  expect(html).not.toContain("收入");

  // 6. Export as a job: started on the page, validated by the worker (the page refreshes itself each
  // second while it runs), then downloaded through the task's authorised route.
  await admin.goto("/console/determination/export");
  await admin.getByRole("button", { name: "开始导出" }).click();
  await expect(admin.getByText("已开始导出")).toBeVisible();
  const task = admin.getByTestId("export-task").first();
  await expect(task).toHaveAttribute("data-state", "DONE", { timeout: 60_000 });
  await expect(task.getByTestId("validation-summary")).toContainText("校验通过");
  await expectNoAxeViolations(admin);
  const download = task.getByRole("link", { name: "下载导入文件（.xlsx）" });
  await download.focus();
  await expect(download).toBeFocused(); // keyboard-reachable
  const href = (await download.getAttribute("href"))!;
  expect(href).toMatch(/^\/console\/exports\/[a-z0-9]+$/);
  const res = await admin.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("spreadsheetml");
  expect((await res.body()).subarray(0, 2).toString()).toBe("PK");
  const refused = await leader.request.get(href);
  expect(refused.status()).toBe(403);
  // The file streamed by the route is the validated export: header and one row per determined student.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as never);
  expect(wb.worksheets[0]!.name).toBe("家庭经济信息");
  expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe("学籍号");
  expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(1);
  // 未资助原因上报 goes through the same streaming writer.
  const noAid = await admin.request.get("/console/determination/no-aid-reasons/download");
  expect(noAid.status()).toBe(200);
  const noAidBook = new ExcelJS.Workbook();
  await noAidBook.xlsx.load((await noAid.body()) as never);
  expect(noAidBook.worksheets[0]!.getRow(1).values).toEqual([
    undefined,
    "年级",
    "班级",
    "姓名",
    "身份证件号（脱敏）",
    "特殊群体类别",
    "本学期申请状态",
    "未资助原因",
    "说明",
  ]);

  // 7. Roster of the senior-high grant: generate, approve, locked.
  await admin.goto("/console/rosters");
  const grant = admin.getByRole("region", { name: "普通高中国家助学金" });
  await grant.getByRole("button", { name: /生成候选名单|重新生成名单/ }).click();
  await expect(grant.getByRole("status")).toContainText(/已生成名单：\d+人/);
  await admin.reload();
  await admin
    .getByRole("region", { name: "普通高中国家助学金" })
    .getByRole("link", { name: "查看名单" })
    .click();
  await expect(admin.getByTestId("roster-entry").first()).toBeVisible();
  await admin.getByRole("button", { name: "审核通过并锁定名单" }).click();
  // The approve button gives way to the unlock form once the roster is locked.
  await expect(admin.getByTestId("roster-state")).toContainText("已审核通过（锁定）");
  await expect(admin.getByRole("button", { name: "解锁名单" })).toBeVisible();
  await admin.getByRole("button", { name: "开始导出资助名册" }).click();
  const bookTask = admin.getByTestId("export-task").first();
  await expect(bookTask).toHaveAttribute("data-state", "DONE", { timeout: 60_000 });
  const bookHref = (await bookTask
    .getByRole("link", { name: "下载导入文件（.xlsx）" })
    .getAttribute("href"))!;
  const book = await admin.request.get(bookHref);
  expect(book.status()).toBe(200);
  const bw = new ExcelJS.Workbook();
  await bw.xlsx.load((await book.body()) as never);
  expect(bw.worksheets[0]!.name).toBe("资助名册");
  expect(bw.worksheets[0]!.rowCount).toBeGreaterThan(1);
});
