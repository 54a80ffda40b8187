/**
 * Adjustment within the year (动态调整, lib/services/adjustments.ts): opened outside the application window,
 * verified by the class teacher, determined by the school, publicised on its own; when that publicity is
 * finalised its level replaces the earlier one from that day, both stay in the history, rosters read the new
 * level, and aid paid at the earlier level stays recorded. One open adjustment per student (database index).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { rosterCandidates } from "@/lib/db/aid-roster.repo";
import { formatBeijingDate } from "@/lib/domain/time";
import {
  createAdjustmentPublicity,
  loadAdjustments,
  openAdjustment,
  studentLevelHistory,
  withdrawOpenAdjustment,
} from "@/lib/services/adjustments";
import { setLevel } from "@/lib/services/final-level";
import { gradeCandidates, schoolCandidates } from "@/lib/db/publicity.repo";
import { answerObjection, fileObjection, finalisePublicity, ownResult } from "@/lib/services/publicity";
import { returnApplication, verifyApplication } from "@/lib/services/teacher-verification";
import { ensureDefaultModel, makeApplication, makeRoster } from "../support/determination-fixtures";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
} from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let otherSchool: Awaited<ReturnType<typeof makeSchool>>;
let otherClass: { id: string };
let admin: SessionUser, teacher: SessionUser, otherTeacher: SessionUser, otherAdmin: SessionUser;
let term: { id: string; applyStart: Date };
const today = () => formatBeijingDate(new Date());
const REASON = "父亲突发重病住院，家庭收入中断";

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  otherSchool = await makeSchool(county.id, "SENIOR");
  otherClass = await db().schoolClass.create({
    data: { schoolId: school.school.id, gradeId: school.grade.id, name: "2班" },
  });
  // The window closed an hour ago: the term's determination is done, adjustments are possible.
  ({ term } = await makeCurrentTerm({ stage: "SENIOR", opensInHours: -24 * 10, closesInHours: -1 }));
  await ensureDefaultModel();
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
  otherTeacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [otherClass.id] })).user,
  );
  otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: otherSchool.school.id })).user);
});

async function version(applicationId: string) {
  return (await db().application.findUniqueOrThrow({ where: { id: applicationId } })).version;
}

describe("an adjustment's full path", () => {
  it("open → verify → determine → publicity → effective, keeping both levels and the paid aid", async () => {
    const { app: earlier, student } = await makeApplication(school, "determined", { level: "GENERAL" });
    const studentUser = sessionUser(await makeStudentAccount(student));
    const roster = await makeRoster(
      school.school.id,
      [{ studentId: student.student.id, applicationId: earlier.id, paid: true }],
      "APPROVED",
    );
    const personId = student.person.id;

    const opened = await openAdjustment(teacher, { personId, event: "SERIOUS_ILLNESS", reason: REASON });
    expect(opened).toMatchObject({ ok: true });
    if (!opened.ok) throw new Error("opened");
    const adjustmentId = opened.data.applicationId;
    const created = await db().application.findUniqueOrThrow({
      where: { id: adjustmentId },
      include: { household: true, familyMembers: true, adjustment: true },
    });
    expect(created).toMatchObject({
      kind: "ADJUSTMENT",
      adjustsId: earlier.id,
      ofRecord: false,
      state: "submitted",
      termId: term.id,
      adjustment: { event: "SERIOUS_ILLNESS", reason: REASON, state: "OPEN" },
    });
    expect(created.household?.perCapitaMonthlyIncomeFen).toBe(50_000);
    expect(created.familyMembers).toHaveLength(3);

    // One open adjustment per student at a time.
    expect(
      await openAdjustment(admin, { personId, event: "ACCIDENT", reason: "又一次突发意外事故" }),
    ).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { personId: expect.any(String) } });

    // The applicant sees it in the portal like an application.
    const portal = await ownResult(studentUser, personId);
    expect(portal).toMatchObject({
      ok: true,
      data: { adjustments: [{ applicationId: adjustmentId, state: "OPEN", event: "SERIOUS_ILLNESS" }] },
    });

    // The normal verification and determination; the applicant cannot edit it, so it is never returned.
    expect(
      await returnApplication(teacher, adjustmentId, { reason: "请补充医院诊断证明", deadline: "" }),
    ).toMatchObject({ ok: false, code: "REFUSED" });
    expect(await verifyApplication(teacher, adjustmentId)).toMatchObject({ ok: true });
    const simulated = (await db().determination.findUniqueOrThrow({ where: { applicationId: adjustmentId } }))
      .simulatedLevel;
    expect(simulated).not.toBe("GENERAL");
    expect(
      await setLevel(admin, {
        applicationId: adjustmentId,
        version: String(await version(adjustmentId)),
        level: simulated,
        reason: "",
      }),
    ).toMatchObject({ ok: true });
    // Determined is not yet effective: the earlier application stays of record until the publicity ends.
    expect((await db().application.findUniqueOrThrow({ where: { id: earlier.id } })).ofRecord).toBe(true);

    // The regular grade and school publicity never list the adjustment; its own publicity lists only adjustments.
    const scope = { role: "SCHOOL_ADMIN" as const, userId: admin.id, schoolId: school.school.id };
    const regular = [
      ...(await schoolCandidates(scope, term.id)),
      ...(await gradeCandidates(scope, term.id, school.grade.id)),
    ].map((candidate) => candidate.applicationId);
    expect(regular).toContain(earlier.id);
    expect(regular).not.toContain(adjustmentId);
    const listed = await loadAdjustments(admin);
    expect(listed).toMatchObject({
      ok: true,
      data: { publicityCandidates: [{ applicationId: adjustmentId }] },
    });
    const batch = await createAdjustmentPublicity(admin, { startDate: today() });
    expect(batch).toMatchObject({ ok: true, data: { items: 1 } });
    if (!batch.ok) throw new Error("batch");
    const items = await db().publicityItem.findMany({ where: { batchId: batch.data.id } });
    expect(items.map((item) => item.applicationId)).toEqual([adjustmentId]);
    expect(await db().publicityBatch.findUniqueOrThrow({ where: { id: batch.data.id } })).toMatchObject({
      kind: "ADJUSTMENT",
      scope: "SCHOOL",
      workingDays: 5,
    });
    expect(await createAdjustmentPublicity(admin, { startDate: today() })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });

    // Objections as usual: finalising waits for the period and the answers.
    const objection = await fileObjection(studentUser, {
      batchId: batch.data.id,
      content: "对调整结果有疑问",
    });
    expect(objection).toMatchObject({ ok: true });
    const later = new Date(Date.now() + 30 * 86_400_000);
    expect(await finalisePublicity(admin, batch.data.id, later)).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect((await db().application.findUniqueOrThrow({ where: { id: adjustmentId } })).ofRecord).toBe(false);
    if (!objection.ok) throw new Error("objection");
    expect(
      await answerObjection(admin, { objectionId: objection.data.id, answer: "经核实，维持调整" }),
    ).toMatchObject({ ok: true });
    expect(await finalisePublicity(admin, batch.data.id, later)).toMatchObject({ ok: true });

    // Effective from the day the publicity was finalised; both determinations stay.
    const effectiveFrom = formatBeijingDate(later);
    const adjustment = await db().adjustment.findUniqueOrThrow({ where: { applicationId: adjustmentId } });
    expect(adjustment.state).toBe("EFFECTIVE");
    expect(adjustment.effectiveFrom?.toISOString().slice(0, 10)).toBe(effectiveFrom);
    expect((await db().application.findUniqueOrThrow({ where: { id: earlier.id } })).ofRecord).toBe(false);
    expect((await db().application.findUniqueOrThrow({ where: { id: adjustmentId } })).ofRecord).toBe(true);
    expect(
      (await db().determination.findUniqueOrThrow({ where: { applicationId: earlier.id } })).finalLevel,
    ).toBe("GENERAL");

    const before = await studentLevelHistory(admin, personId, today());
    expect(before).toMatchObject({ ok: true, data: { level: "GENERAL" } });
    const after = await studentLevelHistory(admin, personId, effectiveFrom);
    expect(after).toMatchObject({
      ok: true,
      data: {
        level: simulated,
        periods: [
          { applicationId: earlier.id, level: "GENERAL", effectiveFrom: null },
          { applicationId: adjustmentId, level: simulated, effectiveFrom },
        ],
      },
    });

    // Rosters made from now on read the new level of record; the paid entry at the earlier level stays.
    const candidates = await rosterCandidates(scope, term.id, {
      stage: "SENIOR",
      eligibleLevels: ["SPECIAL", "HARDSHIP"],
      eligibleCategories: [],
    });
    expect(candidates.filter((candidate) => candidate.studentId === student.student.id)).toEqual([
      expect.objectContaining({ applicationId: adjustmentId, level: simulated }),
    ]);
    expect(await db().rosterEntry.findUniqueOrThrow({ where: { id: roster.entries[0]!.id } })).toMatchObject({
      applicationId: earlier.id,
      level: "HARDSHIP",
      amountFen: 100_000,
      paidAmountFen: 100_000,
    });

    const audited = await db().auditLog.findMany({
      where: { targetId: { in: [adjustmentId, batch.data.id] } },
      select: { action: true },
    });
    expect(audited.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["adjustment.open", "adjustment.publicity", "adjustment.effective"]),
    );

    // A second adjustment may now be opened: it adjusts the adjustment of record.
    const second = await openAdjustment(admin, {
      personId,
      event: "FAMILY_CHANGE",
      reason: "家庭再遭变故需要调整",
    });
    expect(second).toMatchObject({ ok: true });
    if (!second.ok) throw new Error("second");
    expect(
      (await db().application.findUniqueOrThrow({ where: { id: second.data.applicationId } })).adjustsId,
    ).toBe(adjustmentId);
  });
});

describe("when and by whom", () => {
  it("is refused inside the application window (申报期内请走正常申请)", async () => {
    const { student } = await makeApplication(school, "determined");
    const duringWindow = new Date(term.applyStart.getTime() + 3_600_000);
    const refused = await openAdjustment(
      admin,
      { personId: student.person.id, event: "ACCIDENT", reason: REASON },
      duringWindow,
    );
    expect(refused).toMatchObject({ ok: false, code: "REFUSED" });
    if (!refused.ok) expect(refused.message).toContain("申报期内请走正常申请");
    expect(await db().adjustment.count({ where: { personId: student.person.id } })).toBe(0);
  });

  it("is refused to the teacher of another class and to another school, and without a determination", async () => {
    const { student } = await makeApplication(school, "determined");
    const input = { personId: student.person.id, event: "ACCIDENT", reason: REASON };
    expect(await openAdjustment(otherTeacher, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await openAdjustment(otherAdmin, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const undetermined = await makeApplication(school, "verified");
    expect(await openAdjustment(admin, { ...input, personId: undetermined.student.person.id })).toMatchObject(
      { ok: false, code: "REFUSED" },
    );
    const never = await makeStudent(school);
    expect(await openAdjustment(admin, { ...input, personId: never.person.id })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect(await openAdjustment(teacher, { ...input, reason: "" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { reason: expect.any(String) },
    });
    expect(await openAdjustment(teacher, { ...input, event: "WEATHER" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { event: expect.any(String) },
    });
  });

  it("withdrawn, the earlier level stays and a new adjustment may be opened", async () => {
    const { app: earlier, student } = await makeApplication(school, "determined", { level: "HARDSHIP" });
    const input = { personId: student.person.id, event: "INCOME_LOSS", reason: REASON };
    const opened = await openAdjustment(admin, input);
    if (!opened.ok) throw new Error("opened");
    expect(
      await withdrawOpenAdjustment(teacher, {
        applicationId: opened.data.applicationId,
        reason: "情况已好转",
      }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(
      await withdrawOpenAdjustment(otherAdmin, {
        applicationId: opened.data.applicationId,
        reason: "情况已好转",
      }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(
      await withdrawOpenAdjustment(admin, { applicationId: opened.data.applicationId, reason: "情况已好转" }),
    ).toMatchObject({ ok: true });
    expect(
      await db().application.findUniqueOrThrow({ where: { id: opened.data.applicationId } }),
    ).toMatchObject({
      state: "withdrawn",
      ofRecord: false,
    });
    expect((await db().application.findUniqueOrThrow({ where: { id: earlier.id } })).ofRecord).toBe(true);
    expect(await openAdjustment(admin, input)).toMatchObject({ ok: true });
  });
});

describe("the database keeps the rules", () => {
  it("one regular application per student and term, one of record, one open adjustment", async () => {
    const { app } = await makeApplication(school, "determined");
    const owner = ownerDb();
    const base = {
      termId: app.termId,
      personId: app.personId,
      studentId: app.studentId,
      schoolId: app.schoolId,
      classId: app.classId,
    };
    await expect(db().application.create({ data: { ...base, state: "draft" } })).rejects.toThrow(
      /Application_regular_person_term_key|Unique constraint/,
    );
    // An adjustment must name what it adjusts, and cannot be of record before it is determined.
    await expect(
      db().application.create({ data: { ...base, kind: "ADJUSTMENT", ofRecord: false, state: "draft" } }),
    ).rejects.toThrow(/Application_adjusts_check/);
    await expect(
      db().application.create({
        data: { ...base, kind: "ADJUSTMENT", adjustsId: app.id, state: "draft" },
      }),
    ).rejects.toThrow(/Application_adjustment_of_record_check/);
    const first = await db().application.create({
      data: { ...base, kind: "ADJUSTMENT", adjustsId: app.id, ofRecord: false, state: "draft" },
    });
    const second = await db().application.create({
      data: { ...base, kind: "ADJUSTMENT", adjustsId: app.id, ofRecord: false, state: "draft" },
    });
    const row = {
      personId: app.personId,
      termId: app.termId,
      schoolId: app.schoolId,
      event: "OTHER" as const,
    };
    await db().adjustment.create({
      data: { ...row, applicationId: first.id, reason: REASON, openedById: admin.id },
    });
    await expect(
      db().adjustment.create({
        data: { ...row, applicationId: second.id, reason: REASON, openedById: admin.id },
      }),
    ).rejects.toThrow(/Unique constraint/);
    // Of record twice in one term: refused even for the owner.
    await expect(
      owner.$executeRaw`UPDATE "Application" SET "ofRecord" = true, "state" = 'determined', "submittedAt" = now(),
        "commitmentSignedAt" = now(), "verifiedAt" = now(), "reviewedAt" = now() WHERE "id" = ${second.id}`,
    ).rejects.toThrow(/Application_of_record_person_term_key/);
  });
});
