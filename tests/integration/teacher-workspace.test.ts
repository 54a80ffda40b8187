/**
 * The class teacher's workspace against a real database: scope (a teacher
 * never reaches a student outside their classes, also by tampered ids),
 * races with the applicant, return → resubmit with changes, monitor and
 * export, roster corrections, evaluation, paper entry and the admin queues.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { scopeOf } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import { reopenEvaluation } from "@/lib/db/class-evaluation.repo";
import { db } from "@/lib/db/client";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import { buildResidentId } from "@/lib/domain/id-number";
import { beijingEndOfDay, formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { saveHouseholdInfo, submitApplication, withdrawApplication } from "@/lib/services/application-portal";
import { applicantContext } from "@/lib/services/context";
import {
  loadEvaluation,
  moveApplicant,
  saveClassEvaluation,
  startSupplementaryEvaluation,
} from "@/lib/services/class-evaluation";
import {
  attachScan,
  loadPaperApplication,
  savePaperHousehold,
  savePaperProgrammes,
  startPaperApplication,
  submitPaperApplication,
} from "@/lib/services/paper-application";
import {
  loadAdminSignInProblems,
  loadTeacherSignInProblems,
  reportSignInProblem,
  resolveSignInProblem,
} from "@/lib/services/sign-in-problems";
import { loadApplication } from "@/lib/services/determination-queue";
import { exportMonitor } from "@/lib/services/teacher-export";
import {
  correctGuardian,
  handleEnrolmentIssue,
  loadEscalatedIssues,
  loadRoster,
  loadRosterStudent,
  resolveEnrolmentIssue,
} from "@/lib/services/class-roster";
import {
  loadHomeVisit,
  loadMonitor,
  loadReview,
  recordHomeVisit,
  returnApplication,
  verifyApplication,
} from "@/lib/services/teacher-verification";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "../support/fixtures";
import { workbookOf } from "../support/streams";
import { makeApplication, makeEvidence } from "../support/teacher-fixtures";
import { sessionUser } from "../support/session-user";
import { householdForm } from "../support/household-form";

type School = Awaited<ReturnType<typeof makeSchool>>;

let school: School, otherClass: { id: string }, otherSchool: School;
let teacher: SessionUser, otherTeacher: SessionUser, admin: SessionUser, otherAdmin: SessionUser;
let termId: string, programmeId: string, verifyDeadline: Date;
let mine: StudentFixture, neighbour: StudentFixture, stranger: StudentFixture;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  otherClass = await db().schoolClass.create({
    data: { schoolId: school.school.id, gradeId: school.grade.id, name: "2班" },
  });
  otherSchool = await makeSchool(county.id, "SENIOR");
  const t = await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] });
  const t2 = await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [otherClass.id] });
  const a = await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id });
  const a2 = await makeStaff("SCHOOL_ADMIN", { schoolId: otherSchool.school.id });
  teacher = sessionUser({ ...t.user, displayName: "李慧敏" });
  otherTeacher = sessionUser(t2.user);
  admin = sessionUser(a.user);
  otherAdmin = sessionUser(a2.user);
  const { term, programme } = await makeCurrentTerm({ stage: "SENIOR" });
  termId = term.id;
  programmeId = programme.id;
  verifyDeadline = term.verifyDeadline;
  mine = await makeStudent(school);
  neighbour = await makeStudent({ ...school, klass: otherClass });
  stranger = await makeStudent(otherSchool);
  await seedDefaultModel(db());
});

describe("scope: a teacher reaches only students of their own classes", () => {
  it("cannot list, open, verify, return, visit or see evidence of a student in another class of the same school or another school", async () => {
    for (const st of [neighbour, stranger]) {
      const app = await makeApplication(st, termId, "submitted", { programmeId });
      const ev = await makeEvidence(app.id, teacher.id);
      expect(await loadReview(teacher, app.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await verifyApplication(teacher, app.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await returnApplication(teacher, app.id, { reason: "请补充材料", deadline: "" })).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
      });
      expect((await loadHomeVisit(teacher, app.id)).ok).toBe(false);
      expect((await loadRosterStudent(teacher, st.student.id)).ok).toBe(false);
      expect((await startPaperApplication(teacher, st.person.id)).ok).toBe(false);
      const g = await db().guardian.findFirstOrThrow({ where: { studentId: st.student.id } });
      expect(
        (
          await correctGuardian(teacher, g.id, {
            name: "改名",
            relation: "父亲",
            mobile: "13911112222",
            idNumber: "",
          })
        ).ok,
      ).toBe(false);
      // Nothing was changed.
      expect((await db().application.findUniqueOrThrow({ where: { id: app.id } })).state).toBe("submitted");
      expect((await db().guardian.findUniqueOrThrow({ where: { id: g.id } })).name).not.toBe("改名");
      // The evidence of an out-of-scope application never appears in anything the teacher can open.
      const monitor = await loadMonitor(teacher, {});
      expect(JSON.stringify(monitor)).not.toContain(ev.id);
      expect(JSON.stringify(monitor)).not.toContain(st.name);
    }
    // Tampered class ids: the monitor, export, evaluation and sign-in report refuse other classes.
    for (const classId of [otherClass.id, otherSchool.klass.id]) {
      expect((await loadMonitor(teacher, { classId })).ok).toBe(false);
      expect((await exportMonitor(teacher, { classId })).ok).toBe(false);
      expect((await loadRoster(teacher, classId, 1)).ok).toBe(false);
      expect((await saveClassEvaluation(teacher, classId, { members: "", report: "" }, false)).ok).toBe(
        false,
      );
      expect(
        (
          await reportSignInProblem(teacher, {
            classId,
            subjectName: "某某",
            subjectRole: "STUDENT",
            description: "无法登录系统",
          })
        ).ok,
      ).toBe(false);
    }
    // Malformed ids are "not found", never an error.
    expect(await loadReview(teacher, "../../etc")).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("lists its own class with the evidence linked to the evidence download route", async () => {
    const st = await makeStudent(school);
    const app = await makeApplication(st, termId, "submitted", { programmeId });
    const ev = await makeEvidence(app.id, teacher.id);
    const r = await loadReview(teacher, app.id);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data.app.evidence.map((e) => e.id)).toEqual([ev.id]);
    expect(
      await db().auditLog.count({
        where: { action: "application.inspect", targetId: app.id, actorUserId: teacher.id },
      }),
    ).toBe(1);
  });
});

describe("races with the applicant", () => {
  async function applicantCtx(st: StudentFixture) {
    const user = await makeStudentAccount(st);
    const ctx = await applicantContext(sessionUser({ ...user, personId: st.person.id }), st.person.id);
    if (!ctx.ok) throw new Error(ctx.message);
    return ctx.data;
  }

  it.each(["verify", "return"] as const)(
    "%s racing the applicant's withdraw: exactly one succeeds, the other gets a conflict message",
    async (action) => {
      for (let round = 0; round < 3; round++) {
        const st = await makeStudent(school);
        const app = await makeApplication(st, termId, "submitted", { programmeId });
        const ctx = await applicantCtx(st);
        const teacherSide =
          action === "verify"
            ? verifyApplication(teacher, app.id, app.version)
            : returnApplication(teacher, app.id, { reason: "收入证明不清晰", deadline: "" }, app.version);
        const [t, w] = await Promise.all([teacherSide, withdrawApplication(ctx)]);
        expect([t.ok, w.ok].filter(Boolean)).toHaveLength(1);
        const loser = t.ok ? w : t;
        expect(loser.ok).toBe(false);
        if (!loser.ok) expect(["CONFLICT", "REFUSED"]).toContain(loser.code);
        const after = await db().application.findUniqueOrThrow({
          where: { id: app.id },
          include: { transitions: true },
        });
        expect(after.state).toBe(t.ok ? (action === "verify" ? "verified" : "returned") : "withdrawn");
        expect(after.transitions).toHaveLength(3);
      }
    },
  );

  it("refuses a decision made on a stale page (version changed meanwhile)", async () => {
    const st = await makeStudent(school);
    const app = await makeApplication(st, termId, "submitted", { programmeId });
    expect(await verifyApplication(teacher, app.id, app.version - 1)).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });
});

describe("return, resubmission with changes, verification and home visit", () => {
  it("returns with a default deadline at 23:59 Beijing time 3 days on, shows the applicant's changes after resubmission, then verifies", async () => {
    const st = await makeStudent(school);
    const app = await makeApplication(st, termId, "submitted", { programmeId });
    const now = new Date();
    const r = await returnApplication(
      teacher,
      app.id,
      { reason: "母亲的病历未上传，收入填写有误", deadline: "" },
      app.version,
      now,
    );
    expect(r.ok).toBe(true);
    const returned = await db().application.findUniqueOrThrow({ where: { id: app.id } });
    expect(returned.state).toBe("returned");
    expect(returned.returnReason).toBe("母亲的病历未上传，收入填写有误");
    // Not "now + 3 days at the current clock time": the end of that Beijing day (or the verification deadline if sooner).
    const endOfDay = beijingEndOfDay(formatBeijingDate(new Date(now.getTime() + 3 * 86_400_000)));
    expect(formatBeijingDateTime(endOfDay)).toMatch(/ 23:59$/);
    const expected = Math.min(endOfDay.getTime(), verifyDeadline.getTime());
    expect(returned.returnDeadline!.getTime()).toBe(expected);

    // The applicant fixes the income and resubmits.
    const user = await makeStudentAccount(st);
    const su = sessionUser({ ...user, personId: st.person.id });
    let ctx = await applicantContext(su, st.person.id);
    if (!ctx.ok) throw new Error(ctx.message);
    expect(
      (
        await saveHouseholdInfo(ctx.data, {
          version: ctx.data.application!.version,
          ...householdForm({
            totalAnnualIncome: "24000",
            familyMembers: [
              ...householdForm().familyMembers,
              {
                name: "陈奶奶",
                relation: "祖母",
                age: "78",
                occupation: "",
                workStatus: "丧失劳动能力",
                annualIncome: "0",
                seriousIllness: false,
                disability: true,
                healthNote: "",
                inSchool: false,
              },
            ],
          }),
        })
      ).ok,
    ).toBe(true);
    ctx = await applicantContext(su, st.person.id);
    if (!ctx.ok) throw new Error(ctx.message);
    expect(await submitApplication(ctx.data, true)).toEqual({ ok: true, data: undefined });

    const review = await loadReview(teacher, app.id);
    if (!review.ok) throw new Error(review.message);
    expect(review.data.app.state).toBe("submitted");
    expect(review.data.changes).toContainEqual({
      field: "家庭年总收入",
      before: "36000.00 元",
      after: "24000.00 元",
    });
    expect(review.data.changes!.find((c) => c.field === "家庭成员")!.after).toBe(
      "陈奶奶（祖母，78岁，丧失劳动能力，年收入 0.00 元，残疾）",
    );

    expect(await verifyApplication(teacher, app.id, review.data.app.version)).toEqual({
      ok: true,
      data: undefined,
    });
    const verified = await db().application.findUniqueOrThrow({
      where: { id: app.id },
      include: { transitions: { orderBy: { at: "asc" } } },
    });
    expect(verified.state).toBe("verified");
    expect(verified.returnSnapshot).toBeNull();
    expect(verified.transitions.map((t) => `${t.toState}:${t.actorRole}`)).toEqual([
      "draft:STUDENT",
      "submitted:STUDENT",
      "returned:TEACHER",
      "submitted:STUDENT",
      "verified:TEACHER",
    ]);
    expect(
      await db().auditLog.count({
        where: { targetId: app.id, action: { in: ["application.return", "application.verify"] } },
      }),
    ).toBe(2);
    // Verified, it waits in the school's queue with its simulated level already stored.
    const before = await db().determination.findUniqueOrThrow({ where: { applicationId: app.id } });
    expect(before.finalLevel).toBeNull();

    // Home visit with the scoring sheet from the model.
    const visit = await recordHomeVisit(teacher, app.id, {
      visitDate: formatBeijingDate(new Date()),
      visitors: "李慧敏、张伟",
      findings: "母亲长期透析，家中无劳动力",
      scores: { family_structure: "none", housing: "poor", consumption: "frugal", home_visit: "very_poor" },
    });
    expect(visit).toEqual({ ok: true, data: { totalScore: 17 } });
    const hv = await db().homeVisit.findUniqueOrThrow({ where: { applicationId: app.id } });
    expect(hv.scores).toEqual({
      family_structure: "none",
      housing: "poor",
      consumption: "frugal",
      home_visit: "very_poor",
    });
    expect(hv.recordedById).toBe(teacher.id);
    // Its answers count in the score: the stored simulated level follows at once, as the school's detail page computes it.
    const after = await db().determination.findUniqueOrThrow({ where: { applicationId: app.id } });
    expect(after.simulatedScore).toBeGreaterThan(before.simulatedScore);
    const detail = await loadApplication(admin, app.id);
    if (!detail.ok) throw new Error(detail.message);
    expect([after.simulatedScore, after.simulatedLevel]).toEqual([
      detail.data.simulation!.score,
      detail.data.simulation!.level,
    ]);
  });

  it("refuses a return without reason, with a deadline past the verification deadline, or twice", async () => {
    const st = await makeStudent(school);
    const app = await makeApplication(st, termId, "submitted", { programmeId });
    const noReason = await returnApplication(teacher, app.id, { reason: " ", deadline: "" });
    expect(noReason.ok).toBe(false);
    expect(noReason).toMatchObject({ code: "INVALID", fieldErrors: { reason: expect.any(String) } });
    const late = formatBeijingDate(new Date(verifyDeadline.getTime() + 2 * 86_400_000));
    const tooLate = await returnApplication(teacher, app.id, { reason: "请补充材料", deadline: late });
    expect(tooLate.ok).toBe(false);
    expect(tooLate).toMatchObject({ code: "INVALID", fieldErrors: { deadline: expect.any(String) } });
    expect(
      (
        await returnApplication(teacher, app.id, {
          reason: "请补充材料",
          deadline: formatBeijingDate(verifyDeadline),
        })
      ).ok,
    ).toBe(true);
    expect(
      (await db().application.findUniqueOrThrow({ where: { id: app.id } })).returnDeadline!.getTime(),
    ).toBe(verifyDeadline.getTime());
    const again = await returnApplication(teacher, app.id, { reason: "请补充材料", deadline: "" });
    expect(again.ok).toBe(false);
  });

  it("refuses a home-visit date outside the term (1999-01-01, tomorrow), and the database refuses it too", async () => {
    const st = await makeStudent(school);
    const app = await makeApplication(st, termId, "submitted", { programmeId });
    const sheet = {
      visitors: "李慧敏",
      findings: "家中情况属实",
      scores: { family_structure: "none", housing: "poor", consumption: "frugal", home_visit: "very_poor" },
    };
    const old = await recordHomeVisit(teacher, app.id, { ...sheet, visitDate: "1999-01-01" });
    expect(old).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { visitDate: expect.any(String) },
    });
    const tomorrow = formatBeijingDate(new Date(Date.now() + 86_400_000));
    const future = await recordHomeVisit(teacher, app.id, { ...sheet, visitDate: tomorrow });
    expect(future).toMatchObject({ ok: false, fieldErrors: { visitDate: "走访日期不能晚于今天" } });
    const impossible = await recordHomeVisit(teacher, app.id, { ...sheet, visitDate: "2026-02-30" });
    expect(impossible.ok).toBe(false);
    expect(await db().homeVisit.count({ where: { applicationId: app.id } })).toBe(0);
    const model = await db().scoringModel.findFirstOrThrow();
    await expect(
      db().homeVisit.create({
        data: {
          applicationId: app.id,
          visitDate: new Date("1999-01-01T00:00:00Z"),
          visitors: "x",
          findings: "x",
          scores: {},
          totalScore: 0,
          scoringModelId: model.id,
          recordedById: teacher.id,
        },
      }),
    ).rejects.toThrow(/before its term/);
    expect(
      (await recordHomeVisit(teacher, app.id, { ...sheet, visitDate: formatBeijingDate(new Date()) })).ok,
    ).toBe(true);
  });

  it("offers 3- and 7-day quick picks for the correction deadline, each ending at 23:59", async () => {
    const st = await makeStudent(school);
    const app = await makeApplication(st, termId, "submitted", { programmeId });
    const now = new Date();
    const page = await loadReview(teacher, app.id, now);
    if (!page.ok) throw new Error(page.message);
    const day = (n: number) => formatBeijingDate(new Date(now.getTime() + n * 86_400_000));
    expect(page.data.quickPicks.map((p) => p.date)).toEqual([day(3), day(7)]);
    const picked = await returnApplication(
      teacher,
      app.id,
      { reason: "请补充病历", deadline: day(7) },
      app.version,
    );
    expect(picked.ok).toBe(true);
    if (picked.ok) expect(formatBeijingDateTime(picked.data.deadline)).toBe(`${day(7)} 23:59`);
  });

  it("refuses an incomplete scoring sheet naming the indicator", async () => {
    const st = await makeStudent(school);
    const app = await makeApplication(st, termId, "submitted", { programmeId });
    const r = await recordHomeVisit(teacher, app.id, {
      visitDate: formatBeijingDate(new Date()),
      visitors: "李慧敏",
      findings: "家中情况属实",
      scores: { family_structure: "none", housing: "poor", consumption: "frugal" },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors?.["score.home_visit"]).toBe("请为“入户调查综合评价”选择一项");
  });
});

describe("monitor and export", () => {
  it("counts every state and not-started students, computes 回收率, filters and paginates, and exports neutralised cells", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id, "SENIOR");
    const t = sessionUser(
      (await makeStaff("TEACHER", { schoolId: s.school.id }, { classIds: [s.klass.id] })).user,
    );
    const states = ["submitted", "submitted", "verified", "returned", "waived", "draft"] as const;
    for (const st of states) await makeApplication(await makeStudent(s), termId, st);
    await makeStudent(s, { name: '=HYPERLINK("x")' });
    for (let i = 0; i < 2; i++) await makeStudent(s);

    const r = await loadMonitor(t, {});
    if (!r.ok) throw new Error(r.message);
    expect(r.data.counts).toMatchObject({
      not_started: 3,
      submitted: 2,
      verified: 1,
      returned: 1,
      waived: 1,
      draft: 1,
    });
    expect(r.data.rate).toEqual({ back: 4, total: 9, percent: 44 });
    const filtered = await loadMonitor(t, { classId: s.klass.id, state: "not_started" });
    if (!filtered.ok) throw new Error(filtered.message);
    expect(filtered.data.total).toBe(3);
    expect(filtered.data.rows.every((row) => row.applications.length === 0)).toBe(true);
    const page2 = await loadMonitor(t, { classId: s.klass.id, page: "2" });
    if (!page2.ok) throw new Error(page2.message);
    expect(page2.data.rows).toHaveLength(0);
    expect(page2.data.total).toBe(9);

    const x = await exportMonitor(t, { classId: s.klass.id });
    if (!x.ok) throw new Error(x.message);
    const wb = await workbookOf(x.data.stream);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(10);
    const names = ws.getColumn(1).values.slice(2).map(String);
    expect(names).toContain('\'=HYPERLINK("x")');
    const states2 = ws.getColumn(5).values.slice(2).map(String);
    expect(states2.filter((v) => v === "未开始")).toHaveLength(3);
    expect(await db().auditLog.count({ where: { action: "application.export", actorUserId: t.id } })).toBe(1);
  });

  it("counts a student who left the school but applied this term, and not one who left without applying", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id, "SENIOR");
    const t = sessionUser(
      (await makeStaff("TEACHER", { schoolId: s.school.id }, { classIds: [s.klass.id] })).user,
    );
    await makeApplication(await makeStudent(s, { name: "在读申请" }), termId, "submitted");
    await makeStudent(s, { name: "在读未申请" });
    const left = await makeStudent(s, { name: "转出已申请" });
    await makeApplication(left, termId, "verified");
    await db().student.update({ where: { id: left.student.id }, data: { status: "TRANSFERRED_OUT" } });
    const gone = await makeStudent(s, { name: "毕业未申请" });
    await db().student.update({ where: { id: gone.student.id }, data: { status: "GRADUATED" } });

    const r = await loadMonitor(t, {});
    if (!r.ok) throw new Error(r.message);
    expect(r.data.total).toBe(3);
    // Pinyin order (zai du shen qing < zai du wei shen qing < zhuan chu …).
    expect(r.data.rows.map((row) => row.person.name)).toEqual(["在读申请", "在读未申请", "转出已申请"]);
    expect(r.data.counts).toMatchObject({ not_started: 1, submitted: 1, verified: 1 });
    const verified = await loadMonitor(t, { classId: s.klass.id, state: "verified" });
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.data.rows.map((row) => row.person.name)).toEqual(["转出已申请"]);
    const notStarted = await loadMonitor(t, { classId: s.klass.id, state: "not_started" });
    if (!notStarted.ok) throw new Error(notStarted.message);
    expect(notStarted.data.rows.map((row) => row.person.name)).toEqual(["在读未申请"]);

    const x = await exportMonitor(t, { classId: s.klass.id });
    if (!x.ok) throw new Error(x.message);
    const wb = await workbookOf(x.data.stream);
    expect(wb.worksheets[0]!.getColumn(1).values.slice(2).map(String).sort()).toEqual(
      ["在读未申请", "在读申请", "转出已申请"].sort(),
    );
  });
});

describe("roster, guardians and enrolment issues", () => {
  it("shows guardians masked and corrects them with validation", async () => {
    const r = await loadRoster(teacher, undefined, 1);
    if (!r.ok) throw new Error(r.message);
    const row = r.data.rows.find((x) => x.id === mine.student.id)!;
    expect(row.guardians[0]!.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(JSON.stringify(r.data)).not.toContain(mine.guardianPhone);

    const g = row.guardians[0]!;
    const bad = await correctGuardian(teacher, g.id, {
      name: "",
      relation: "邻居",
      mobile: "12345",
      idNumber: "440106198001011234",
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors?.name).toBe("请填写监护人姓名");
      expect(bad.fieldErrors?.relation).toBe("请选择与学生的关系");
      expect(bad).toMatchObject({ code: "INVALID", fieldErrors: { mobile: expect.any(String) } });
      expect(bad.fieldErrors).toHaveProperty("idNumber");
    }
    const id = buildResidentId("440106", "1980-01-01", 123, "FEMALE");
    expect(
      await correctGuardian(teacher, g.id, {
        name: "陈红",
        relation: "母亲",
        mobile: "139 1234 5678",
        idNumber: id,
      }),
    ).toEqual({ ok: true, data: undefined });
    const saved = await db().guardian.findUniqueOrThrow({ where: { id: g.id } });
    expect(saved).toMatchObject({
      name: "陈红",
      relation: "母亲",
      phoneMasked: "139****5678",
      idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}`,
    });
    expect(saved.phoneCipher).not.toContain("13912345678");
    expect(await db().auditLog.count({ where: { action: "guardian.correct", targetId: g.id } })).toBe(1);
  });

  it("lets the teacher fix an issue or pass it on; the admin closes passed-on ones saying what was done", async () => {
    const reporter = await makeStudentAccount(mine);
    const fixMe = await db().enrolmentIssue.create({
      data: { studentId: mine.student.id, reportedById: reporter.id, content: "性别登记错误" },
    });
    const passOn = await db().enrolmentIssue.create({
      data: { studentId: mine.student.id, reportedById: reporter.id, content: "学籍号有误" },
    });
    const foreign = await db().enrolmentIssue.create({
      data: { studentId: neighbour.student.id, reportedById: reporter.id, content: "x" },
    });

    expect((await handleEnrolmentIssue(teacher, foreign.id, "escalate", {})).ok).toBe(false);
    expect((await handleEnrolmentIssue(teacher, fixMe.id, "fixed", { resolution: "" })).ok).toBe(false);
    expect(
      (
        await handleEnrolmentIssue(teacher, fixMe.id, "fixed", {
          resolution: "已核对户口簿，报管理员更正性别",
        })
      ).ok,
    ).toBe(true);
    expect((await handleEnrolmentIssue(teacher, passOn.id, "escalate", {})).ok).toBe(true);

    const queue = await loadEscalatedIssues(admin);
    if (!queue.ok) throw new Error(queue.message);
    expect(queue.data.map((i) => i.id)).toEqual([passOn.id]);
    const otherQueue = await loadEscalatedIssues(otherAdmin);
    expect(otherQueue.ok && otherQueue.data.length).toBe(0);
    expect((await resolveEnrolmentIssue(otherAdmin, passOn.id, { resolution: "已更正" })).ok).toBe(false);
    expect((await resolveEnrolmentIssue(admin, fixMe.id, { resolution: "已更正" })).ok).toBe(false); // not passed on
    expect((await resolveEnrolmentIssue(admin, passOn.id, { resolution: "已将学籍号更正为G123" })).ok).toBe(
      true,
    );
    expect((await resolveEnrolmentIssue(admin, passOn.id, { resolution: "再次处理" })).ok).toBe(false);
    const roster = await loadRoster(teacher, undefined, 1);
    if (!roster.ok) throw new Error(roster.message);
    expect(roster.data.issues.find((i) => i.id === passOn.id)).toMatchObject({
      state: "DONE",
      resolution: "已将学籍号更正为G123",
    });
    expect(
      await db().auditLog.count({ where: { action: "enrolment_issue.resolve", targetId: passOn.id } }),
    ).toBe(1);
  });
});

describe("sign-in problems", () => {
  it("goes from the teacher to the school admin's queue and back with what was done", async () => {
    const bad = await reportSignInProblem(teacher, {
      classId: school.klass.id,
      subjectName: "",
      subjectRole: "STUDENT",
      description: "无",
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(Object.keys(bad.fieldErrors ?? {})).toEqual(
        expect.arrayContaining(["subjectName", "description"]),
      );
    const r = await reportSignInProblem(teacher, {
      classId: school.klass.id,
      subjectName: "陈思远",
      subjectRole: "STUDENT",
      description: "激活时提示学籍号不一致",
    });
    if (!r.ok) throw new Error(r.message);
    const q = await loadAdminSignInProblems(admin);
    expect(q.ok && q.data.map((p) => p.id)).toContain(r.data.id);
    const other = await loadAdminSignInProblems(otherAdmin);
    expect(other.ok && other.data.map((p) => p.id)).not.toContain(r.data.id);
    const otherTeacherView = await loadTeacherSignInProblems(otherTeacher);
    expect(otherTeacherView.ok && otherTeacherView.data.problems.map((p) => p.id)).not.toContain(r.data.id);
    expect((await resolveSignInProblem(otherAdmin, r.data.id, { resolution: "已处理" })).ok).toBe(false);
    expect(
      (await resolveSignInProblem(admin, r.data.id, { resolution: "已更正学籍号并告知学生重新激活" })).ok,
    ).toBe(true);
    const mineView = await loadTeacherSignInProblems(teacher);
    if (!mineView.ok) throw new Error(mineView.message);
    expect(mineView.data.problems.find((p) => p.id === r.data.id)).toMatchObject({
      state: "DONE",
      resolution: "已更正学籍号并告知学生重新激活",
    });
  });
});

describe("class evaluation", () => {
  it("orders verified applicants, refuses a small committee or an applicant member, submits once with a review step", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id, "SENIOR");
    const t = sessionUser(
      (await makeStaff("TEACHER", { schoolId: s.school.id }, { classIds: [s.klass.id] })).user,
    );
    const a = await makeStudent(s, { name: "甲同学" });
    const b = await makeStudent(s, { name: "乙同学" });
    const appA = await makeApplication(a, termId, "verified");
    const appB = await makeApplication(b, termId, "verified");
    await db().household.update({
      where: { applicationId: appB.id },
      data: { totalAnnualIncomeFen: 1_800_000, perCapitaMonthlyIncomeFen: 50_000 },
    });
    await makeApplication(await makeStudent(s), termId, "submitted");
    await makeStudent(s, { name: "丙同学" });

    let e = await loadEvaluation(t);
    if (!e.ok || !e.data) throw new Error("no evaluation");
    // Unsaved, the poorest (lowest per-capita income) come first: 乙 declared less income.
    expect(e.data.ranked.map((x) => x.id)).toEqual([appB.id, appA.id]);
    expect((await moveApplicant(t, s.klass.id, appA.id, "up")).ok).toBe(true);
    e = await loadEvaluation(t, s.klass.id);
    if (!e.ok || !e.data) throw new Error("no evaluation");
    expect(e.data.ranked.map((x) => x.id)).toEqual([appA.id, appB.id]);
    expect((await moveApplicant(t, s.klass.id, appA.id, "down")).ok).toBe(true);

    const report = "经评议小组逐一讨论，乙同学家庭更为困难，排序如上。";
    const small = await saveClassEvaluation(
      t,
      s.klass.id,
      { members: "李老师 班主任\n张老师", report },
      true,
    );
    expect(small.ok).toBe(false);
    expect(small).toMatchObject({ code: "INVALID", fieldErrors: { members: expect.any(String) } });
    const withApplicant = await saveClassEvaluation(
      t,
      s.klass.id,
      { members: "李老师 班主任\n张老师\n甲同学 学生代表", report },
      true,
    );
    expect(withApplicant.ok).toBe(false);
    expect(withApplicant).toMatchObject({ code: "INVALID", fieldErrors: { members: expect.any(String) } });
    // The message names the applicant who may not sit on the committee.
    if (!withApplicant.ok) expect(withApplicant.fieldErrors?.members).toContain("甲同学");
    expect(
      (
        await saveClassEvaluation(
          t,
          s.klass.id,
          { members: "李老师 班主任\n张老师 科任\n丙同学 学生代表", report },
          true,
        )
      ).ok,
    ).toBe(true);

    const saved = await db().classEvaluation.findFirstOrThrow({
      where: { classId: s.klass.id },
      include: { ranks: { orderBy: { rank: "asc" } } },
    });
    expect(saved.submittedAt).not.toBeNull();
    expect(saved.ranks.map((r) => r.applicationId)).toEqual([appB.id, appA.id]);
    expect(saved.members).toEqual([
      { name: "李老师", role: "班主任", isStudent: false },
      { name: "张老师", role: "科任", isStudent: false },
      { name: "丙同学", role: "学生代表", isStudent: true },
    ]);
    expect(await db().reviewStep.count({ where: { schoolId: s.school.id, kind: "CLASS_EVALUATION" } })).toBe(
      1,
    );
    expect((await moveApplicant(t, s.klass.id, appA.id, "up")).ok).toBe(false);
    expect((await saveClassEvaluation(t, s.klass.id, { members: "a\nb\nc", report }, true)).ok).toBe(false);
  });

  it("warns at submit about unverified applications, never shows a later-verified applicant as ranked, and allows a supplementary evaluation", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id, "JUNIOR");
    const t = sessionUser(
      (await makeStaff("TEACHER", { schoolId: s.school.id }, { classIds: [s.klass.id] })).user,
    );
    const first = await makeApplication(await makeStudent(s, { name: "先核实甲" }), termId, "verified");
    const second = await makeApplication(await makeStudent(s, { name: "先核实乙" }), termId, "verified");
    const late = await makeApplication(await makeStudent(s, { name: "后核实丙" }), termId, "submitted");
    const members = "李老师 班主任\n张老师 科任\n王老师 科任";
    const report = "经评议小组逐一讨论，按家庭困难程度排序。";

    // The warning at submit names the application not yet verified.
    const submitted = await saveClassEvaluation(t, s.klass.id, { members, report }, true);
    expect(submitted).toEqual({ ok: true, data: { unverified: ["后核实丙"] } });

    // Verified afterwards: listed apart as not ranked, never as "3." (the school holds 2 ranks).
    await db().application.update({
      where: { id: late.id },
      data: { state: "verified", verifiedAt: new Date() },
    });
    let e = await loadEvaluation(t, s.klass.id);
    if (!e.ok || !e.data) throw new Error("no evaluation");
    expect(new Set(e.data.ranked.map((x) => x.id))).toEqual(new Set([first.id, second.id]));
    expect(e.data.ranked).toHaveLength(2);
    expect(e.data.unranked.map((x) => x.person.name)).toEqual(["后核实丙"]);
    expect(e.data.unverified).toEqual([]);

    // The supplementary evaluation: reopened (audited), the new applicant joins the order, submitted again.
    const sup = await startSupplementaryEvaluation(t, s.klass.id);
    expect(sup).toEqual({ ok: true, data: { applicants: 1 } });
    expect(
      await db().auditLog.count({ where: { action: "evaluation.supplement", targetId: s.klass.id } }),
    ).toBe(1);
    e = await loadEvaluation(t, s.klass.id);
    if (!e.ok || !e.data) throw new Error("no evaluation");
    expect(e.data.submittedAt).toBeNull();
    expect(e.data.ranked.map((x) => x.id)).toContain(late.id);
    expect(e.data.ranked.slice(0, 2).map((x) => x.id)).not.toContain(late.id); // the earlier order stays
    expect((await moveApplicant(t, s.klass.id, late.id, "up")).ok).toBe(true);
    expect(
      await saveClassEvaluation(t, s.klass.id, { members, report: `${report}补充评议。` }, true),
    ).toMatchObject({
      ok: true,
    });
    const saved = await db().classEvaluation.findFirstOrThrow({
      where: { classId: s.klass.id },
      include: { ranks: { orderBy: { rank: "asc" } } },
    });
    expect(saved.ranks.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(saved.ranks[1]!.applicationId).toBe(late.id);
    expect(await db().reviewStep.count({ where: { schoolId: s.school.id, kind: "CLASS_EVALUATION" } })).toBe(
      2,
    );
    // Nothing left to supplement.
    expect(await startSupplementaryEvaluation(t, s.klass.id)).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
  });

  it("reopens a submitted evaluation only within the caller's scope", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id, "JUNIOR");
    const own = sessionUser(
      (await makeStaff("TEACHER", { schoolId: s.school.id }, { classIds: [s.klass.id] })).user,
    );
    const other = sessionUser((await makeStaff("TEACHER", { schoolId: s.school.id }, { classIds: [] })).user);
    await makeApplication(await makeStudent(s, { name: "重开甲" }), termId, "verified");
    const members = "李老师 班主任\n张老师 科任\n王老师 科任";
    const report = "经评议小组逐一讨论，按家庭困难程度排序。";
    expect((await saveClassEvaluation(own, s.klass.id, { members, report }, true)).ok).toBe(true);

    // A teacher of another class of the same school cannot reopen it; it stays submitted.
    expect(await reopenEvaluation(scopeOf(other), s.klass.id, termId)).toBe(false);
    const still = await db().classEvaluation.findFirstOrThrow({ where: { classId: s.klass.id } });
    expect(still.submittedAt).not.toBeNull();
    // The class's own teacher can.
    expect(await reopenEvaluation(scopeOf(own), s.klass.id, termId)).toBe(true);
  });

  it("needs student representatives of a senior class, at least 10% of its students, who are not applicants; other stages do not", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id, "SENIOR");
    const t = sessionUser(
      (await makeStaff("TEACHER", { schoolId: s.school.id }, { classIds: [s.klass.id] })).user,
    );
    const applicant = await makeStudent(s, { name: "申请同学" });
    await makeApplication(applicant, termId, "verified");
    for (let i = 1; i <= 10; i++) await makeStudent(s, { name: `代表${i}` });
    const outsider = await makeSchool(county.id, "SENIOR");
    await makeStudent(outsider, { name: "外校同学" });

    const e = await loadEvaluation(t, s.klass.id);
    if (!e.ok || !e.data) throw new Error("no evaluation");
    // 11 students → at least 2 representatives; the applicant may not be one.
    expect(e.data.representatives).toMatchObject({ classSize: 11, min: 2 });
    expect(e.data.representatives?.eligible).not.toContain("申请同学");

    const members = "李老师 班主任\n张老师 科任教师";
    const report = "经评议小组逐一讨论，按困难程度排序如上。";
    const none = await saveClassEvaluation(t, s.klass.id, { members, report }, true);
    expect(none).toMatchObject({
      ok: false,
      fieldErrors: {
        representatives:
          "高中班级评议小组中学生代表不少于班级人数的10%（本班11人，至少2人），目前符合条件的学生代表0人。",
      },
    });
    const one = await saveClassEvaluation(t, s.klass.id, { members, representatives: "代表1", report }, true);
    expect(one.ok).toBe(false);
    expect(one).toMatchObject({ code: "INVALID", fieldErrors: { representatives: expect.any(String) } });
    const foreign = await saveClassEvaluation(
      t,
      s.klass.id,
      { members, representatives: "代表1\n外校同学", report },
      true,
    );
    expect(foreign.ok).toBe(false);
    expect(foreign).toMatchObject({ code: "INVALID", fieldErrors: { representatives: expect.any(String) } });
    if (!foreign.ok) expect(foreign.fieldErrors?.representatives).toContain("外校同学");
    const withApplicant = await saveClassEvaluation(
      t,
      s.klass.id,
      { members, representatives: "代表1\n申请同学", report },
      true,
    );
    expect(withApplicant.ok).toBe(false);
    // An applicant named as a representative is refused as a committee member, by name.
    expect(withApplicant).toMatchObject({ code: "INVALID", fieldErrors: { members: expect.any(String) } });
    if (!withApplicant.ok) expect(withApplicant.fieldErrors?.members).toContain("申请同学");
    // Saving a draft is allowed without representatives; nothing is submitted.
    expect(
      (await saveClassEvaluation(t, s.klass.id, { members, representatives: "代表1", report }, false)).ok,
    ).toBe(true);
    expect(
      (await db().classEvaluation.findFirstOrThrow({ where: { classId: s.klass.id } })).submittedAt,
    ).toBeNull();

    expect(
      (await saveClassEvaluation(t, s.klass.id, { members, representatives: "代表1\n代表2", report }, true))
        .ok,
    ).toBe(true);
    const saved = await db().classEvaluation.findFirstOrThrow({ where: { classId: s.klass.id } });
    expect(saved.submittedAt).not.toBeNull();
    expect(saved.members).toEqual([
      { name: "李老师", role: "班主任", isStudent: false },
      { name: "张老师", role: "科任教师", isStudent: false },
      { name: "代表1", role: "学生代表", isStudent: true },
      { name: "代表2", role: "学生代表", isStudent: true },
    ]);

    // A junior-high class needs no student representatives.
    const j = await makeSchool(county.id, "JUNIOR");
    const tj = sessionUser(
      (await makeStaff("TEACHER", { schoolId: j.school.id }, { classIds: [j.klass.id] })).user,
    );
    await makeApplication(await makeStudent(j), termId, "verified");
    for (let i = 0; i < 12; i++) await makeStudent(j);
    const ej = await loadEvaluation(tj, j.klass.id);
    expect(ej.ok && ej.data?.representatives).toBeNull();
    expect(
      (
        await saveClassEvaluation(
          tj,
          j.klass.id,
          { members: "李老师 班主任\n张老师 科任教师\n王老师 科任教师", report },
          true,
        )
      ).ok,
    ).toBe(true);
  });
});

describe("paper applications", () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

  it("is entered by the teacher with a scan, submitted, and the timeline says so", async () => {
    const st = await makeStudent(school);
    const start = await startPaperApplication(teacher, st.person.id);
    if (!start.ok) throw new Error(start.message);
    const early = await submitPaperApplication(teacher, st.person.id);
    expect(early.ok).toBe(false);
    const version = async () =>
      (await db().application.findUniqueOrThrow({ where: { id: start.data.applicationId } })).version;
    expect(
      (
        await savePaperProgrammes(teacher, st.person.id, {
          programmeIds: [programmeId],
          version: await version(),
        })
      ).ok,
    ).toBe(true);
    const badHousehold = await savePaperHousehold(teacher, st.person.id, {
      ...householdForm({ memberCount: "0" }),
      version: await version(),
    });
    expect(badHousehold.ok).toBe(false);
    if (!badHousehold.ok) expect(badHousehold.fieldErrors?.memberCount).toContain("1–30");
    const stale = await savePaperHousehold(teacher, st.person.id, { ...householdForm(), version: 0 });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(
      (await savePaperHousehold(teacher, st.person.id, { ...householdForm(), version: await version() })).ok,
    ).toBe(true);
    const noScan = await submitPaperApplication(teacher, st.person.id);
    expect(noScan.ok).toBe(false);
    expect(noScan).toMatchObject({ code: "REFUSED" });
    const notImage = await attachScan(teacher, st.person.id, {
      name: "form.exe",
      bytes: new Uint8Array([0x4d, 0x5a, 0, 0]),
    });
    expect(notImage.ok).toBe(false);
    expect((await attachScan(teacher, st.person.id, { name: "申请表.jpg", bytes: jpeg })).ok).toBe(true);
    expect(await submitPaperApplication(teacher, st.person.id)).toEqual({ ok: true, data: undefined });

    const loaded = await loadPaperApplication(teacher, st.person.id);
    if (!loaded.ok) throw new Error(loaded.message);
    const app = loaded.data.application;
    expect(app.state).toBe("submitted");
    expect(app.enteredOnPaper).toBe(true);
    expect(app.transitions.map((t) => `${t.toState}:${t.actorRole}`)).toEqual([
      "draft:TEACHER",
      "submitted:TEACHER",
    ]);
    expect(app.transitions[0]!.comment).toBe("班主任代为录入纸质申请");
    expect(loaded.data.scans).toHaveLength(1);
    expect((await db().evidenceFile.findFirstOrThrow({ where: { applicationId: app.id } })).mimeType).toBe(
      "image/jpeg",
    );
  });

  it("refuses a student who already applied online", async () => {
    const st = await makeStudent(school);
    await makeApplication(st, termId, "draft");
    const r = await startPaperApplication(teacher, st.person.id);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ code: "CONFLICT" });
  });
});
