import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { buildResidentId } from "@/lib/domain/id-number";
import { createSheetWriter, readSheetRows } from "@/lib/xlsx";
import { expectNoAxeViolations } from "./axe";
import { signIn } from "./helpers";

const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
  Buffer.from("JFIF\0", "latin1"),
  Buffer.alloc(2000, 0x78),
  Buffer.from([0xff, 0xd9]),
]);

test("the aid officer imports a list, adds an entry by hand with an evidence file, records why a special-group student has no aid and exports it; the leader opens the list and the evidence", async ({
  page,
  browser,
}) => {
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-special-"));
  const file = path.join(dir, "低保名单.xlsx");
  const out = createWriteStream(file);
  const w = createSheetWriter(out, {
    name: "名单",
    columns: [{ header: "姓名" }, { header: "身份证件号", text: true }],
  });
  w.addRow([DEMO.student.name, DEMO.student.idNumber]);
  w.addRow(["外校学生", buildResidentId("440111", "2010-05-05", 777, "MALE")]);
  await w.finish();
  if (!out.writableFinished) await once(out, "finish");

  await signIn(page, "教职工", "admin_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole("link", { name: "特殊群体名单" }).click();

  const importBox = page.getByRole("region", { name: "导入中央下发名单" });
  await importBox.getByLabel("类别").selectOption({ label: "烈士子女" });
  await importBox.getByLabel("选择文件（.xlsx）").setInputFiles(file);
  await importBox.getByRole("button", { name: "开始导入" }).click();
  const result = importBox.getByRole("region", { name: "导入结果" });
  await expect(result.getByText(/导入完成/)).toBeVisible({ timeout: 30_000 });
  await expect(result.getByTestId("count-本校学生（比对上）")).toHaveText("1");
  await expect(result.getByTestId("count-非本校学生（未比对上）")).toHaveText("1");

  const handBox = page.getByRole("region", { name: "学校自采集" });
  await handBox.getByLabel("特殊群体类别").selectOption({ label: "重点困境儿童" });
  await handBox.getByLabel("姓名").fill(DEMO.unactivatedStudent.name);
  await handBox.getByLabel("身份证号").fill(DEMO.unactivatedStudent.idNumber);
  await handBox.getByRole("button", { name: "添加" }).click();
  await expect(handBox.getByRole("alert")).toContainText("请填写佐证说明");
  await expect(handBox.getByRole("alert")).toContainText("请上传佐证材料文件");
  await handBox.getByLabel("佐证说明").fill("民政部门困境儿童认定书，已核验");
  // A GIF is refused by its content; a JPEG photo of the certificate is accepted.
  await handBox.getByLabel("佐证材料文件").setInputFiles({
    name: "认定书.gif",
    mimeType: "image/gif",
    buffer: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
  });
  await handBox.getByRole("button", { name: "添加" }).click();
  await expect(handBox.getByRole("alert")).toContainText("只能上传JPG、PNG图片或PDF文件");
  await handBox
    .getByLabel("佐证材料文件")
    .setInputFiles({ name: "认定书.jpg", mimeType: "image/jpeg", buffer: JPEG });
  await handBox.getByRole("button", { name: "添加" }).click();
  await expect(handBox.getByRole("status")).toContainText("已比对到本校学生");

  await page.goto("/console/admin/special-groups?noaid=1");
  const list = page.getByRole("region", { name: "特殊群体学生" });
  const row = list.getByRole("row", { name: new RegExp(DEMO.unactivatedStudent.name) });
  await expect(row).toContainText("重点困境儿童");
  // The evidence opens through the authorised download (school staff only).
  const evidenceLink = row.getByRole("link", { name: /佐证材料/ });
  const res = await page.request.get((await evidenceLink.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/jpeg");
  // The route's sandboxing CSP reaches the browser (proxy.ts used to replace it with the page CSP).
  expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(Buffer.from(await res.body()).equals(JPEG)).toBe(true);
  const evidenceHref = (await evidenceLink.getAttribute("href"))!;

  // The school leader reaches the list from the console menu and may open the evidence too; they cannot add entries.
  const leader = await (await browser.newContext()).newPage();
  await signIn(leader, "教职工", "leader_sen", DEMO.staffPassword);
  await expect(leader).toHaveURL(/\/console$/);
  await leader.getByRole("link", { name: "特殊群体名单" }).click();
  await expect(leader.getByRole("heading", { name: "特殊群体名单与大数据比对" })).toBeVisible();
  await expect(leader.getByRole("region", { name: "学校自采集" })).toHaveCount(0);
  await leader.goto("/console/admin/special-groups?noaid=1");
  await expect(
    leader
      .getByRole("region", { name: "特殊群体学生" })
      .getByRole("row", { name: new RegExp(DEMO.unactivatedStudent.name) })
      .getByRole("link", { name: /佐证材料/ }),
  ).toHaveAttribute("href", evidenceHref);
  expect((await leader.request.get(evidenceHref)).status()).toBe(200);
  await leader.context().close();

  // 未资助原因上报: one page, reached from the special-group list; the admin records the reason there.
  await list.getByRole("link", { name: "未资助原因上报" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("未资助原因上报");
  await expectNoAxeViolations(page);
  const noAidRow = page
    .getByRole("region", { name: "未资助的特殊群体学生" })
    .getByRole("row", { name: new RegExp(DEMO.unactivatedStudent.name) });
  await noAidRow
    .getByLabel(`${DEMO.unactivatedStudent.name}的未资助原因`)
    .selectOption({ label: "本人（监护人）自愿放弃" });
  await noAidRow.getByLabel(`${DEMO.unactivatedStudent.name}的说明`).fill("家长书面放弃");
  await noAidRow.getByRole("button", { name: "保存" }).click();
  await expect(noAidRow.getByRole("status")).toContainText("已保存");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出未资助原因上报表" }).click(),
  ]);
  const saved = path.join(dir, "noaid.xlsx");
  await download.saveAs(saved);
  const rows: string[][] = [];
  for await (const r of readSheetRows(saved)) rows.push(r.cells);
  expect(rows[0]).toContain("未资助原因");
  expect(rows.find((r) => r[2] === DEMO.unactivatedStudent.name)?.slice(4)).toEqual([
    "重点困境儿童",
    "未申请",
    "本人（监护人）自愿放弃",
    "家长书面放弃",
  ]);

  // The leader reads the recorded reason on the same page (no form: recording is the admin's).
  const reader = await (await browser.newContext()).newPage();
  await signIn(reader, "教职工", "leader_sen", DEMO.staffPassword);
  await expect(reader).toHaveURL(/\/console$/);
  await reader.goto("/console/determination/no-aid-reasons");
  const readRow = reader
    .getByRole("region", { name: "未资助的特殊群体学生" })
    .getByRole("row", { name: new RegExp(DEMO.unactivatedStudent.name) });
  await expect(readRow).toContainText("本人（监护人）自愿放弃（家长书面放弃）");
  await expect(readRow.getByRole("combobox")).toHaveCount(0);
  await reader.context().close();
});
