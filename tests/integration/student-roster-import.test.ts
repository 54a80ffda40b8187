/**
 * Student-roster import: a 10,000-row file with 50 bad rows of
 * five kinds reports exactly those rows; re-importing changes nothing;
 * all-or-nothing imports nothing; a student moved from another school keeps
 * their earlier determinations; formula cells and oversize files are refused.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { importRoster } from "@/lib/services/student-roster-import";
import {
  REJECTED_SHEET,
  writeRejectedRows,
  writeRosterExport,
  ROSTER_SHEET,
} from "@/lib/services/student-roster-export";
import { createSheetWriter, readSheetRows } from "@/lib/xlsx";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { tempPath, uniqueId, validRow, writeRosterFile } from "../support/student-roster-file";
import { sessionUser } from "../support/session-user";

type School = Awaited<ReturnType<typeof makeSchool>>;
let school: School;
let admin: SessionUser;
let gradeName: string;

async function schoolWithClasses(countyId: string) {
  const s = await makeSchool(countyId, "SENIOR");
  for (let c = 2; c <= 10; c++)
    await db().schoolClass.create({ data: { schoolId: s.school.id, gradeId: s.grade.id, name: `${c}班` } });
  const a = await makeStaff("SCHOOL_ADMIN", { schoolId: s.school.id });
  return { s, admin: sessionUser(a.user) };
}

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const w = await schoolWithClasses(county.id);
  school = w.s;
  admin = w.admin;
  gradeName = school.grade.name;
});

const all = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

async function rejectedFile(user: SessionUser, jobId: string) {
  const file = await tempPath(`rejected-${jobId}.xlsx`);
  const out = createWriteStream(file);
  const w = createSheetWriter(out, REJECTED_SHEET);
  const r = await writeRejectedRows(user, jobId, w);
  await w.finish();
  if (!out.writableFinished) await once(out, "finish");
  return { r, rows: (await all(readSheetRows(file))).map((x) => x.cells) };
}

describe("10,000-row import with 50 bad rows", () => {
  const N = 10_000;
  const bad = new Map<number, RegExp>(); // spreadsheet row number → expected reason
  let file: string;

  beforeAll(async () => {
    const rows = [];
    for (let i = 0; i < N; i++) {
      const rowNumber = i + 2;
      const kind = i % 200 === 7 ? Math.floor(i / 200) % 5 : -1; // 50 bad rows spread over the file, 10 of each kind
      const className = `${(i % 10) + 1}班`;
      if (kind === 0) {
        const id = uniqueId(i);
        const wrong = id.slice(0, 17) + (id.endsWith("0") ? "1" : "0");
        rows.push(validRow(i, gradeName, className, { idNumber: wrong, studentNo: `G${wrong}` }));
        bad.set(rowNumber, /校验位错误/);
      } else if (kind === 1) {
        rows.push(validRow(i - 3, gradeName, className, { name: `重复${i}` }));
        bad.set(rowNumber, new RegExp(`证件号码与第${rowNumber - 3}行重复`));
      } else if (kind === 2) {
        rows.push(validRow(i, gradeName, "99班"));
        bad.set(rowNumber, /班级“99班”.*不存在/);
      } else if (kind === 3) {
        rows.push(validRow(i, gradeName, className, { name: "" }));
        bad.set(rowNumber, /姓名为空/);
      } else if (kind === 4) {
        rows.push(validRow(i, gradeName, className, { enrolledOn: "2025-13" }));
        bad.set(rowNumber, /入学年月“2025-13”格式错误/);
      } else rows.push(validRow(i, gradeName, className));
    }
    file = await writeRosterFile("big.xlsx", rows);
  }, 120_000);

  it("all-or-nothing imports nothing and still reports every bad row", async () => {
    const r = await importRoster(admin, { filePath: file, fileName: "big.xlsx", mode: "ALL_OR_NOTHING" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({
      state: "DONE",
      committed: false,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 50,
      processedRows: N,
    });
    expect(r.data.message).toContain("没有导入任何数据");
    expect(await db().student.count({ where: { schoolId: school.school.id } })).toBe(0);
  }, 300_000);

  it("good-rows mode imports the 9,950 good rows and reports exactly the 50 bad ones with reasons", async () => {
    const r = await importRoster(admin, { filePath: file, fileName: "big.xlsx", mode: "GOOD_ROWS" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({
      state: "DONE",
      committed: true,
      created: N - 50,
      updated: 0,
      unchanged: 0,
      rejected: 50,
      progress: 100,
    });
    expect(await db().student.count({ where: { schoolId: school.school.id } })).toBe(N - 50);

    const { rows } = await rejectedFile(admin, r.data.id);
    expect(rows[0]?.slice(0, 3)).toEqual(["行号", "原因", "姓名"]);
    const body = rows.slice(1);
    expect(body.map((x) => Number(x[0])).sort((a, b) => a - b)).toEqual(
      [...bad.keys()].sort((a, b) => a - b),
    );
    for (const x of body) expect(x[1]).toMatch(bad.get(Number(x[0]))!);
    // The rejected row is given back as uploaded, so it can be fixed and re-imported.
    const missingName = body.find((x) => /姓名为空/.test(x[1]!))!;
    expect(missingName[6]).toMatch(/^G\d{17}[\dX]$/);

    const student = await db().student.findFirstOrThrow({
      where: { schoolId: school.school.id, person: { name: "学生0" } },
      include: { person: true, guardians: true },
    });
    expect(student.person.idNumberCipher).not.toContain(uniqueId(0));
    expect(student.person.idNumberMasked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(student.guardians[0]?.phoneMasked).toBe("139****0000");
    const audit = await db().auditLog.findFirst({ where: { action: "roster.import", targetId: r.data.id } });
    expect(audit?.schoolId).toBe(school.school.id);
  }, 300_000);

  it("re-importing the same file changes nothing", async () => {
    const before = await db().student.findMany({
      where: { schoolId: school.school.id },
      select: { id: true, updatedAt: true },
      orderBy: { id: "asc" },
    });
    const r = await importRoster(admin, { filePath: file, fileName: "big.xlsx", mode: "GOOD_ROWS" });
    expect(r.ok && r.data).toMatchObject({ created: 0, updated: 0, unchanged: N - 50, rejected: 50 });
    const after = await db().student.findMany({
      where: { schoolId: school.school.id },
      select: { id: true, updatedAt: true },
      orderBy: { id: "asc" },
    });
    expect(after).toEqual(before);
  }, 300_000);

  it("a changed class or guardian counts as updated", async () => {
    const f = await writeRosterFile("change.xlsx", [
      validRow(1, gradeName, "3班"),
      validRow(2, gradeName, "3班", { guardianPhone: "13700000000" }),
    ]);
    const r = await importRoster(admin, { filePath: f, fileName: "change.xlsx", mode: "GOOD_ROWS" });
    expect(r.ok && r.data).toMatchObject({ created: 0, updated: 2, unchanged: 0, rejected: 0 });
  }, 60_000);

  it("exports the roster with the template's columns and full ID numbers, audited", async () => {
    const out = createWriteStream(await tempPath("export.xlsx"));
    const w = createSheetWriter(out, ROSTER_SHEET);
    const r = await writeRosterExport(admin, w);
    await w.finish();
    expect(r.ok && r.data.rows).toBe(N - 50);
    const rows = await all(readSheetRows(out.path as string));
    expect(rows[0]?.cells).toEqual(ROSTER_SHEET.columns.map((c) => c.header));
    const id0 = uniqueId(0);
    expect(rows.some((x) => x.cells[3] === id0 && x.cells[0] === "学生0")).toBe(true);
    // Audited when the first ID number leaves (a cut-off download is on record) and when complete.
    const entries = await db().auditLog.findMany({
      where: { action: "roster.export", schoolId: school.school.id },
      orderBy: { id: "asc" },
      select: { detail: true },
    });
    expect(entries.map((entry) => entry.detail)).toEqual([
      { status: "started" },
      { status: "completed", rows: N - 50 },
    ]);
  }, 120_000);
});

describe("a student moving between schools", () => {
  it("keeps the person, their earlier applications and determinations; refused while still in school elsewhere", async () => {
    const { county } = await makeRegionTree();
    const junior = await makeSchool(county.id, "JUNIOR");
    const moved = await makeStudent(junior);
    const { term } = await makeCurrentTerm({ stage: "JUNIOR" });
    const model = await db().scoringModel.create({
      data: { name: "默认", version: 900 + Math.floor(Math.random() * 1000), config: {} },
    });
    const app = await db().application.create({
      data: {
        termId: term.id,
        personId: moved.person.id,
        studentId: moved.student.id,
        schoolId: junior.school.id,
        classId: junior.klass.id,
        state: "determined",
        submittedAt: new Date(),
        commitmentSignedAt: new Date(),
        verifiedAt: new Date(),
        reviewedAt: new Date(),
      },
    });
    await db().determination.create({
      data: {
        applicationId: app.id,
        scoringModelId: model.id,
        simulatedScore: 80,
        simulatedLevel: "SPECIAL",
        explanation: {},
        finalLevel: "SPECIAL",
        determinedAt: new Date(),
      },
    });

    const row = {
      name: moved.name,
      idNumber: moved.idNumber,
      studentNo: moved.studentNo,
      grade: gradeName,
      className: "2班",
      enrolledOn: "2026-09",
    };
    const f = await writeRosterFile("moved.xlsx", [row]);
    const refused = await importRoster(admin, { filePath: f, fileName: "moved.xlsx", mode: "GOOD_ROWS" });
    expect(refused.ok && refused.data).toMatchObject({ created: 0, rejected: 1 });
    const { rows } = await rejectedFile(admin, refused.ok ? refused.data.id : "");
    expect(rows[1]?.[1]).toMatch(/其他学校有学籍记录.*转出/);

    await db().student.update({ where: { id: moved.student.id }, data: { status: "GRADUATED" } });
    const r = await importRoster(admin, { filePath: f, fileName: "moved.xlsx", mode: "GOOD_ROWS" });
    expect(r.ok && r.data).toMatchObject({ created: 1, rejected: 0 });
    const person = await db().person.findUniqueOrThrow({
      where: { id: moved.person.id },
      include: {
        enrolments: { orderBy: { createdAt: "asc" } },
        applications: { include: { determination: true } },
      },
    });
    expect(person.enrolments.map((e) => [e.schoolId, e.status])).toEqual([
      [junior.school.id, "GRADUATED"],
      [school.school.id, "IN_SCHOOL"],
    ]);
    expect(person.applications.map((a) => a.determination?.finalLevel)).toEqual(["SPECIAL"]);
    expect(await db().person.count({ where: { idNumberHash: moved.person.idNumberHash } })).toBe(1);
  }, 60_000);
});

describe("refused files", () => {
  it("a formula cell fails the import naming the cell, nothing imported", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(ROSTER_SHEET.columns.map((c) => c.header));
    const v = validRow(50_001, gradeName, "1班");
    ws.addRow([v.name, "", "", v.idNumber, v.studentNo, "", gradeName, "1班", "2026-09"]);
    ws.getCell("A3").value = { formula: "A2", result: v.name } as ExcelJS.CellFormulaValue;
    const f = await tempPath("formula.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await importRoster(admin, { filePath: f, fileName: "formula.xlsx", mode: "GOOD_ROWS" });
    expect(r).toMatchObject({
      ok: true,
      data: { state: "FAILED", committed: false, created: 0, message: expect.stringContaining("第3行第A列") },
    });
  });

  it("an oversize file is refused before reading", async () => {
    const f = await writeRosterFile("oversize.xlsx", [validRow(60_000, gradeName, "1班")]);
    const r = await importRoster(admin, {
      filePath: f,
      fileName: "oversize.xlsx",
      mode: "GOOD_ROWS",
      maxBytes: 1024,
    });
    expect(r).toMatchObject({
      ok: true,
      data: { state: "FAILED", created: 0, message: expect.stringMatching(/文件过大/) },
    });
  });

  it("a teacher cannot import", async () => {
    const t = await makeStaff("TEACHER", { schoolId: school.school.id });
    const f = await writeRosterFile("t.xlsx", [validRow(70_000, gradeName, "1班")]);
    const r = await importRoster(sessionUser(t.user), { filePath: f, fileName: "t.xlsx", mode: "GOOD_ROWS" });
    expect(r.ok).toBe(false);
  });
});
