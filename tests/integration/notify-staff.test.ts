/**
 * The staff's notifications on the real database: a resubmission reaches the class's own teachers (not a
 * teacher of another class, not the school's admin), in the submission's transaction; the daily reminders
 * (lib/services/notifications/reminders.ts) remind applicants of drafts and returned applications due within 2
 * working days and teachers of the verification deadline, nobody whose deadline is further, at most once a day.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { reportEnrolmentError, submitApplication } from "@/lib/services/application-portal";
import { saveClassEvaluation } from "@/lib/services/class-evaluation";
import { fileObjection } from "@/lib/services/publicity";
import { fileSupportProblem, passUpSupportProblem, takeSupportProblem } from "@/lib/services/support-desk";
import { applicantContext } from "@/lib/services/context";
import { runReminders } from "@/lib/services/notifications/reminders";
import { endImportJob, failImportJobAndNotify } from "@/lib/services/import-finish";
import { createImportJob, ZERO_COUNTS } from "@/lib/db/import-jobs.repo";
import {
  makeCurrentTerm,
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  type StudentFixture,
} from "../support/fixtures";
import { makeOpenBatch } from "../support/determination-fixtures";
import { sessionUser } from "../support/session-user";
import { makeApplication } from "../support/teacher-fixtures";

const HOUR = 3_600_000;
const DAY = 86_400_000;
let termId: string;
let programmeId: string;
let school: Awaited<ReturnType<typeof makeSchool>>;
let extended: Awaited<ReturnType<typeof makeSchool>>;
let class2Id: string;
let teacher: string, otherClassTeacher: string, admin: string, extendedTeacher: string;

const kindsOf = async (userId: string) =>
  (await db().notification.findMany({ where: { recipientId: userId }, orderBy: { id: "asc" } })).map(
    (row) => row.kind,
  );

async function parentOf(child: StudentFixture, phone: string): Promise<SessionUser> {
  return sessionUser(await makeParent(phone, [child.person.id]));
}

beforeAll(async () => {
  const tree = await makeRegionTree();
  const made = await makeCurrentTerm({ stage: "JUNIOR", closesInHours: 1 });
  termId = made.term.id;
  programmeId = made.programme.id;
  await db().aidTerm.update({
    where: { id: termId },
    data: { verifyDeadline: new Date(Date.now() + 2 * HOUR) },
  });
  school = await makeSchool(tree.county.id, "JUNIOR");
  extended = await makeSchool(tree.county.id, "JUNIOR");
  // the second school extended its window and its teachers' deadline by three weeks
  await db().schoolTermSetting.create({
    data: {
      termId,
      schoolId: extended.school.id,
      applyEnd: new Date(Date.now() + 20 * DAY),
      verifyDeadline: new Date(Date.now() + 21 * DAY),
    },
  });
  class2Id = (
    await db().schoolClass.create({
      data: { schoolId: school.school.id, gradeId: school.grade.id, name: "2班" },
    })
  ).id;
  const staff = async (role: "TEACHER" | "SCHOOL_ADMIN", schoolId: string, classIds: string[] = []) =>
    (await makeStaff(role, { schoolId }, { classIds })).user.id;
  teacher = await staff("TEACHER", school.school.id, [school.klass.id]);
  otherClassTeacher = await staff("TEACHER", school.school.id, [class2Id]);
  admin = await staff("SCHOOL_ADMIN", school.school.id);
  extendedTeacher = await staff("TEACHER", extended.school.id, [extended.klass.id]);
});

describe("daily deadline reminders", () => {
  it("reminds of drafts and returned applications due within 2 working days, and the teachers' deadline", async () => {
    const draft = await makeStudent(school);
    const returnedSoon = await makeStudent(school);
    const returnedLater = await makeStudent(school);
    const extendedDraft = await makeStudent(extended);
    const parents = {
      draft: await parentOf(draft, "13900007011"),
      soon: await parentOf(returnedSoon, "13900007012"),
      later: await parentOf(returnedLater, "13900007013"),
      extended: await parentOf(extendedDraft, "13900007014"),
    };
    await makeApplication(draft, termId, "draft");
    const soon = await makeApplication(returnedSoon, termId, "returned");
    await db().application.update({
      where: { id: soon.id },
      data: { returnDeadline: new Date(Date.now() + 3 * HOUR) },
    });
    const later = await makeApplication(returnedLater, termId, "returned");
    await db().application.update({
      where: { id: later.id },
      data: { returnDeadline: new Date(Date.now() + 30 * DAY) },
    });
    await makeApplication(extendedDraft, termId, "draft");
    // two submitted in the class of `teacher`, one in the extended school's class
    await makeApplication(await makeStudent(school), termId, "submitted");
    await makeApplication(await makeStudent(school), termId, "submitted");
    await makeApplication(await makeStudent(extended), termId, "submitted");
    // The school's own wording of the teachers' reminder (read once for the run) is the one sent.
    await db().notificationTemplate.create({
      data: {
        schoolId: school.school.id,
        kind: "VERIFICATION_DEADLINE_NEAR",
        body: "本校提醒：{count}份申请待核实，{deadline}截止。",
      },
    });

    const report = await runReminders();
    expect(report).toEqual({ applicantReminders: 2, teacherReminders: 1 });
    expect(await kindsOf(parents.draft.id)).toEqual(["APPLICANT_DEADLINE_NEAR"]);
    expect(await kindsOf(parents.soon.id)).toEqual(["APPLICANT_DEADLINE_NEAR"]);
    expect(await kindsOf(parents.later.id)).toEqual([]);
    expect(await kindsOf(parents.extended.id)).toEqual([]);
    const [reminder] = await db().notification.findMany({ where: { recipientId: teacher } });
    expect(reminder).toMatchObject({ kind: "VERIFICATION_DEADLINE_NEAR", params: { count: "2" } });
    expect(reminder!.body).toMatch(/^本校提醒：2份申请待核实，.+截止。$/);
    expect(await kindsOf(otherClassTeacher)).toEqual([]);
    expect(await kindsOf(extendedTeacher)).toEqual([]);

    // a second run the same day writes nothing
    expect(await runReminders()).toEqual({ applicantReminders: 0, teacherReminders: 0 });
    expect(await db().notification.count()).toBe(3);
  });
});

describe("notifications to the class teachers", () => {
  it("tells the class's own teachers of a resubmission, nobody else", async () => {
    const child = await makeStudent(school, { name: "陈小红" });
    const parent = await parentOf(child, "13900007001");
    await makeApplication(child, termId, "returned", { applicantUserId: parent.id, programmeId });
    const ctx = await applicantContext(parent, child.person.id);
    if (!ctx.ok) throw new Error(ctx.message);
    expect(await submitApplication(ctx.data, true)).toMatchObject({ ok: true });

    const rows = await db().notification.findMany({ where: { kind: "SUBMISSION_RECEIVED" } });
    expect(rows.map((row) => row.recipientId)).toEqual([teacher]);
    expect(rows[0]!.body).toContain("陈小红");
    expect(rows[0]!.link).toMatch(/^\/console\/teacher\/applications\/\w+$/);
    expect(await kindsOf(otherClassTeacher)).toEqual([]);
    expect(await kindsOf(admin)).toEqual([]);
    expect(await kindsOf(parent.id)).not.toContain("SUBMISSION_RECEIVED");
  });

  it("writes nothing when the submission is refused", async () => {
    const child = await makeStudent(school);
    const parent = await parentOf(child, "13900007002");
    await makeApplication(child, termId, "returned", { applicantUserId: parent.id, programmeId });
    const ctx = await applicantContext(parent, child.person.id);
    if (!ctx.ok) throw new Error(ctx.message);
    const before = await db().notification.count({ where: { kind: "SUBMISSION_RECEIVED" } });
    expect(await submitApplication(ctx.data, false)).toMatchObject({ ok: false });
    expect(await db().notification.count({ where: { kind: "SUBMISSION_RECEIVED" } })).toBe(before);
  });
});

describe("notifications to the school's aid officers and class teachers", () => {
  const received = (userId: string, kind: string) =>
    db().notification.count({ where: { recipientId: userId, kind: kind as never } });

  it("an enrolment error reaches the class's teachers; an objection the school's aid officers", async () => {
    const child = await makeStudent(school);
    const parent = await parentOf(child, "13900007021");
    const ctx = await applicantContext(parent, child.person.id, "application.view");
    if (!ctx.ok) throw new Error(ctx.message);
    expect(await reportEnrolmentError(ctx.data, { content: "出生日期应为2012年3月5日" })).toMatchObject({
      ok: true,
    });
    expect(await received(teacher, "ENROLMENT_ERROR_REPORTED")).toBe(1);
    expect(await received(otherClassTeacher, "ENROLMENT_ERROR_REPORTED")).toBe(0);
    expect(await received(admin, "ENROLMENT_ERROR_REPORTED")).toBe(0);

    const otherAdmin = (await makeStaff("SCHOOL_ADMIN", { schoolId: extended.school.id })).user.id;
    const batch = await makeOpenBatch(school.school.id);
    expect(
      await fileObjection(parent, { batchId: batch.id, content: "名单中有同学家庭条件较好" }),
    ).toMatchObject({
      ok: true,
    });
    const [row] = await db().notification.findMany({
      where: { recipientId: admin, kind: "OBJECTION_FILED" },
    });
    expect(row).toMatchObject({ link: `/console/determination/publicity/${batch.id}` });
    expect(await received(otherAdmin, "OBJECTION_FILED")).toBe(0);
    expect(await received(teacher, "OBJECTION_FILED")).toBe(0);
  });

  it("a submitted class evaluation reaches the school's aid officers, not another school's", async () => {
    const applicant = await makeStudent({ ...school, klass: { id: class2Id } });
    await makeApplication(applicant, termId, "verified");
    await makeStudent({ ...school, klass: { id: class2Id } }, { name: "代表丙" });
    const classTeacher = sessionUser({ id: otherClassTeacher, role: "TEACHER", schoolId: school.school.id });
    const saved = await saveClassEvaluation(
      classTeacher,
      class2Id,
      {
        members: "赵老师 组长\n钱老师 任课教师\n孙老师 任课教师",
        representatives: "代表丙",
        report: "按家庭困难程度排序，评议一致通过。",
      },
      true,
    );
    expect(saved).toMatchObject({ ok: true });
    expect(await received(admin, "CLASS_EVALUATION_SUBMITTED")).toBe(1);
    const otherAdmins = await db().user.findMany({
      where: { role: "SCHOOL_ADMIN", schoolId: extended.school.id },
    });
    for (const other of otherAdmins) expect(await received(other.id, "CLASS_EVALUATION_SUBMITTED")).toBe(0);
    expect(await received(teacher, "CLASS_EVALUATION_SUBMITTED")).toBe(0);
  });
});

describe("import notifications to the school's aid officers", () => {
  const importJob = (kind: "ROSTER" | "SPECIAL_GROUP") =>
    createImportJob({
      schoolId: school.school.id,
      kind,
      mode: "GOOD_ROWS",
      fileName: "名单.xlsx",
      createdById: admin,
    });
  const ofKind = (userId: string, kind: "IMPORT_FINISHED" | "IMPORT_FAILED") =>
    db().notification.findMany({ where: { recipientId: userId, kind } });

  it("tells the aid officers once when an import finishes or fails; another school's officers never", async () => {
    const otherAdmin = (await makeStaff("SCHOOL_ADMIN", { schoolId: extended.school.id })).user.id;
    const done = await importJob("ROSTER");
    const end = { ...ZERO_COUNTS, created: 5, state: "DONE" as const, committed: true, message: "导入完成" };
    expect(await endImportJob(done, { ...end, processedRows: 5 }, async () => undefined)).toBe(true);
    // a duplicate delivery of the same end tells nobody again
    expect(await endImportJob(done, { ...end, processedRows: 5 }, async () => undefined)).toBe(false);
    const finished = await ofKind(admin, "IMPORT_FINISHED");
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ link: "/console/admin/students", params: { count: "5" } });

    const failed = await importJob("SPECIAL_GROUP");
    expect(await failImportJobAndNotify(failed, "导入已中断，请重新导入")).toBe(true);
    expect(await failImportJobAndNotify(failed, "导入已中断，请重新导入")).toBe(false);
    const failures = await ofKind(admin, "IMPORT_FAILED");
    expect(failures).toHaveLength(1);
    expect(failures[0]!.body).toContain("导入已中断");
    expect(failures[0]!.link).toBe("/console/admin/special-groups");

    for (const kind of ["IMPORT_FINISHED", "IMPORT_FAILED"] as const) {
      expect(await ofKind(otherAdmin, kind)).toEqual([]);
      expect(await ofKind(teacher, kind)).toEqual([]);
    }
  });
});

describe("support problems to the supervisors of the queue's region", () => {
  it("reaches the county's supervisors when filed to them, the city's when passed up; nobody else", async () => {
    const county = await db().region.findUniqueOrThrow({ where: { id: school.school.regionId } });
    const city = await db().region.findUniqueOrThrow({ where: { id: county.parentId! } });
    const other = (await makeRegionTree()).county;
    const supervisorOf = async (region: { id: string; path: string }) =>
      sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });
    const [countySup, citySup, otherSup] = await Promise.all([county, city, other].map(supervisorOf));
    const assigned = (user: SessionUser) =>
      db().notification.count({ where: { recipientId: user.id, kind: "SUPPORT_PROBLEM_ASSIGNED" } });

    const officer = sessionUser({ id: admin, role: "SCHOOL_ADMIN", schoolId: school.school.id });
    const filed = await fileSupportProblem(
      officer,
      {
        category: "TECHNICAL",
        subcategory: "BUG",
        description: "导入页面报错，无法上传。",
        contact: "020-87654321",
      },
      [],
    );
    if (!filed.ok) throw new Error(filed.message);
    expect([await assigned(countySup!), await assigned(citySup!), await assigned(otherSup!)]).toEqual([
      1, 0, 0,
    ]);

    expect(await takeSupportProblem(countySup!, filed.data.id)).toMatchObject({ ok: true });
    expect(
      await passUpSupportProblem(countySup!, filed.data.id, { tried: "已重试上传，仍然报错" }),
    ).toMatchObject({ ok: true });
    expect([await assigned(countySup!), await assigned(citySup!), await assigned(otherSup!)]).toEqual([
      1, 1, 0,
    ]);
    const [row] = await db().notification.findMany({ where: { recipientId: citySup!.id } });
    expect(row!.link).toBe(`/console/support/${filed.data.id}`);
  });
});
