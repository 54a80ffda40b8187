/**
 * Hostile spreadsheets end as FAILED import jobs with a Chinese reason, and
 * the web process (this test process, which runs the import services as the
 * route handlers do) never parses them: a 1 MB .xlsx whose shared strings
 * expand to 512 MB used to raise the server's memory by half a gigabyte,
 * and a larger one killed it. Also: a roster exported with a title row above
 * the header, ID numbers and phones from number cells, and control
 * characters in names, all through the real import.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { buildResidentId, validateResidentId } from "@/lib/domain/id-number";
import { importRoster } from "@/lib/services/student-roster-import";
import { importSpecialGroupList } from "@/lib/services/special-groups";
import { ROSTER_HEADERS, ROSTER_KEYS, type RosterKey } from "@/lib/domain/student-roster-row";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { tempPath, validRow, writeRosterFile } from "../support/student-roster-file";
import { writeSharedStringsBomb } from "../support/zip-bomb";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;
let bomb: string;
let lyingBomb: string;

const LIFTED = {
  zipBounds: { maxEntries: 1000, maxTotalBytes: 1e12, maxRatio: 1e9, ratioAppliesAbove: 0 },
  sheetBounds: { maxSharedStrings: 1e9, maxSharedStringChars: 1e12, maxColumns: 256, maxCellChars: 4000 },
};
const rssMb = () => process.memoryUsage().rss / 1048576;
const students = () => db().student.count({ where: { schoolId: school.school.id } });

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  const a = (await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user;
  admin = sessionUser({ id: a.id, role: "SCHOOL_ADMIN", displayName: "管理员", schoolId: school.school.id });
  bomb = await tempPath("bomb.xlsx");
  const b = await writeSharedStringsBomb(bomb, { headers: [...ROSTER_HEADERS], bombMb: 512 });
  expect(b.fileBytes).toBeLessThan(1.5 * 1048576);
  expect(b.expandedBytes).toBeGreaterThan(512 * 1048576);
  lyingBomb = await tempPath("lying-bomb.xlsx");
  await writeSharedStringsBomb(lyingBomb, { headers: [...ROSTER_HEADERS], bombMb: 512, lieAboutSizes: true });
}, 120_000);

describe("zip bombs", () => {
  it("a 1 MB roster expanding to 512 MB is refused from its zip directory; the job fails in Chinese", async () => {
    const before = rssMb();
    const r = await importRoster(admin, { filePath: bomb, fileName: "bomb.xlsx", mode: "GOOD_ROWS" });
    expect(r).toMatchObject({
      ok: true,
      data: {
        state: "FAILED",
        committed: false,
        created: 0,
        message: expect.stringMatching(/文件解压后的内容异常（解压后超过 320 MB）.*另存为/),
      },
    });
    expect(rssMb() - before).toBeLessThan(150);
    expect(await students()).toBe(0);
  }, 60_000);

  it("a zip directory that understates the sizes is caught by decompressing once and counting", async () => {
    const r = await importRoster(admin, {
      filePath: lyingBomb,
      fileName: "lie.xlsx",
      mode: "ALL_OR_NOTHING",
    });
    expect(r).toMatchObject({
      ok: true,
      data: { state: "FAILED", message: expect.stringContaining("实际解压大小与压缩包目录的记录不符") },
    });
  }, 60_000);

  it("the shared-string table is capped even when the archive passes", async () => {
    const r = await importRoster(admin, {
      filePath: bomb,
      fileName: "bomb.xlsx",
      mode: "GOOD_ROWS",
      limits: { zipBounds: LIFTED.zipBounds },
    });
    expect(r.ok && r.data).toMatchObject({
      state: "FAILED",
      message: expect.stringContaining("共享字符串超过"),
    });
  }, 120_000);

  it("past every bound, the bomb exhausts only the reading child's heap: the web process carries on", async () => {
    const before = rssMb();
    const r = await importRoster(admin, {
      filePath: bomb,
      fileName: "bomb.xlsx",
      mode: "GOOD_ROWS",
      limits: { ...LIFTED, heapMb: 64 },
    });
    expect(r.ok && r.data).toMatchObject({
      state: "FAILED",
      committed: false,
      message: expect.stringContaining("读取时超出了内存上限，已停止导入"),
    });
    expect(rssMb() - before).toBeLessThan(150);
    // The same process imports a good file right after.
    const good = await writeRosterFile("after-bomb.xlsx", [
      validRow(1, school.grade.name, school.klass.name),
    ]);
    const ok = await importRoster(admin, { filePath: good, fileName: "good.xlsx", mode: "GOOD_ROWS" });
    expect(ok.ok && ok.data).toMatchObject({ state: "DONE", created: 1 });
  }, 120_000);

  it("a read past the wall-clock limit is stopped and the job fails", async () => {
    const f = await writeRosterFile("slow.xlsx", [validRow(2, school.grade.name, school.klass.name)]);
    const r = await importRoster(admin, {
      filePath: f,
      fileName: "slow.xlsx",
      mode: "GOOD_ROWS",
      limits: { timeoutMs: 1 },
    });
    expect(r.ok && r.data).toMatchObject({
      state: "FAILED",
      message: expect.stringContaining("秒仍未完成，已停止导入"),
    });
  });

  it("the special-group list import refuses the bomb the same way", async () => {
    const r = await importSpecialGroupList(admin, {
      filePath: bomb,
      fileName: "bomb.xlsx",
      category: null,
      listYear: 2026,
    });
    expect(r.ok && r.data).toMatchObject({
      state: "FAILED",
      message: expect.stringContaining("文件解压后的内容异常"),
    });
  }, 60_000);
});

/** A valid resident ID whose 18 digits survive as a JavaScript number (a multiple of 64 below 2^63). */
function idExactAsNumber(): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = buildResidentId("440106", "2010-05-20", seq, seq % 2 ? "MALE" : "FEMALE");
    if (!id.endsWith("X") && String(Number(id)) === id && validateResidentId(id).ok) return id;
  }
  throw new Error("no such ID");
}

describe("rosters as schools have them", () => {
  it("finds the header below a title row; refuses ID numbers and phones from number cells and control characters", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("学生信息");
    ws.addRow(["天河中学在校学生信息（导出时间：2026-11-20 09:30）"]);
    ws.addRow([...ROSTER_HEADERS]);
    const put = (i: number, over: Partial<Record<RosterKey, string | number>> = {}) => {
      const v: Partial<Record<RosterKey, string | number>> = {
        ...validRow(i, school.grade.name, school.klass.name),
        ...over,
      };
      ws.addRow(ROSTER_KEYS.map((k) => v[k] ?? null));
    };
    put(100); // row 3: fine
    const numericId = idExactAsNumber();
    put(101, { idNumber: Number(numericId), studentNo: `G${numericId}` }); // row 4: valid ID, but a number cell
    put(102, { guardianPhone: 13900000102 }); // row 5: phone as a number
    put(103, { name: "张\u202e三" }); // row 6: a bidi override the forms refuse
    const f = await tempPath("titled.xlsx");
    await wb.xlsx.writeFile(f);

    const r = await importRoster(admin, { filePath: f, fileName: "titled.xlsx", mode: "GOOD_ROWS" });
    if (!r.ok) throw new Error(r.message);
    expect(r.data).toMatchObject({ state: "DONE", created: 1, rejected: 3 });
    const reasons = await db().importRejection.findMany({
      where: { jobId: r.data.id },
      orderBy: { rowNumber: "asc" },
      select: { rowNumber: true, reason: true },
    });
    expect(reasons).toEqual([
      { rowNumber: 4, reason: expect.stringMatching(/^证件号码是数字格式的单元格.*设置为“文本”格式/) },
      { rowNumber: 5, reason: expect.stringMatching(/^监护人手机号是数字格式的单元格/) },
      { rowNumber: 6, reason: expect.stringContaining("姓名含有无法识别的控制字符") },
    ]);
  });

  it("a file whose header is not among the first rows is refused naming the missing columns", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    for (let i = 0; i < 12; i++) ws.addRow([`说明第${i + 1}行`]);
    ws.addRow([...ROSTER_HEADERS]);
    const f = await tempPath("deep-header.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await importRoster(admin, { filePath: f, fileName: "deep.xlsx", mode: "GOOD_ROWS" });
    expect(r.ok && r.data).toMatchObject({
      state: "FAILED",
      message: expect.stringContaining("表头缺少必需的列：“姓名”"),
    });
  });
});
