import { expect, test } from "@playwright/test";
import { ARCHIVE_DEMO } from "@/lib/db/seed/demo-accounts";
import { expectNoAxeViolations } from "./axe";
import { staffPage } from "./helpers";

const SENIOR = "广州市天河中学";
const JUNIOR = "广州市天河区华阳中学";

/**
 * 资助档案 of the seed's 何思琪 (lib/db/seed/student-archive.ts), who moved from 华阳中学 to 天河中学: the senior
 * high sees both schools' records (the junior high's read-only, masked), the junior high only its own, and
 * another class's teacher or a supervisor of another county gets 404.
 */
test("the new school sees both schools' records, the old one only its own, others nothing", async ({
  browser,
}) => {
  // The senior high's admin: from the student list, by keyboard, to the archive.
  const admin = await staffPage(browser, "admin_sen");
  await admin.goto(`/console/admin/students?q=${encodeURIComponent(ARCHIVE_DEMO.name)}`);
  await admin.getByRole("link", { name: ARCHIVE_DEMO.name }).focus();
  await admin.keyboard.press("Enter");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`${ARCHIVE_DEMO.name} 的资助档案`);
  const seniorUrl = admin.url();
  expect(seniorUrl).toMatch(/\/console\/students\/[a-z0-9-]+\/archive$/);

  const schools = admin.getByRole("region", { name: "就读学校" });
  await expect(schools.getByRole("row", { name: new RegExp(JUNIOR) })).toContainText(
    "原就读学校，只读，已脱敏",
  );
  await expect(schools.getByRole("row", { name: new RegExp(JUNIOR) })).toContainText("毕业");
  await expect(schools.getByRole("row", { name: new RegExp(SENIOR) })).toContainText("本校");
  await expect(schools.getByRole("row", { name: new RegExp(SENIOR) })).toContainText("高一2班");

  const applications = admin.getByTestId("archive-application");
  await expect(applications).toHaveCount(2);
  const earlier = applications.filter({ hasText: "2025-2026学年春季学期" });
  await expect(earlier).toContainText(JUNIOR);
  await expect(earlier).toContainText(/认定模型.*第\d+版/);
  await expect(earlier).toContainText("积分38分");
  await expect(earlier).toContainText("年级认定小组调整为困难");
  await expect(earlier).toContainText("班级—");
  // No link into the other school's determination pages.
  await expect(earlier.getByRole("link")).toHaveCount(0);
  await expect(applications.filter({ hasText: SENIOR })).toContainText("已提交");

  const rosters = admin.getByTestId("archive-roster-entry");
  await expect(rosters).toHaveCount(1);
  await expect(rosters.first()).toContainText("625.00");
  await expect(rosters.first()).toContainText("已签收");
  await expect(admin.getByTestId("archive-aid-record")).toContainText("625.00");
  await expect(admin.getByRole("region", { name: "特殊群体名单" })).toContainText("残疾人子女");
  // Masked in the page: no full ID number in the HTML.
  expect(await admin.content()).not.toContain(ARCHIVE_DEMO.idNumber);
  await expectNoAxeViolations(admin);

  // On paper: no console navigation, no print button.
  await admin.emulateMedia({ media: "print" });
  await expect(admin.getByRole("button", { name: "打印档案" })).toBeHidden();
  await expect(admin.getByRole("link", { name: "修改密码" })).toBeHidden();
  await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
  await admin.emulateMedia({ media: "screen" });

  // The junior high: only its own records; the senior high's enrolment is not found.
  const junior = await staffPage(browser, "admin_jun");
  await junior.goto(`/console/admin/students?q=${encodeURIComponent(ARCHIVE_DEMO.name)}`);
  await junior.getByRole("link", { name: ARCHIVE_DEMO.name }).click();
  await expect(junior.getByRole("heading", { level: 1 })).toHaveText(`${ARCHIVE_DEMO.name} 的资助档案`);
  await expect(junior.getByTestId("archive-scope-note")).toContainText("只显示本校的记录");
  await expect(junior.getByTestId("archive-application")).toHaveCount(1);
  await expect(junior.getByTestId("archive-application")).toContainText("初二2班");
  expect(await junior.locator("main").innerText()).not.toContain(SENIOR);
  await expectNoAxeViolations(junior);
  expect((await junior.goto(seniorUrl))?.status()).toBe(404);

  // Another class's teacher and a supervisor of another county: 404. The class teacher: the file.
  const otherTeacher = await staffPage(browser, "teacher_sen");
  expect((await otherTeacher.goto(seniorUrl))?.status()).toBe(404);
  const outside = await staffPage(browser, "sup_haizhu");
  expect((await outside.goto(seniorUrl))?.status()).toBe(404);
  const classTeacher = await staffPage(browser, "teacher_sen2");
  await classTeacher.goto(seniorUrl);
  await expect(classTeacher.getByTestId("archive-application")).toHaveCount(2);
  const supervisor = await staffPage(browser, "sup_tianhe");
  await supervisor.goto(seniorUrl);
  await expect(supervisor.getByTestId("archive-scope-note")).toContainText("主管部门只读查看");
  await expect(supervisor.getByTestId("archive-application")).toHaveCount(2);
});
