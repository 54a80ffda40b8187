import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { buildResidentId } from "@/lib/domain/id-number";
import { ROSTER_COLUMNS, type RosterValues } from "@/lib/domain/student-roster-row";
import { createSheetWriter, readSheetRows } from "@/lib/xlsx";
import { signIn } from "./helpers";

async function rosterFile(rows: Partial<RosterValues>[]): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "e2e-roster-")), "名册.xlsx");
  const out = createWriteStream(file);
  const w = createSheetWriter(out, {
    name: "在校生信息",
    columns: ROSTER_COLUMNS.map((c) => ({ header: c.names[0], text: true })),
  });
  for (const r of rows) w.addRow(ROSTER_COLUMNS.map((c) => r[c.key] ?? ""));
  await w.finish();
  if (!out.writableFinished) await once(out, "finish");
  return file;
}

const student = (i: number, over: Partial<RosterValues> = {}): Partial<RosterValues> => {
  const id = buildResidentId("440111", `2010-0${i}-1${i}`, 500 + i, i % 2 ? "MALE" : "FEMALE");
  return {
    name: `导入学生${i}`,
    idNumber: id,
    studentNo: `G${id}`,
    grade: "高一",
    className: "2班",
    enrolledOn: "2026-09",
    guardianName: `家长${i}`,
    guardianRelation: "父亲",
    guardianPhone: `1390000100${i}`,
    ...over,
  };
};

test("the aid officer uploads a roster, sees the result and downloads the rejected rows", async ({
  page,
}) => {
  const good = [student(1), student(2), student(3)];
  const bad = [student(4, { className: "9班" }), student(5, { enrolledOn: "2026-13" })];
  const file = await rosterFile([...good, ...bad]);

  await signIn(page, "教职工", "admin_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole("link", { name: "学生名册导入" }).click();
  await expect(page.getByRole("heading", { name: "在校生信息导入" })).toBeVisible();

  await page.getByLabel("选择文件（.xlsx）").setInputFiles(file);
  await page.getByRole("button", { name: "开始导入" }).click();

  const result = page.getByRole("region", { name: "导入结果" });
  await expect(result.getByText(/导入完成/)).toBeVisible({ timeout: 30_000 });
  await expect(result.getByTestId("count-新增")).toHaveText("3");
  await expect(result.getByTestId("count-未导入（有错误）")).toHaveText("2");
  await expect(result.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    result.getByRole("link", { name: /下载未导入的行/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/未导入的行.*\.xlsx$/);
  const saved = path.join(await mkdtemp(path.join(tmpdir(), "e2e-dl-")), "rejected.xlsx");
  await download.saveAs(saved);
  const rows: string[][] = [];
  for await (const r of readSheetRows(saved)) rows.push(r.cells);
  expect(rows[0]?.slice(0, 3)).toEqual(["行号", "原因", "姓名"]);
  expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
    ["5", "导入学生4"],
    ["6", "导入学生5"],
  ]);
  expect(rows[1]?.[1]).toContain("班级“9班”在高一中不存在");
  expect(rows[2]?.[1]).toContain("入学年月“2026-13”格式错误");

  // Re-importing the good rows changes nothing.
  await page.reload();
  const list = page.getByRole("region", { name: "本校学生" });
  await expect(list).toContainText("导入学生1");
  await expect(list).not.toContainText(good[0]!.idNumber!); // masked by default
  await page.getByLabel("选择文件（.xlsx）").setInputFiles(await rosterFile(good));
  await page.getByRole("button", { name: "开始导入" }).click();
  await expect(result.getByText(/导入完成/)).toBeVisible({ timeout: 30_000 });
  await expect(result.getByTestId("count-无变化")).toHaveText("3");
  await expect(result.getByTestId("count-新增")).toHaveText("0");
});

test("a teacher cannot open the import page", async ({ page }) => {
  await signIn(page, "教职工", "teacher_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.goto("/console/admin/students");
  await expect(page).toHaveURL(/\/forbidden/);
});
