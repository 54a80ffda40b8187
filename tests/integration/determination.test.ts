import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { PublicityTable, toPublicityView } from "@/components/determination/publicity-table";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { loadApplication } from "@/lib/services/determination-queue";
import { acceptClassLevels, adjustGradeLevel, setLevel } from "@/lib/services/final-level";
import { recordReviewStep, signOffDetermination } from "@/lib/services/review-steps";
import { revokeDetermination } from "@/lib/services/revocation";
import { loadScoringModel, saveScoringModelFromForm } from "@/lib/services/scoring-model";
import { saveClassEvaluation } from "@/lib/services/class-evaluation";
import { downloadExport, prepareDeterminationExport } from "@/lib/services/national-export";
import {
  answerObjection,
  createPublicity,
  createRosterPublicity,
  fileObjection,
  finalisePublicity,
  ownResult,
  requestReview,
  saveCalendarDay,
  viewPublicity,
} from "@/lib/services/publicity";
import { CN_CALENDAR } from "@/lib/domain/holidays-cn";
import { normaliseName } from "@/lib/domain/person-name";
import { addDays, publicityEndDate } from "@/lib/domain/working-days";
import {
  addRosterEntry,
  approveRoster,
  generateRoster,
  loadRoster,
  recordRosterPayment,
  confirmPaymentReceipt,
  saveProgramme,
  unlockRoster,
} from "@/lib/services/aid-roster";
import {
  COMFORTABLE,
  ensureDefaultModel,
  makeApplication,
  makeRoster,
} from "../support/determination-fixtures";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
} from "../support/fixtures";
import { readAll } from "../support/streams";
import { ownerDb } from "../support/owner-db";
import { endedGradePublicity } from "../support/determination-fixtures";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser, leader: SessionUser, teacher: SessionUser;
let programmeId: string;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** A Beijing calendar day `offset` days from today, as a DATE column value. */
const dayFromToday = (offset: number) =>
  new Date(
    `${new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`,
  );
beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  ({
    programme: { id: programmeId },
  } = await makeCurrentTerm({ stage: "SENIOR" }));
  await ensureDefaultModel();
  admin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user });
  leader = sessionUser({ ...(await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user });
  teacher = sessionUser({
    ...(await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  });
});

describe("simulated level and its explanation", () => {
  it("scores a poor rural household with the default model and explains every indicator", async () => {
    const { app } = await makeApplication(school, "verified");
    const r = await loadApplication(admin, app.id);
    if (!r.ok) throw new Error(r.message);
    // 500 yuan/month < 900 rural standard: 25; father out of work and mother unable to work: 12; mother seriously ill: 12; rural: 4.
    expect(r.data.simulation).toMatchObject({ score: 53, level: "HARDSHIP" });
    const ex = r.data.simulation!.explanation;
    expect(ex.levelRule).toBe("总分达到困难分数线（≥40分）");
    expect(ex.indicators.find((i) => i.key === "income_vs_minimum")).toMatchObject({
      points: 25,
      via: "band",
    });
    const d = await db().determination.findUniqueOrThrow({ where: { applicationId: app.id } });
    expect(d).toMatchObject({ simulatedScore: 53, simulatedLevel: "HARDSHIP", finalLevel: null });
  });
  it("uses the region's own 低保 standard when recorded", async () => {
    await db().region.update({
      where: { id: school.school.regionId },
      data: { minimumLivingStandardFen: 40_000 },
    });
    const { app } = await makeApplication(school, "verified");
    const r = await loadApplication(admin, app.id);
    await db().region.update({
      where: { id: school.school.regionId },
      data: { minimumLivingStandardFen: null },
    });
    if (!r.ok) throw new Error(r.message);
    expect(
      r.data.simulation!.explanation.indicators.find((i) => i.key === "income_vs_minimum"),
    ).toMatchObject({ option: "低保标准1–1.5倍", points: 18 }); // 500 / 400 = 125%
  });
  it("a special-group student is simulated 特别困难 with the reason", async () => {
    const { app } = await makeApplication(school, "verified", {
      household: COMFORTABLE,
      categories: ["MINIMUM_LIVING"],
    });
    const r = await loadApplication(admin, app.id);
    if (!r.ok) throw new Error(r.message);
    expect(r.data.simulation).toMatchObject({ level: "SPECIAL" });
    expect(r.data.simulation!.explanation.levelRule).toContain("城乡低保家庭");
  });
});

describe("final level", () => {
  it("refuses a level different from the simulated one without a reason, and writes nothing", async () => {
    const { app } = await makeApplication(school, "verified");
    const r = await setLevel(admin, {
      applicationId: app.id,
      version: String(app.version),
      level: "SPECIAL",
      reason: "",
    });
    expect(r).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { reason: expect.any(String) },
    });
    expect((await db().application.findUniqueOrThrow({ where: { id: app.id } })).state).toBe("verified");
    expect(
      (await db().determination.findUniqueOrThrow({ where: { applicationId: app.id } })).finalLevel,
    ).toBeNull();
  });
  it("accepts an override with a reason and records it on the timeline", async () => {
    const { app } = await makeApplication(school, "verified");
    const r = await setLevel(admin, {
      applicationId: app.id,
      version: String(app.version),
      level: "SPECIAL",
      reason: "父亲近期确诊重病，年级小组调整",
    });
    expect(r).toMatchObject({ ok: true });
    const d = await db().determination.findUniqueOrThrow({ where: { applicationId: app.id } });
    expect(d).toMatchObject({
      finalLevel: "SPECIAL",
      simulatedLevel: "HARDSHIP",
      overrideReason: "父亲近期确诊重病，年级小组调整",
    });
    const t = await db().applicationTransition.findMany({
      where: { applicationId: app.id },
      orderBy: { at: "asc" },
    });
    expect(t.map((x) => x.toState).slice(-2)).toEqual(["reviewed", "determined"]);
    expect(t.at(-1)!.comment).toContain("调整理由");
  });
  it("a stale version gets the conflict message", async () => {
    const { app } = await makeApplication(school, "verified");
    expect(
      await setLevel(admin, {
        applicationId: app.id,
        version: String(app.version),
        level: "HARDSHIP",
        reason: "",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await setLevel(admin, {
        applicationId: app.id,
        version: String(app.version),
        level: "HARDSHIP",
        reason: "",
      }),
    ).toMatchObject({ ok: false, code: "CONFLICT" });
  });
});

describe("grade committee adjustment", () => {
  it("needs a reason for a change; the final level keeps it without retyping, bulk acceptance honours it", async () => {
    const s5 = await makeSchool(school.school.regionId, "SENIOR");
    const a5 = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: s5.school.id })).user });
    const one = await makeApplication(s5, "verified", { name: "调整甲" });
    const two = await makeApplication(s5, "verified", { name: "调整乙" });
    expect(
      await adjustGradeLevel(a5, { applicationId: one.app.id, level: "SPECIAL", reason: "" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { reason: expect.any(String) },
    });
    expect(
      await adjustGradeLevel(a5, {
        applicationId: one.app.id,
        level: "SPECIAL",
        reason: "母亲新近确诊重病，年级组讨论上调",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await adjustGradeLevel(a5, {
        applicationId: two.app.id,
        level: "GENERAL",
        reason: "家中有营运车辆，年级组讨论下调",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await setLevel(a5, {
        applicationId: one.app.id,
        version: String(one.app.version),
        level: "SPECIAL",
        reason: "",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await db().determination.findUniqueOrThrow({ where: { applicationId: one.app.id } }),
    ).toMatchObject({
      finalLevel: "SPECIAL",
      simulatedLevel: "HARDSHIP",
      overrideReason: "年级认定小组调整：母亲新近确诊重病，年级组讨论上调",
    });
    const b = await acceptClassLevels(a5, { classId: s5.klass.id, exclude: [] });
    expect(b).toMatchObject({
      ok: true,
      data: { accepted: [{ name: "调整乙", level: "GENERAL" }], exceptions: [] },
    });
    expect(
      await adjustGradeLevel(a5, { applicationId: one.app.id, level: "HARDSHIP", reason: "" }),
    ).toMatchObject({ ok: false, code: "REFUSED" });
  });
});

describe("bulk acceptance for a class", () => {
  it("accepts the simulated levels and lists the exceptions", async () => {
    const s2 = await makeSchool(school.school.regionId, "SENIOR");
    const a = await makeApplication(s2, "verified", { name: "甲同学" });
    const b = await makeApplication(s2, "verified", { name: "乙同学" });
    const c = await makeApplication(s2, "reviewed", { name: "丙同学", household: COMFORTABLE });
    const s2admin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: s2.school.id })).user });
    const r = await acceptClassLevels(s2admin, { classId: s2.klass.id, exclude: [b.app.id] });
    if (!r.ok) throw new Error(r.message);
    expect(r.data.accepted.map((x) => [x.name, x.level]).sort()).toEqual([
      ["丙同学", "NONE"],
      ["甲同学", "HARDSHIP"],
    ]);
    expect(r.data.exceptions).toEqual([{ id: b.app.id, name: "乙同学", reason: "已选择单独认定" }]);
    expect((await db().application.findUniqueOrThrow({ where: { id: c.app.id } })).state).toBe("determined");
    expect((await db().application.findUniqueOrThrow({ where: { id: a.app.id } })).state).toBe("determined");
  });
});

describe("committee steps, sign-off and publicity", () => {
  let batchId: string;
  it("refuses school publicity and sign-off before the school committee", async () => {
    expect(
      await createPublicity(admin, { scope: "SCHOOL", gradeId: "", startDate: today(), workingDays: "5" }),
    ).toMatchObject({ ok: false, code: "REFUSED" });
    expect(await signOffDetermination(leader, { comment: "同意" })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
  });
  it("a committee needs at least three members", async () => {
    expect(
      await recordReviewStep(admin, {
        kind: "SCHOOL_COMMITTEE",
        gradeId: "",
        members: "张三、李四",
        comment: "审核通过",
      }),
    ).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { members: expect.any(String) } });
  });
  it("after committee and sign-off the school publicity lasts 5 working days", async () => {
    // The grade publicity (≥ 2 working days) came first and has ended.
    await endedGradePublicity(school);
    expect(
      await recordReviewStep(admin, {
        kind: "SCHOOL_COMMITTEE",
        gradeId: "",
        members: "张三、李四、王五",
        comment: "审核通过",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await createPublicity(admin, { scope: "SCHOOL", gradeId: "", startDate: today(), workingDays: "5" }),
    ).toMatchObject({ ok: false, code: "REFUSED" });
    expect(await signOffDetermination(leader, { comment: "同意公示" })).toMatchObject({ ok: true });
    expect(
      await createPublicity(admin, { scope: "SCHOOL", gradeId: "", startDate: today(), workingDays: "4" }),
    ).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { workingDays: expect.any(String) } });
    // The school closes on the national end date: the publicity runs one working day longer.
    const nationalEnd = publicityEndDate(today(), 5, CN_CALENDAR);
    expect(await saveCalendarDay(admin, { day: nationalEnd, working: "no", note: "校运会" })).toMatchObject({
      ok: true,
    });
    const r = await createPublicity(admin, {
      scope: "SCHOOL",
      gradeId: "",
      startDate: today(),
      workingDays: "5",
      // The earlier tests' verified applications are still undetermined: published knowingly.
      acknowledgePending: "yes",
    });
    if (!r.ok) throw new Error(r.message);
    batchId = r.data.id;
    expect(r.data.endDate).toBe(publicityEndDate(addDays(nationalEnd, 1), 1, CN_CALENDAR));
    expect(r.data.items).toBeGreaterThan(0);
    // The items are written in one statement (lib/db/publicity.repo.ts insertItems): all of them, in the list's order.
    const items = await db().publicityItem.findMany({ where: { batchId }, orderBy: { sortOrder: "asc" } });
    expect(items.map((item) => item.sortOrder)).toEqual([...Array(r.data.items).keys()]);
    for (const item of items) {
      expect(item.applicationId).toBeTruthy();
      expect(item).toMatchObject({ studentName: expect.any(String), result: expect.stringMatching(/困难/) });
    }
    const steps = await db().reviewStep.findMany({
      where: { schoolId: school.school.id },
      orderBy: { at: "asc" },
    });
    expect(steps.map((s) => [s.kind, s.actorId])).toEqual([
      ["SCHOOL_COMMITTEE", admin.id],
      ["LEADER_SIGNOFF", leader.id],
    ]);
  });
  it("a change of a final level after sign-off needs a new signature", async () => {
    const { app } = await makeApplication(school, "verified");
    expect(
      await setLevel(admin, {
        applicationId: app.id,
        version: String(app.version),
        level: "HARDSHIP",
        reason: "",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await createPublicity(admin, { scope: "SCHOOL", gradeId: "", startDate: today(), workingDays: "5" }),
    ).toMatchObject({ ok: false, code: "REFUSED" });
  });
  it("the public page shows name, class and level only — no ID number, phone or income", async () => {
    const student = await makeStudent(school, { name: "公示测试生" });
    const { app } = await makeApplication(school, "determined", { student, level: "SPECIAL" });
    await db().publicityItem.create({
      data: {
        batchId,
        applicationId: app.id,
        studentName: student.name,
        className: "1班",
        result: "特别困难",
      },
    });
    const v = await viewPublicity(teacher, batchId);
    if (!v.ok) throw new Error(v.message);
    const html = renderToStaticMarkup(createElement(PublicityTable, { view: toPublicityView(v.data) }));
    expect(html).toContain("公示测试生");
    expect(html).toContain("特别困难");
    expect(html).not.toContain(student.idNumber);
    expect(html).not.toContain(student.idNumber.slice(0, 6));
    expect(html).not.toContain(student.guardianPhone);
    expect(html).not.toMatch(/\d{11}/);
    expect(html).not.toContain("18000"); // annual income 18,000 yuan
    expect(html).not.toContain("城乡低保");
  });
  it("objections and review requests block finalisation until answered", async () => {
    const studentFx = await makeStudent(school);
    const studentUser = sessionUser(await makeStudentAccount(studentFx));
    const { app } = await makeApplication(school, "determined", { student: studentFx });
    await db().publicityItem.create({
      data: { batchId, applicationId: app.id, studentName: studentFx.name, className: "1班", result: "困难" },
    });
    const o = await fileObjection(teacher, { batchId, content: "某同学家里新买了车" });
    expect(o).toMatchObject({ ok: true });
    const rr = await requestReview(studentUser, {
      personId: studentFx.person.id,
      content: "我家情况更困难，申请复议",
    });
    expect(rr).toMatchObject({ ok: true });
    const own = await ownResult(studentUser, studentFx.person.id);
    expect(own).toMatchObject({
      ok: true,
      data: { batches: [{ phase: "open" }], requests: [{ state: "OPEN" }] },
    });
    expect(await finalisePublicity(admin, batchId)).toMatchObject({ ok: false, code: "REFUSED" });
    const later = new Date(Date.now() + 30 * 86_400_000);
    expect(await finalisePublicity(admin, batchId, later)).toMatchObject({ ok: false, code: "REFUSED" });
    if (!o.ok || !rr.ok) throw new Error("filed");
    expect(
      await answerObjection(admin, { objectionId: o.data.id, answer: "经入户核实，车辆为亲属所有" }),
    ).toMatchObject({ ok: true });
    expect(
      await answerObjection(admin, { objectionId: rr.data.id, answer: "维持原认定，已电话说明" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await finalisePublicity(admin, batchId, later)).toMatchObject({ ok: true });
    expect((await db().publicityBatch.findUniqueOrThrow({ where: { id: batchId } })).state).toBe("FINAL");
  });
});

describe("revocation", () => {
  it("flags paid aid for recovery", async () => {
    const { app, student } = await makeApplication(school, "determined");
    await makeRoster(
      school.school.id,
      [{ studentId: student.student.id, applicationId: app.id, paid: true }],
      "APPROVED",
    );
    const r = await revokeDetermination(admin, {
      applicationId: app.id,
      version: String(app.version),
      reason: "HOUSE_CAR_BUSINESS",
      detail: "家庭新购商品房",
    });
    expect(r).toEqual({ ok: true, data: { recoveryRequired: true } });
    expect(await db().determination.findUniqueOrThrow({ where: { applicationId: app.id } })).toMatchObject({
      revokeReason: "HOUSE_CAR_BUSINESS",
      recoveryRequired: true,
    });
    expect(
      await revokeDetermination(admin, {
        applicationId: app.id,
        version: String(app.version + 1),
        reason: "OTHER",
        detail: "再次取消",
      }),
    ).toMatchObject({ ok: false, code: "REFUSED" });
  });
});

describe("rosters", () => {
  let rosterId: string;
  it("generates candidates from final levels with special-group students first, warns over quota and refuses approval", async () => {
    const s3 = await makeSchool(school.school.regionId, "SENIOR");
    const a3 = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: s3.school.id })).user });
    await makeApplication(s3, "determined", { level: "HARDSHIP", name: "普通困难生" });
    const special = await makeApplication(s3, "determined", {
      level: "GENERAL",
      name: "低保家庭生",
      categories: ["MINIMUM_LIVING"],
    });
    await makeApplication(s3, "determined", { level: "NONE", name: "不困难生" });
    await db().aidProgramme.update({
      where: { id: programmeId },
      data: { eligibleCategories: ["MINIMUM_LIVING"] },
    }); // 低保 students qualify whatever their level
    expect(
      await saveProgramme(a3, {
        programmeId,
        amountMode: "BY_LEVEL",
        fixedAmount: "",
        amountSpecial: "1500",
        amountHardship: "1000",
        amountGeneral: "500",
        quota: "1",
        budget: "",
      }),
    ).toMatchObject({ ok: true });
    const g = await generateRoster(a3, programmeId);
    if (!g.ok) throw new Error(g.message);
    rosterId = g.data.rosterId;
    const l = await loadRoster(a3, rosterId);
    if (!l.ok) throw new Error(l.message);
    expect(l.data.roster.entries.map((e) => e.student.person.name).sort()).toEqual([
      "低保家庭生",
      "普通困难生",
    ]);
    const lowbao = l.data.roster.entries.find((e) => e.student.person.name === "低保家庭生")!;
    expect(lowbao).toMatchObject({ amountFen: 50_000, note: "特殊群体优先" });
    expect(l.data.totals.warnings).toEqual(["人数2人，超过名额1人（多1人）"]);
    expect(await approveRoster(a3, rosterId)).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect(
      await saveProgramme(a3, {
        programmeId,
        amountMode: "BY_LEVEL",
        fixedAmount: "",
        amountSpecial: "1500",
        amountHardship: "1000",
        amountGeneral: "500",
        quota: "10",
        budget: "2000",
      }),
    ).toMatchObject({ ok: true });
    expect(await recordRosterPayment(a3, { entryId: lowbao.id, amount: "500" })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect(await approveRoster(a3, rosterId)).toMatchObject({ ok: true });
    expect(await generateRoster(a3, programmeId)).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect(await unlockRoster(a3, { rosterId, reason: "" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: expect.any(String) },
    });
    expect(await unlockRoster(a3, { rosterId, reason: "补录一名转入学生" })).toMatchObject({ ok: true });
    const transferred = await makeStudent(s3, { name: "转入生" });
    expect(
      await addRosterEntry(a3, { rosterId, studentNo: transferred.studentNo, amount: "1000", note: "" }),
    ).toMatchObject({ ok: false, fieldErrors: { note: expect.any(String) } });
    expect(
      await addRosterEntry(a3, { rosterId, studentNo: "G000000000", amount: "1000", note: "转入学生" }),
    ).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { studentNo: expect.any(String) } });
    // no determination here: only as a recorded exception (the programme requires 特别困难/困难)
    expect(
      await addRosterEntry(a3, {
        rosterId,
        studentNo: transferred.studentNo,
        amount: "1000",
        note: "转入学生，原校已认定困难",
        exception: "yes",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await addRosterEntry(a3, {
        rosterId,
        studentNo: transferred.studentNo,
        amount: "1000",
        note: "再次补录",
      }),
    ).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { studentNo: expect.any(String) } });
    expect(await db().auditLog.count({ where: { action: "roster.unlock", targetId: rosterId } })).toBe(1);
    // 1000 + 500 + 1000 yuan is over the 2000 yuan budget
    expect(await approveRoster(a3, rosterId)).toMatchObject({
      ok: false,
      message: expect.stringContaining("金额合计2500.00元，超过预算2000.00元"),
    });
    expect(
      await saveProgramme(a3, {
        programmeId,
        amountMode: "BY_LEVEL",
        fixedAmount: "",
        amountSpecial: "1500",
        amountHardship: "1000",
        amountGeneral: "500",
        quota: "10",
        budget: "3000",
      }),
    ).toMatchObject({ ok: true });
    expect(await approveRoster(a3, rosterId)).toMatchObject({ ok: true });
    expect(await recordRosterPayment(a3, { entryId: lowbao.id, amount: "500" })).toMatchObject({ ok: true });
    // 受助名单公示: name, class and programme only
    const rp = await createRosterPublicity(a3, rosterId, today());
    if (!rp.ok) throw new Error(rp.message);
    const view = await viewPublicity(a3, rp.data.id);
    if (!view.ok) throw new Error(view.message);
    expect(view.data.items.map((i) => i.result)).toContain("SENIOR国家助学金（一般困难）");
    // the student confirms receipt
    const user = sessionUser({
      ...(await makeStudentAccount({
        person: { id: special.student.person.id },
        name: "低保家庭生",
      } as never)),
      personId: special.student.person.id,
    });
    expect(await confirmPaymentReceipt(user, lowbao.id)).toMatchObject({ ok: true });
    expect(await confirmPaymentReceipt(user, lowbao.id)).toMatchObject({ ok: false, code: "CONFLICT" });
  });
});

describe("national export", () => {
  it("validates and downloads the 家庭经济信息 file with full ID numbers, audit-logged", async () => {
    const p = await prepareDeterminationExport(admin);
    if (!p.ok) throw new Error(p.message);
    expect(p.data.problems).toEqual([]);
    expect(p.data.rowCount).toBeGreaterThan(3);
    const d = await downloadExport(admin, "determination");
    if (!d.ok) throw new Error(d.message);
    expect(d.data.valid).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readAll(d.data.stream)) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe("学籍号");
    const ids = new Set<string>();
    ws.eachRow((row, n) => {
      if (n > 1) ids.add(String(row.getCell(4).value));
    });
    const person = await db().application.findFirstOrThrow({
      where: { schoolId: school.school.id, state: "determined" },
      select: { student: { select: { studentNo: true } } },
    });
    expect([...ids].some((id) => person.student.studentNo === `G${id}`)).toBe(true);
    expect(
      await db().auditLog.count({ where: { action: "export.determination", actorUserId: admin.id } }),
    ).toBe(1);
    expect(await downloadExport(leader, "determination")).toMatchObject({ ok: false });
  });
});

describe("single-tier stages (初中：不分档次)", () => {
  it("one rule in the simulation, the final level and the export: 困难 or 不困难 only", async () => {
    const js = await makeSchool(school.school.regionId, "JUNIOR");
    const jAdmin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: js.school.id })).user });
    // A special-group student is simulated 困难, not 特别困难, with the reason shown.
    const listed = await makeApplication(js, "verified", {
      household: COMFORTABLE,
      categories: ["MINIMUM_LIVING"],
    });
    const r = await loadApplication(jAdmin, listed.app.id);
    if (!r.ok) throw new Error(r.message);
    expect(r.data.simulation).toMatchObject({ level: "HARDSHIP", tier: "ONE" });
    expect(r.data.simulation!.explanation.tierRule).toContain("本学段认定不分档次");
    // The admin cannot pick 特别困难 or 一般困难, neither as grade adjustment nor as final level.
    const set = (level: string) =>
      setLevel(jAdmin, {
        applicationId: listed.app.id,
        version: String(listed.app.version),
        level,
        reason: "班级评议认为更困难",
      });
    expect(await set("SPECIAL")).toMatchObject({
      ok: false,
      code: "INVALID",
    });
    expect(await set("GENERAL")).toMatchObject({ ok: false, code: "INVALID" });
    expect(
      await adjustGradeLevel(jAdmin, {
        applicationId: listed.app.id,
        level: "SPECIAL",
        reason: "年级认定小组讨论后调整",
      }),
    ).toMatchObject({ ok: false, code: "INVALID" });
    expect(await set("HARDSHIP")).toMatchObject({ ok: true });
    // Nor can anything write it directly.
    await expect(
      db().determination.update({
        where: { applicationId: listed.app.id },
        data: { finalLevel: "SPECIAL", overrideReason: "x" },
      }),
    ).rejects.toThrow(/single-tier stage/);
    await expect(makeApplication(js, "determined", { level: "GENERAL" })).rejects.toThrow(
      /single-tier stage/,
    );

    // A 特别困难 stored before this rule is exported as 困难 (written as the owner, past the trigger).
    const legacy = await makeApplication(js, "verified");
    await ownerDb().$executeRawUnsafe(
      `ALTER TABLE "Determination" DISABLE TRIGGER "Determination_level_fits_tier"`,
    );
    try {
      const model = await ensureDefaultModel();
      await ownerDb().determination.create({
        data: {
          applicationId: legacy.app.id,
          scoringModelId: model.id,
          simulatedScore: 70,
          simulatedLevel: "SPECIAL",
          explanation: { levelRule: "旧数据" },
          finalLevel: "SPECIAL",
          determinedAt: new Date(),
        },
      });
    } finally {
      await ownerDb().$executeRawUnsafe(
        `ALTER TABLE "Determination" ENABLE TRIGGER "Determination_level_fits_tier"`,
      );
    }
    await db().application.update({
      where: { id: legacy.app.id },
      data: { state: "determined", reviewedAt: new Date() },
    });
    const d = await downloadExport(jAdmin, "determination");
    if (!d.ok) throw new Error(d.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readAll(d.data.stream)) as never);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(1).values as unknown[];
    const levelCol = header.indexOf("认定级别");
    const levels: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) levels.push(String(row.getCell(levelCol).value));
    });
    expect(d.data.valid).toBe(true);
    expect(levels).toEqual(["困难", "困难"]); // the listed student and the legacy 特别困难
  });
});

describe("the school edits its scoring model", () => {
  it("saves a new version; new simulations use it, a determined result keeps the version it used", async () => {
    const s4 = await makeSchool(school.school.regionId, "SENIOR");
    const a4 = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: s4.school.id })).user });
    const done = await makeApplication(s4, "verified");
    expect(
      await setLevel(a4, {
        applicationId: done.app.id,
        version: String(done.app.version),
        level: "HARDSHIP",
        reason: "",
      }),
    ).toMatchObject({ ok: true });
    const before = await db().determination.findUniqueOrThrow({ where: { applicationId: done.app.id } });

    const m = await loadScoringModel(a4);
    if (!m.ok || !m.data?.parsed) throw new Error("model");
    const form: Record<string, string> = {
      name: "本校模型",
      "t.SPECIAL": "50",
      "t.HARDSHIP": "30",
      "t.GENERAL": "20",
      specialGroupsAreSpecial: "on",
      "ml.URBAN": "1100",
      "ml.RURAL": "900",
    };
    for (const ind of m.data.parsed.indicators)
      for (const o of ind.options) form[`pts.${ind.key}.${o.key}`] = String(o.points);
    for (const st of Object.keys(m.data.parsed.tiers))
      form[`tier.${st}`] = (m.data.parsed.tiers as Record<string, string>)[st]!;
    expect(await saveScoringModelFromForm(a4, { ...form, "t.HARDSHIP": "60" })).toMatchObject({
      ok: false,
      code: "INVALID",
    });
    expect(await saveScoringModelFromForm(a4, { ...form, "pts.health.serious": "十二" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { "pts.health.serious": expect.any(String) },
    });
    expect(await saveScoringModelFromForm(a4, form)).toEqual({ ok: true, data: { version: 1 } });

    const fresh = await makeApplication(s4, "verified");
    const r = await loadApplication(a4, fresh.app.id);
    if (!r.ok) throw new Error(r.message);
    expect(r.data.simulation).toMatchObject({ modelVersion: 1, score: 53, level: "SPECIAL" }); // 53 ≥ the new 50
    const kept = await loadApplication(a4, done.app.id);
    if (!kept.ok) throw new Error(kept.message);
    expect(kept.data.simulation!.modelId).toBe(before.scoringModelId);
    expect(kept.data.simulation!.level).toBe("HARDSHIP");
  });
});

describe("a committee member named like an applicant, written with another middle dot", () => {
  it("is refused by the database, which compares names as lib/domain/person-name.ts does", async () => {
    const fx2 = await makeSchool(school.school.regionId, "SENIOR");
    const admin = await makeStaff("SCHOOL_ADMIN", { schoolId: fx2.school.id });
    await makeApplication(fx2, "determined", { name: "阿依古丽·买买提", level: "HARDSHIP" });
    const termId = (await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } })).id;
    const committee = (name: string) =>
      db().reviewStep.create({
        data: {
          termId,
          schoolId: fx2.school.id,
          gradeId: fx2.grade.id,
          kind: "GRADE_COMMITTEE",
          actorId: admin.user.id,
          members: [{ name: "张老师" }, { name }, { name: "王老师" }],
        },
      });
    for (const variant of ["阿依古丽.买买提", "阿依古丽•买买提", "阿依古丽・买买提", "阿依古丽 ．买买提"])
      await expect(committee(variant)).rejects.toThrow(/applicant may not sit on the committee/);
    // The SQL rule agrees with the TypeScript one, full-width letters included.
    const names = ["阿依古丽.买买提", " ＬＩ　Ｍｉｎｇ ", "王 芳", "玛丽亚‧安娜", "约翰∙史密斯。"];
    const rows = await db().$queryRawUnsafe<{ n: string }[]>(
      "SELECT aid_normalise_name(x) AS n FROM unnest($1::text[]) WITH ORDINALITY AS t(x, i) ORDER BY i",
      names,
    );
    expect(rows.map((r) => r.n)).toEqual(names.map(normaliseName));
    expect((await committee("李老师")).kind).toBe("GRADE_COMMITTEE");
  });
});

describe("the order of the process and who may sit on a committee", () => {
  let fx: Awaited<ReturnType<typeof makeSchool>>;
  let fxAdmin: SessionUser, fxLeader: SessionUser, fxTeacher: SessionUser;
  const step = (kind: string, members = "张老师、李老师、王老师", gradeId = fx.grade.id) =>
    recordReviewStep(fxAdmin, { kind, gradeId, members, comment: "审核通过" });
  beforeAll(async () => {
    fx = await makeSchool(school.school.regionId, "SENIOR");
    fxAdmin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: fx.school.id })).user });
    fxLeader = sessionUser({ ...(await makeStaff("SCHOOL_LEADER", { schoolId: fx.school.id })).user });
    fxTeacher = sessionUser({
      ...(await makeStaff("TEACHER", { schoolId: fx.school.id }, { classIds: [fx.klass.id] })).user,
    });
    await makeApplication(fx, "determined", { name: "申请人甲", level: "HARDSHIP" });
    await makeApplication(fx, "determined", { name: "申请人乙", level: "SPECIAL" });
    await makeStudent(fx, { name: "代表丙" }); // a senior class's student representative, not an applicant
  });

  it("the grade committee waits for the class evaluation and may not include an applicant of the grade", async () => {
    expect(await step("GRADE_COMMITTEE")).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect(await step("GRADE_COMMITTEE", "张老师、李老师、王老师", "")).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { gradeId: expect.any(String) },
    });
    await saveClassEvaluation(
      fxTeacher,
      fx.klass.id,
      {
        members: "赵老师 组长\n钱老师 任课教师\n孙老师 任课教师",
        representatives: "代表丙",
        report: "按家庭困难程度排序，评议一致通过。",
      },
      true,
    ).then((r) => expect(r).toMatchObject({ ok: true }));
    expect(await step("GRADE_COMMITTEE", "张老师、申请人甲、王老师")).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { members: expect.stringContaining("申请人甲") },
    });
    expect(await step("GRADE_COMMITTEE")).toMatchObject({ ok: true });
  });

  it("the school committee comes after the grade publicity has ended, never during it", async () => {
    expect(await step("SCHOOL_COMMITTEE", undefined, "")).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    const grade = await createPublicity(fxAdmin, {
      scope: "GRADE",
      gradeId: fx.grade.id,
      startDate: today(),
      workingDays: "2",
    });
    if (!grade.ok) throw new Error(grade.message);
    expect(await step("SCHOOL_COMMITTEE", undefined, "")).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    // Not even written directly: the database refuses a school committee during a grade publicity.
    await expect(
      db().reviewStep.create({
        data: {
          termId: (await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } })).id,
          schoolId: fx.school.id,
          kind: "SCHOOL_COMMITTEE",
          actorId: fxAdmin.id,
          members: [{ name: "甲" }, { name: "乙" }, { name: "丙" }],
        },
      }),
    ).rejects.toThrow(/after the grade publicity ended/);
    // The grade publicity ends (moved into the past here).
    await db().publicityBatch.update({
      where: { id: grade.data.id },
      data: { startDate: dayFromToday(-6), endDate: dayFromToday(-3) },
    });
    expect(await step("SCHOOL_COMMITTEE", "张老师、申请人乙、王老师", "")).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { members: expect.stringContaining("申请人乙") },
    });
    await expect(
      db().reviewStep.create({
        data: {
          termId: (await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } })).id,
          schoolId: fx.school.id,
          kind: "SCHOOL_COMMITTEE",
          actorId: fxAdmin.id,
          members: [{ name: "张老师" }, { name: "申请人 乙" }, { name: "王老师" }],
        },
      }),
    ).rejects.toThrow(/applicant may not sit on the committee/);
    expect(await step("SCHOOL_COMMITTEE", undefined, "")).toMatchObject({ ok: true });
  });

  it("the town centre school reviews only village schools, after the signature; report upward after the school publicity", async () => {
    expect(await step("CENTRE_SCHOOL_REVIEW", "", "")).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    await db().school.update({ where: { id: fx.school.id }, data: { isVillage: true } });
    expect(await step("CENTRE_SCHOOL_REVIEW", "", "")).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect(await signOffDetermination(fxLeader, { comment: "同意" })).toMatchObject({ ok: true });
    // A village school's publicity waits for the centre school's review.
    expect(
      await createPublicity(fxAdmin, { scope: "SCHOOL", gradeId: "", startDate: today(), workingDays: "5" }),
    ).toMatchObject({ ok: false, code: "REFUSED" });
    expect(await step("CENTRE_SCHOOL_REVIEW", "", "")).toMatchObject({ ok: true });
    expect(await step("REPORTED_UPWARD", "", "")).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    const pub = await createPublicity(fxAdmin, {
      scope: "SCHOOL",
      gradeId: "",
      startDate: today(),
      workingDays: "5",
    });
    expect(pub).toMatchObject({ ok: true });
    // A grade publicity may no longer overlap it, even written directly.
    await expect(
      db().publicityBatch.create({
        data: {
          schoolId: fx.school.id,
          termId: (await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } })).id,
          kind: "DETERMINATION",
          scope: "GRADE",
          gradeId: fx.grade.id,
          title: "重叠的年级公示",
          startDate: dayFromToday(0),
          endDate: dayFromToday(2),
          workingDays: 2,
          createdById: fxAdmin.id,
        },
      }),
    ).rejects.toThrow(/may not overlap/);
  });
});

describe("objection rate limit", () => {
  it("refuses the sixth objection of a day from one account with a Chinese message, and files nothing for it", async () => {
    const term = await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } });
    const day = (offset: number) =>
      new Date(
        `${new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`,
      );
    const batch = await db().publicityBatch.create({
      data: {
        schoolId: school.school.id,
        termId: term.id,
        kind: "DETERMINATION",
        scope: "SCHOOL",
        title: "限流测试公示",
        startDate: day(-1),
        endDate: day(7),
        workingDays: 5,
        createdById: admin.id,
      },
    });
    const filer = sessionUser({ ...(await makeStaff("TEACHER", { schoolId: school.school.id })).user });
    for (let i = 1; i <= 5; i++)
      expect(
        await fileObjection(
          filer,
          { batchId: batch.id, content: `第${i}条异议：家庭情况与公示不符` },
          "10.9.8.7",
        ),
      ).toMatchObject({ ok: true });
    const sixth = await fileObjection(
      filer,
      { batchId: batch.id, content: "第6条异议：家庭情况与公示不符" },
      "10.9.8.7",
    );
    expect(sixth).toMatchObject({
      ok: false,
      code: "LIMIT",
    });
    expect(await db().objection.count({ where: { batchId: batch.id } })).toBe(5);
  });
});
