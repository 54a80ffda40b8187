/**
 * The 受助情况 export (kind AID_RECORDS, docs/aid-records-export.md) as a job on the real database: the school's
 * aid records of the term paid and not reversed — semester rows without a month, 中职 monthly rows with theirs —
 * validated against the registry before the file is handed out; a problem gives the validation report instead;
 * another school's admin cannot download it, a school leader cannot start it. The school's 受助情况 overview
 * counts the same records, reversed ones apart.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ensureList, payUnpaidEntries } from "@/lib/db/vocational-list.repo";
import { recordRosterPayment, reversePayment } from "@/lib/services/aid-roster";
import { loadAidRecordOverview } from "@/lib/services/aid-records";
import { exportJobData, runExportJob } from "@/lib/services/export-job";
import { downloadExportTask, EXPORT_TASK_NOT_FOUND, startExport } from "@/lib/services/export-task";
import { makeRoster } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { readAll } from "../support/streams";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;
let leader: SessionUser;
let otherAdmin: SessionUser;
let students: Awaited<ReturnType<typeof makeStudent>>[];

async function rowsOf(bytes: Buffer): Promise<{ sheet: string; rows: string[][] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const sheet = book.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(String(row.getCell(c).value ?? ""));
    rows.push(cells);
  });
  return { sheet: sheet.name, rows };
}

async function exportNow(user: SessionUser) {
  const started = await startExport(user, { kind: "AID_RECORDS" });
  if (!started.ok) throw new Error(started.message);
  await runExportJob(exportJobData(user, started.data.taskId));
  const task = await db().exportTask.findUniqueOrThrow({ where: { id: started.data.taskId } });
  const file = await downloadExportTask(user, task.id);
  if (!file.ok) throw new Error(file.message);
  return { task, fileName: file.data.fileName, ...(await rowsOf(await readAll(file.data.stream))) };
}

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "VOCATIONAL");
  const other = await makeSchool(county.id, "VOCATIONAL");
  const { term } = await makeCurrentTerm({ stage: "VOCATIONAL" });
  await db().aidTerm.update({ where: { id: term.id }, data: { academicYear: "2026-2027" } });
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: other.school.id })).user);
  students = [
    await makeStudent(school, { name: "陈一" }),
    await makeStudent(school, { name: "王二" }),
    await makeStudent(school, { name: "李三" }),
  ];
  // A semester roster: 陈一 and 王二 paid, 李三 paid then reversed.
  const roster = await makeRoster(
    school.school.id,
    students.map((s) => ({ studentId: s.student.id })),
    "APPROVED",
  );
  for (const entry of roster.entries)
    expect(await recordRosterPayment(admin, { entryId: entry.id, amount: "1000" })).toMatchObject({
      ok: true,
    });
  const reversed = roster.entries.find((e) => e.studentId === students[2]!.student.id)!;
  expect(await reversePayment(admin, { entryId: reversed.id, reason: "银行账户有误退回" })).toMatchObject({
    ok: true,
  });
  // A 中职 monthly list of December: 陈一 paid 200 元.
  const programme = await db().aidProgramme.create({
    data: {
      code: `voc_export_${Date.now()}`,
      name: "中职国家助学金",
      stage: "VOCATIONAL",
      kind: "SUBSIDY",
      period: "MONTHLY",
    },
  });
  const rosterId = await db().$transaction((tx) =>
    ensureList(tx, { termId: term.id, programmeId: programme.id, schoolId: school.school.id, month: 12 }),
  );
  await db().rosterEntry.create({
    data: { rosterId, studentId: students[0]!.student.id, amountFen: 20_000 },
  });
  await db().$transaction((tx) => payUnpaidEntries(tx, rosterId, admin.id, new Date("2026-12-20T02:00:00Z")));
});

describe("受助情况 export", () => {
  it("exports every record paid and not reversed, validated, with full ID numbers; months only for 中职", async () => {
    const file = await exportNow(admin);
    expect(file.task).toMatchObject({ kind: "AID_RECORDS", state: "DONE", valid: true, rowsTotal: 3 });
    expect(file.fileName).toMatch(/^受助情况-.+\.xlsx$/);
    expect(file.sheet).toBe("受助情况");
    expect(file.rows[0]).toEqual([
      "学校名称",
      "学籍号",
      "姓名",
      "身份证件类型",
      "身份证件号",
      "资助项目名称",
      "资助学年",
      "资助学期",
      "资助月份",
      "资助金额（元）",
      "发放日期",
    ]);
    const body = file.rows.slice(1).map((row) => [row[2], row[4], row[5], row[7], row[8], row[9], row[10]]);
    expect(body).toHaveLength(3);
    expect(body).toContainEqual([
      "陈一",
      students[0]!.idNumber,
      "中职国家助学金",
      "秋季学期",
      "12",
      "200",
      "20261220",
    ]);
    const semester = body.filter((row) => row[2] !== "中职国家助学金");
    expect(semester.map((row) => [row[0], row[1], row[4], row[5]]).sort()).toEqual(
      [
        ["王二", students[1]!.idNumber, "", "1000"],
        ["陈一", students[0]!.idNumber, "", "1000"],
      ].sort(),
    );
    expect(body.map((row) => row[0])).not.toContain("李三");
    expect(
      await db().auditLog.count({ where: { action: "export.aid_records", actorUserId: admin.id } }),
    ).toBe(1);
  });

  it("hands out the validation report when a row does not match the registry", async () => {
    // Another enrolment in school now carries 王二's 学籍号 with another person's name and ID number.
    const wang = students[1]!;
    await db().student.update({ where: { id: wang.student.id }, data: { status: "TRANSFERRED_OUT" } });
    const impostor = await makeStudent(school, { name: "赵四" });
    await db().student.update({ where: { id: impostor.student.id }, data: { studentNo: wang.studentNo } });
    try {
      const file = await exportNow(admin);
      expect(file.task).toMatchObject({ valid: false, problemCount: 2 });
      expect(file.fileName).toMatch(/^校验报告-受助情况-/);
      const report = file.rows.map((row) => row.join(" "));
      expect(report.filter((line) => line.includes("与学籍信息不一致"))).toHaveLength(2);
    } finally {
      await db().student.update({
        where: { id: impostor.student.id },
        data: { studentNo: `X${Date.now()}` },
      });
      await db().student.update({ where: { id: wang.student.id }, data: { status: "IN_SCHOOL" } });
    }
  });

  it("is the school admin's own: another school's admin cannot download it, a leader cannot start it", async () => {
    const started = await startExport(admin, { kind: "AID_RECORDS" });
    if (!started.ok) throw new Error(started.message);
    await runExportJob(exportJobData(admin, started.data.taskId));
    expect(await downloadExportTask(otherAdmin, started.data.taskId)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: EXPORT_TASK_NOT_FOUND,
    });
    expect(await startExport(leader, { kind: "AID_RECORDS" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });
});

describe("受助情况 overview", () => {
  it("counts the school's records by programme and period, reversed ones apart", async () => {
    const overview = await loadAidRecordOverview(leader);
    if (!overview.ok) throw new Error(overview.message);
    expect(overview.data.paid).toEqual({ records: 3, amountFen: 220_000 });
    expect(overview.data.reversed).toEqual({ records: 1, amountFen: 100_000 });
    const rows = overview.data.rows.map((row) => [row.period, row.state, row.records, row.amountFen]);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        ["2026-12", "PAID", 1, 20_000],
        ["2026-2027-AUTUMN", "PAID", 2, 200_000],
        ["2026-2027-AUTUMN", "REVERSED", 1, 100_000],
      ]),
    );
    const other = await loadAidRecordOverview(otherAdmin);
    expect(other.ok && other.data.rows).toEqual([]);
  });
});
