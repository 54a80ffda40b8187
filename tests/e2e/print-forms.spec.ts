import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./helpers";

const run = promisify(execFile);

/** The page printed by Chromium to an A4 PDF, read back with poppler's pdftotext and pdfinfo. */
async function printedText(page: Page, name: string): Promise<{ text: string; pages: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), "print-e2e-"));
  try {
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, await page.pdf({ format: "A4", preferCSSPageSize: true }));
    const text = (await run("pdftotext", ["-layout", file, "-"])).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec((await run("pdfinfo", [file])).stdout)?.[1] ?? 0);
    return { text, pages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pdftotext spaces CJK text out in layout mode; compare without white space. */
const squeeze = (text: string) => text.replace(/\s+/g, "");

test("the class teacher prints the class's application forms and sign-off sheet to PDF: names, level and amount in the text, one form per student", async ({
  page,
}) => {
  await signIn(page, "教职工", "teacher_pri", DEMO.staffPassword);
  await page.getByRole("link", { name: "打印表格" }).click();
  await expect(page.getByRole("heading", { name: /打印表格/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const klass = page.getByTestId("print-class").first();

  // The class's application forms: one document per submitted application, each on its own sheet.
  await klass.getByRole("link", { name: "家庭经济困难学生认定申请表" }).click();
  await expect(page.getByRole("heading", { name: "家庭经济困难学生认定申请表", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  const forms = page.getByTestId("print-application");
  const count = await forms.count();
  expect(count).toBeGreaterThan(0);
  const determined = forms.filter({ hasText: "认定等级" }).first();
  const name = (
    await determined.locator("tr", { hasText: "姓名" }).first().locator("td").first().innerText()
  ).trim();
  const level = (await determined.locator("tr", { hasText: "认定等级" }).locator("td").innerText()).trim();
  expect(level).toMatch(/困难/);
  // On paper only the forms: no navigation, no button.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: /^打印（/ })).toBeHidden();
  const formsPdf = await printedText(page, "forms");
  const formsText = squeeze(formsPdf.text);
  expect(formsText).toContain(name);
  expect(formsText).toContain(level);
  expect(formsText).toContain("本人承诺");
  expect(formsText.split("家庭经济困难学生认定申请表").length - 1).toBe(count);
  expect(formsPdf.pages).toBeGreaterThanOrEqual(count);
  await page.emulateMedia({ media: "screen" });

  // The class's sign-off sheet of the term's grant: names and amounts in 元, one sheet.
  await page.goto("/print");
  await page
    .getByTestId("print-class")
    .first()
    .getByRole("link", { name: /资助发放签收表/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "资助发放签收表", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  const row = page.getByTestId("sign-off-row").first();
  const cells = row.locator("td");
  const student = (await cells.nth(1).innerText()).trim();
  const amount = (await cells.nth(4).innerText()).trim();
  expect(amount).toMatch(/^\d+\.\d{2}$/);
  const sheet = await printedText(page, "sign-off");
  expect(squeeze(sheet.text)).toContain(student);
  expect(sheet.text).toContain(amount);
  expect(squeeze(sheet.text)).toContain("学生或家长签字");
  expect(sheet.pages).toBeGreaterThanOrEqual(1);

  // Another school's class is not found.
  const other = await page.request.get("/print/applications?classId=not-a-class-of-mine");
  expect(other.status()).toBe(404);
});

test("the school admin's term archive page and school forms are accessible; a teacher cannot open them", async ({
  page,
}) => {
  await signIn(page, "教职工", "admin_pri", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console/);
  await page.goto("/print");
  await page.getByRole("link", { name: "家庭经济困难学生认定结果汇总表" }).click();
  await expect(page.getByTestId("print-determination-summary")).toContainText("校长（学校领导小组组长）签字");
  await expectNoAxeViolations(page);
  await page.goto("/console/archive");
  await expect(page.getByRole("heading", { name: "学期资助档案" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.context().clearCookies();
  await signIn(page, "教职工", "teacher_pri", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console/);
  await page.goto("/console/archive");
  await expect(page).toHaveURL(/\/forbidden/);
});
