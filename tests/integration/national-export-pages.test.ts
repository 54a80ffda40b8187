/**
 * The national exports read the database in pages and stream
 * the file. With a page of a few rows, an export spanning several pages must
 * hold every row exactly once, in the file's order (grade, class, name), and
 * be the same file as one page gives; a problem on a later page must still
 * block the file and be reported with its row.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { maskIdNumber } from "@/lib/domain/mask";
import {
  downloadExport,
  prepareDeterminationExport,
  prepareRosterExport,
} from "@/lib/services/national-export";
import { ensureDefaultModel, makeApplication, makeRoster } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { readAll } from "../support/streams";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;
/** The determined applications' names in the file's order. */
let expectedNames: string[];
const exported: { appId: string; studentId: string; name: string; idNumber: string }[] = [];

async function sheetOf(stream: AsyncIterable<unknown>): Promise<{ name: string; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readAll(stream)) as never);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(String(row.getCell(c).value ?? ""));
    rows.push(cells);
  });
  return { name: ws.name, rows };
}

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await ensureDefaultModel();
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  // Two grades and three classes, names out of order on purpose.
  const grade2 = await db().grade.create({
    data: { schoolId: school.school.id, stage: "SENIOR", name: "二年级", entryYear: 2025 },
  });
  const class2 = await db().schoolClass.create({
    data: { schoolId: school.school.id, gradeId: school.grade.id, name: "2班" },
  });
  const class3 = await db().schoolClass.create({
    data: { schoolId: school.school.id, gradeId: grade2.id, name: "1班" },
  });
  const places = [
    { ...school, name: "周八" },
    { ...school, klass: class2, name: "陈一" },
    { ...school, grade: grade2, klass: class3, name: "王二" },
    { ...school, name: "李三" },
    { ...school, klass: class2, name: "赵四" },
    { ...school, grade: grade2, klass: class3, name: "钱五" },
    { ...school, name: "孙六" },
  ];
  for (const p of places) {
    const { app, student } = await makeApplication(p, "determined", {
      name: p.name,
      level: exported.length % 2 ? "GENERAL" : "HARDSHIP",
    });
    exported.push({ appId: app.id, studentId: student.student.id, name: p.name, idNumber: student.idNumber });
  }
  await makeApplication(school, "verified", { name: "未认定生" }); // not in the export
  const order = await db().application.findMany({
    where: { schoolId: school.school.id, state: "determined" },
    orderBy: [{ class: { grade: { name: "asc" } } }, { class: { name: "asc" } }, { person: { name: "asc" } }],
    select: { person: { select: { name: true } } },
  });
  expectedNames = order.map((a) => a.person.name);
});

describe("the 家庭经济信息 export read in pages", () => {
  it("holds every row exactly once, in order, and is the same file as one page gives", async () => {
    const paged = await downloadExport(admin, "determination", undefined, { pageSize: 3 });
    const whole = await downloadExport(admin, "determination", undefined, { pageSize: 2000 });
    if (!paged.ok || !whole.ok) throw new Error("export refused");
    expect(paged.data).toMatchObject({ valid: true, rowCount: 7 });
    const a = await sheetOf(paged.data.stream);
    const b = await sheetOf(whole.data.stream);
    expect(a).toEqual(b);
    expect(a.name).toBe("家庭经济信息");
    expect(a.rows[0]!.slice(0, 4)).toEqual(["学籍号", "姓名", "身份证件类型", "身份证件号"]);
    const body = a.rows.slice(1);
    expect(body.map((r) => r[1])).toEqual(expectedNames);
    expect(expectedNames).toHaveLength(7);
    expect(new Set(body.map((r) => r[3])).size).toBe(7);
    expect(body.map((r) => r[3]).sort()).toEqual(exported.map((e) => e.idNumber).sort()); // full ID numbers, each once
    const check = await prepareDeterminationExport(admin, { pageSize: 2 });
    expect(check).toMatchObject({
      ok: true,
      data: { rowCount: 7, problems: [], summary: "校验通过：共7行，无问题。" },
    });
  });

  it("blocks the file when a row on a later page is invalid, and reports it with its row", async () => {
    const last = exported.find((e) => e.name === expectedNames[6])!;
    await db().household.update({ where: { applicationId: last.appId }, data: { address: "龙洞街道\t1号" } });
    try {
      const check = await prepareDeterminationExport(admin, { pageSize: 3 });
      if (!check.ok) throw new Error(check.message);
      expect(check.data.problems).toEqual([
        { row: 8, column: "家庭住址", value: "龙洞街道\t1号", message: "“家庭住址”不能包含换行或制表符" },
      ]);
      const before = await db().auditLog.count({
        where: { action: "export.determination.report", actorUserId: admin.id },
      });
      const d = await downloadExport(admin, "determination", undefined, { pageSize: 3 });
      if (!d.ok) throw new Error(d.message);
      expect(d.data).toMatchObject({
        valid: false,
        rowCount: 7,
        fileName: expect.stringMatching(/^校验报告-家庭经济信息-/),
      });
      const report = await sheetOf(d.data.stream);
      expect(report.name).toBe("校验报告");
      expect(report.rows).toEqual([
        ["行号", "列", "内容", "问题"],
        ["8", "家庭住址", "龙洞街道\t1号", "“家庭住址”不能包含换行或制表符"],
      ]);
      expect(report.rows.flat().join("\n")).not.toContain(last.idNumber); // no export data in the report
      expect(
        await db().auditLog.count({
          where: { action: "export.determination.report", actorUserId: admin.id },
        }),
      ).toBe(before + 1);
    } finally {
      await db().household.update({ where: { applicationId: last.appId }, data: { address: "测试地址1号" } });
    }
  });

  it("reports an ID number that repeats across pages at its later row", async () => {
    const [first, second] = [
      exported.find((e) => e.name === expectedNames[0])!,
      exported.find((e) => e.name === expectedNames[5])!,
    ];
    const app = await db().application.findUniqueOrThrow({
      where: { id: second.appId },
      select: { personId: true },
    });
    const person = await db().person.findUniqueOrThrow({ where: { id: app.personId } });
    const firstPerson = await db().person.findFirstOrThrow({
      where: { applications: { some: { id: first.appId } } },
    });
    // the sixth row's person carries the first row's ID number (a data-entry slip): the registry and the duplicate check see it
    await db().person.update({
      where: { id: person.id },
      data: { idNumberCipher: firstPerson.idNumberCipher },
    });
    try {
      const check = await prepareDeterminationExport(admin, { pageSize: 2 });
      if (!check.ok) throw new Error(check.message);
      expect(check.data.problems).toEqual([
        { row: 7, column: "身份证件号", value: first.idNumber, message: "身份证件号与第2行重复" },
      ]);
    } finally {
      await db().person.update({ where: { id: person.id }, data: { idNumberCipher: person.idNumberCipher } });
    }
  });
});

describe("the registry check of a paged export", () => {
  it("checks a row against the school's student in school with that 学籍号, also on a later page", async () => {
    const row = exported.find((e) => e.name === expectedNames[4])!;
    const app = await db().application.findUniqueOrThrow({
      where: { id: row.appId },
      select: { studentId: true, student: { select: { studentNo: true } } },
    });
    // the applicant has left; the 学籍号 now belongs to another student in school (a registry clash the national system would refuse)
    await db().student.update({ where: { id: app.studentId }, data: { status: "TRANSFERRED_OUT" } });
    const holder = await makeStudent(school, { name: "现学籍生" });
    await db().student.update({
      where: { id: holder.student.id },
      data: { studentNo: app.student.studentNo },
    });
    try {
      const check = await prepareDeterminationExport(admin, { pageSize: 2 });
      if (!check.ok) throw new Error(check.message);
      expect(check.data.problems).toEqual([
        { row: 6, column: "姓名", value: row.name, message: "“姓名”与学籍信息不一致（学籍为：现学籍生）" },
        {
          row: 6,
          column: "身份证件号",
          value: row.idNumber,
          message: `“身份证件号”与学籍信息不一致（学籍为：${maskIdNumber(holder.idNumber)}）`,
        },
      ]);
    } finally {
      await db().student.update({ where: { id: holder.student.id }, data: { studentNo: holder.studentNo } });
      await db().student.update({ where: { id: app.studentId }, data: { status: "IN_SCHOOL" } });
    }
  });
});

describe("the 资助名册 export read in pages", () => {
  it("gives every entry once, the same file as one page, with full ID numbers; an unapproved roster gives the report", async () => {
    const roster = await makeRoster(
      school.school.id,
      exported.slice(0, 5).map((e) => ({ studentId: e.studentId, applicationId: e.appId })),
      "APPROVED",
    );
    const paged = await downloadExport(admin, "roster", roster.id, { pageSize: 2 });
    const whole = await downloadExport(admin, "roster", roster.id);
    if (!paged.ok || !whole.ok) throw new Error("export refused");
    expect(paged.data).toMatchObject({ valid: true, rowCount: 5 });
    const a = await sheetOf(paged.data.stream);
    expect(a).toEqual(await sheetOf(whole.data.stream));
    expect(a.rows).toHaveLength(6);
    expect(
      a.rows
        .slice(1)
        .map((r) => r[4])
        .sort(),
    ).toEqual(
      exported
        .slice(0, 5)
        .map((e) => e.idNumber)
        .sort(),
    );

    const draft = await makeRoster(
      school.school.id,
      exported.slice(0, 3).map((e) => ({ studentId: e.studentId })),
    );
    expect(await prepareRosterExport(admin, draft.id, { pageSize: 2 })).toMatchObject({
      ok: true,
      data: { rowCount: 3, problems: [{ row: 1, message: "名单尚未审核通过，审核通过后才能导出资助名册" }] },
    });
    const d = await downloadExport(admin, "roster", draft.id, { pageSize: 2 });
    if (!d.ok) throw new Error(d.message);
    expect(d.data.valid).toBe(false);
    expect((await sheetOf(d.data.stream)).rows[1]).toEqual([
      "1",
      "",
      "",
      "名单尚未审核通过，审核通过后才能导出资助名册",
    ]);
  });
});
