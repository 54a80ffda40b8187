/**
 * The printed forms' content (lib/services/print-forms.ts): what each document holds, one student or a whole
 * class, the scope (a teacher's own classes, an admin's school, nothing of another school), masked ID numbers,
 * the audit entry of a personal form, and amounts in 元 from fen.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import { COMMITMENT_TEXT } from "@/lib/domain/print-forms";
import { formatBeijingDate } from "@/lib/domain/time";
import {
  loadApplicationForms,
  loadDeterminationSummary,
  loadEvaluationRecord,
  loadHomeVisitSheets,
  loadPublicityTable,
  loadSignOffSheet,
} from "@/lib/services/print-forms";
import { recordHomeVisit } from "@/lib/services/teacher-verification";
import { makeOpenBatch, makeRoster, submittedClassEvaluation } from "../support/determination-fixtures";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  type StudentFixture,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";
import { makeApplication } from "../support/teacher-fixtures";

let school: Awaited<ReturnType<typeof makeSchool>>;
let otherSchool: Awaited<ReturnType<typeof makeSchool>>;
let otherClassId: string;
let teacher: SessionUser;
let admin: SessionUser;
let otherAdmin: SessionUser;
let leader: SessionUser;
let termId: string;
let mine: StudentFixture[];
let neighbour: StudentFixture;
let appIds: string[];

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  otherSchool = await makeSchool(county.id, "SENIOR");
  const otherClass = await db().schoolClass.create({
    data: { schoolId: school.school.id, gradeId: school.grade.id, name: "9班" },
  });
  otherClassId = otherClass.id;
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: otherSchool.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  termId = (await makeCurrentTerm({ stage: "SENIOR" })).term.id;
  await seedDefaultModel(db());
  mine = [];
  appIds = [];
  for (const state of ["submitted", "verified", "determined"] as const) {
    const st = await makeStudent(school);
    mine.push(st);
    appIds.push((await makeApplication(st, termId, state)).id);
  }
  // A draft has nothing signed: not printed.
  await makeApplication(await makeStudent(school), termId, "draft");
  neighbour = await makeStudent({ ...school, klass: otherClass });
  await makeApplication(neighbour, termId, "submitted");
});

describe("认定申请表", () => {
  it("prints one student's form with the household, the commitment and the masked ID number, and audits it", async () => {
    const result = await loadApplicationForms(teacher, { applicationId: appIds[0]! });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toHaveLength(1);
    const doc = result.data[0]!;
    expect(doc).toMatchObject({
      name: mine[0]!.name,
      residenceLabel: "农村",
      annualIncomeYuan: "36000.00",
      perCapitaMonthlyYuan: "1000.00",
      address: "天河区龙洞街1号",
    });
    expect(doc.members.map((member) => member.name)).toContain("陈父");
    expect(doc.commitmentSignedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Neither the ID number nor the 学籍号 (G + ID number) is printed in full.
    expect(JSON.stringify(doc)).not.toContain(mine[0]!.idNumber.slice(6, 14));
    expect(doc.idNumberMasked).toContain("*");
    expect(COMMITMENT_TEXT).toContain("本人承诺");
    const entry = await db().auditLog.findFirst({
      where: { actorUserId: teacher.id, action: "print.application_forms", targetId: appIds[0]! },
    });
    expect(entry?.detail).toMatchObject({ count: 1 });
  });

  it("prints a whole class: every submitted application, no draft, nothing of another class", async () => {
    const result = await loadApplicationForms(admin, { classId: school.klass.id });
    expect(result.ok && result.data.map((doc) => doc.name).sort()).toEqual(mine.map((st) => st.name).sort());
  });

  it("refuses another class to the teacher and another school to an admin (not found), and the leader", async () => {
    expect(await loadApplicationForms(teacher, { classId: otherClassId })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await loadApplicationForms(otherAdmin, { classId: school.klass.id })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await loadApplicationForms(otherAdmin, { applicationId: appIds[0]! })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await loadApplicationForms(leader, { applicationId: appIds[0]! })).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await loadApplicationForms(teacher, null)).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("入户走访调查情况和量化计分表", () => {
  it("lists every indicator of the model with its points; the points add up to the total", async () => {
    const visited = await recordHomeVisit(teacher, appIds[1]!, {
      visitDate: formatBeijingDate(new Date()),
      visitors: "李慧敏、张伟",
      findings: "母亲长期透析，家中无劳动力",
      scores: { family_structure: "none", housing: "poor", consumption: "frugal", home_visit: "very_poor" },
    });
    expect(visited.ok).toBe(true);
    const result = await loadHomeVisitSheets(teacher, { classId: school.klass.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toHaveLength(1);
    const sheet = result.data[0]!;
    expect(sheet).toMatchObject({ name: mine[1]!.name, visitors: "李慧敏、张伟" });
    const model = await db().scoringModel.findFirstOrThrow({ where: { schoolId: null, active: true } });
    const indicators = (model.config as { indicators: unknown[] }).indicators;
    expect(sheet.indicators).toHaveLength(indicators.length);
    expect(sheet.indicators.reduce((sum, line) => sum + line.points, 0)).toBe(sheet.totalScore);
    expect(sheet.indicators.filter((line) => line.source === "入户调查")).toHaveLength(4);
    expect(
      await db().auditLog.count({ where: { actorUserId: teacher.id, action: "print.home_visit_sheets" } }),
    ).toBe(1);
  });
});

describe("班级评议记录", () => {
  it("prints the committee, the ranking and the report of the teacher's class only", async () => {
    await submittedClassEvaluation(termId, school.klass.id);
    const result = await loadEvaluationRecord(teacher, school.klass.id);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.members.length).toBeGreaterThan(0);
    expect(await loadEvaluationRecord(teacher, otherClassId)).toMatchObject({ code: "NOT_FOUND" });
    expect(await loadEvaluationRecord(otherAdmin, school.klass.id)).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("资助发放签收表", () => {
  it("lists name, class, programme and amount in 元 (the paid amount once paid) with the total", async () => {
    const roster = await makeRoster(
      school.school.id,
      [
        { studentId: mine[2]!.student.id, paid: true },
        { studentId: mine[0]!.student.id },
        { studentId: neighbour.student.id },
      ],
      "APPROVED",
    );
    await db().rosterEntry.updateMany({
      where: { rosterId: roster.id, studentId: mine[2]!.student.id },
      data: { amountFen: 125_050, paidAmountFen: 125_050 },
    });
    const classSheet = await loadSignOffSheet(teacher, roster.id, school.klass.id);
    expect(classSheet.ok).toBe(true);
    if (!classSheet.ok) return;
    expect(classSheet.data.rows.map((row) => [row.name, row.amountYuan]).sort()).toEqual(
      [
        [mine[0]!.name, "1000.00"],
        [mine[2]!.name, "1250.50"],
      ].sort(),
    );
    expect(classSheet.data.totalYuan).toBe("2250.50");
    // The teacher's sheet without a class is still their own classes only; the admin's has the whole roster.
    const teacherAll = await loadSignOffSheet(teacher, roster.id, null);
    expect(teacherAll.ok && teacherAll.data.rows.map((row) => row.name)).not.toContain(neighbour.name);
    const adminAll = await loadSignOffSheet(admin, roster.id, "");
    expect(adminAll.ok && adminAll.data.rows).toHaveLength(3);
    expect(await loadSignOffSheet(otherAdmin, roster.id, null)).toMatchObject({ code: "NOT_FOUND" });
    expect(await loadSignOffSheet(teacher, roster.id, otherClassId)).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await db().auditLog.count({ where: { targetId: roster.id, action: "print.sign_off_sheet" } }),
    ).toBe(3);
  });
});

describe("公示表 and the determination summary (school forms)", () => {
  it("prints only name, class and result; the summary counts the levels; teachers are refused", async () => {
    const batch = await makeOpenBatch(school.school.id, [{ id: appIds[2]!, name: mine[2]!.name }]);
    const table = await loadPublicityTable(admin, batch.id);
    expect(table.ok && table.data.rows).toEqual([{ name: mine[2]!.name, className: "1班", result: "困难" }]);
    expect(await loadPublicityTable(otherAdmin, batch.id)).toMatchObject({ code: "NOT_FOUND" });
    expect(await loadPublicityTable(teacher, batch.id)).toMatchObject({ code: "FORBIDDEN" });

    const model = await db().scoringModel.findFirstOrThrow({ where: { schoolId: null, active: true } });
    await db().determination.create({
      data: {
        applicationId: appIds[2]!,
        scoringModelId: model.id,
        simulatedScore: 50,
        simulatedLevel: "SPECIAL",
        explanation: {},
        finalLevel: "SPECIAL",
        determinedAt: new Date(),
      },
    });
    const summary = await loadDeterminationSummary(admin);
    expect(summary.ok).toBe(true);
    if (!summary.ok) return;
    expect(summary.data.rows).toEqual([
      { name: mine[2]!.name, className: "1班", levelLabel: "特别困难", revoked: false },
    ]);
    expect(summary.data.counts[0]).toEqual({ levelLabel: "特别困难", count: 1 });
    const other = await loadDeterminationSummary(otherAdmin);
    expect(other.ok && other.data.rows).toEqual([]);
  });
});
