/**
 * The console home's application to-dos on the real database (lib/services/todos.ts): the teacher's per own
 * class (applications to verify — as many as the monitor lists —, returned ones near their deadline, the class
 * evaluation, enrolment errors), the aid officer's (reviews, objections per publicity, escalated errors,
 * failed imports), the leader's signature, the support handler's queue. A teacher of another class, another
 * school's staff and another county's supervisor see none of them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { loadQueue } from "@/lib/services/determination-queue";
import { fileSupportProblem } from "@/lib/services/support-desk";
import { loadMonitor } from "@/lib/services/teacher-verification";
import { loadTodos } from "@/lib/services/todos";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  type StudentFixture,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";
import { submittedClassEvaluation } from "../support/determination-fixtures";
import { makeApplication } from "../support/teacher-fixtures";

const NOW = new Date();
const HOUR = 3_600_000;
const DAY = 86_400_000;

let termId: string;
let school: Awaited<ReturnType<typeof makeSchool>>;
let otherSchool: Awaited<ReturnType<typeof makeSchool>>;
let class2Id: string;
let teacher1: SessionUser, teacher2: SessionUser, otherTeacher: SessionUser;
let admin: SessionUser, leader: SessionUser, otherAdmin: SessionUser;
let county: SessionUser, otherCounty: SessionUser;
let batchId: string;

const todosOf = async (user: SessionUser) =>
  Object.fromEntries((await loadTodos(user, NOW)).map((todo) => [todo.key, todo.count]));

async function applicationIn(
  where: Awaited<ReturnType<typeof makeSchool>>,
  state: Parameters<typeof makeApplication>[2],
  returnDeadline?: Date,
  classId?: string,
): Promise<{ student: StudentFixture; id: string }> {
  const student = await makeStudent(classId ? { ...where, klass: { id: classId } } : where);
  const app = await makeApplication(student, termId, state);
  if (returnDeadline) await db().application.update({ where: { id: app.id }, data: { returnDeadline } });
  return { student, id: app.id };
}

beforeAll(async () => {
  const tree = await makeRegionTree();
  const other = await makeRegionTree();
  ({
    term: { id: termId },
  } = await makeCurrentTerm());
  school = await makeSchool(tree.county.id);
  otherSchool = await makeSchool(other.county.id);
  class2Id = (
    await db().schoolClass.create({
      data: { schoolId: school.school.id, gradeId: school.grade.id, name: "2班" },
    })
  ).id;
  const staff = async (role: "SCHOOL_ADMIN" | "SCHOOL_LEADER", schoolId: string) =>
    sessionUser((await makeStaff(role, { schoolId })).user);
  teacher1 = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
  teacher2 = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [class2Id] })).user,
  );
  otherTeacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: otherSchool.school.id }, { classIds: [otherSchool.klass.id] }))
      .user,
  );
  admin = await staff("SCHOOL_ADMIN", school.school.id);
  leader = await staff("SCHOOL_LEADER", school.school.id);
  otherAdmin = await staff("SCHOOL_ADMIN", otherSchool.school.id);
  const sup = async (region: { id: string; path: string }) =>
    sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });
  county = await sup(tree.county);
  otherCounty = await sup(other.county);

  // class 1: two to verify, one returned due in an hour, one returned due in a month, one verified, a draft
  await applicationIn(school, "submitted");
  const reporter = await applicationIn(school, "submitted");
  await applicationIn(school, "returned", new Date(NOW.getTime() + HOUR));
  await applicationIn(school, "returned", new Date(NOW.getTime() + 30 * DAY));
  const verified = await applicationIn(school, "verified");
  await applicationIn(school, "draft");
  // class 2: one to verify
  await applicationIn(school, "submitted", undefined, class2Id);
  // the other school: one to verify, one verified, an objection of its own
  await applicationIn(otherSchool, "submitted");
  await applicationIn(otherSchool, "verified");
  await applicationIn(otherSchool, "reviewed");

  // enrolment errors: class 1 has one open with the teacher, one passed on to the school, one resolved
  const issue = (escalated: boolean, state: "OPEN" | "DONE" = "OPEN") =>
    db().enrolmentIssue.create({
      data: {
        studentId: reporter.student.student.id,
        reportedById: admin.id,
        content: "出生日期有误",
        escalated,
        state,
        ...(state === "DONE" ? { resolution: "已更正", resolvedAt: NOW, handledById: admin.id } : {}),
      },
    });
  await issue(false);
  await issue(true);
  await issue(false, "DONE");

  // a publicity of the school with two open objections and one answered; the other school's with one open
  const batch = async (schoolId: string, title: string) =>
    db().publicityBatch.create({
      data: {
        schoolId,
        termId,
        kind: "DETERMINATION",
        scope: "SCHOOL",
        title,
        startDate: new Date(NOW.getTime() - 2 * DAY),
        endDate: new Date(NOW.getTime() + 5 * DAY),
        workingDays: 5,
        createdById: admin.id,
        items: {
          create: [{ applicationId: verified.id, studentName: "某某", className: "1班", result: "困难" }],
        },
      },
    });
  batchId = (await batch(school.school.id, "本校认定结果公示")).id;
  const otherBatch = await batch(otherSchool.school.id, "他校公示");
  const objection = (batchOf: string, state: "OPEN" | "DONE", kind: "OBJECTION" | "REVIEW_REQUEST") =>
    db().objection.create({
      data: {
        batchId: batchOf,
        kind,
        filedById: admin.id,
        content: "有异议",
        state,
        ...(state === "DONE" ? { answer: "已核实", answeredById: admin.id, answeredAt: NOW } : {}),
      },
    });
  await objection(batchId, "OPEN", "OBJECTION");
  await objection(batchId, "OPEN", "REVIEW_REQUEST");
  await objection(batchId, "DONE", "OBJECTION");
  await objection(otherBatch.id, "OPEN", "OBJECTION");

  // roster imports: failed, done with rejected rows, clean, and a failed one from ten days ago
  const job = (schoolId: string, state: "DONE" | "FAILED", rejected: number, createdAt: Date) =>
    db().importJob.create({
      data: {
        schoolId,
        kind: "ROSTER",
        mode: "GOOD_ROWS",
        fileName: "在校生.xlsx",
        state,
        rejected,
        createdById: admin.id,
        createdAt,
      },
    });
  await job(school.school.id, "FAILED", 0, new Date(NOW.getTime() - HOUR));
  await job(school.school.id, "DONE", 3, new Date(NOW.getTime() - 2 * DAY));
  await job(school.school.id, "DONE", 0, new Date(NOW.getTime() - DAY));
  await job(school.school.id, "FAILED", 0, new Date(NOW.getTime() - 10 * DAY));
  await job(otherSchool.school.id, "FAILED", 0, new Date(NOW.getTime() - HOUR));

  // the school committee has reviewed: the leader's signature waits
  await db().reviewStep.create({
    data: {
      termId,
      schoolId: school.school.id,
      kind: "SCHOOL_COMMITTEE",
      actorId: admin.id,
      at: new Date(NOW.getTime() - HOUR),
    },
  });

  // support: the aid officer's problem goes to the county's queue
  const filed = await fileSupportProblem(
    admin,
    {
      category: "TECHNICAL",
      subcategory: "BUG",
      description: "导入页面报错，无法上传。",
      contact: "020-87654321",
    },
    [],
    NOW,
  );
  if (!filed.ok) throw new Error(filed.message);
});

describe("待办事项 of the application work", () => {
  it("gives the teacher their own class's work only, counted as the monitor lists it", async () => {
    const classId = school.klass.id;
    expect(await todosOf(teacher1)).toEqual({
      [`teacher.submitted.${classId}`]: 2,
      [`teacher.returned_near_deadline.${classId}`]: 1,
      [`teacher.evaluation.${classId}`]: 1,
      [`teacher.enrolment_issues.${classId}`]: 1,
    });
    expect(await todosOf(teacher2)).toEqual({ [`teacher.submitted.${class2Id}`]: 1 });
    expect(await todosOf(otherTeacher)).toEqual({
      [`teacher.submitted.${otherSchool.klass.id}`]: 1,
      [`teacher.evaluation.${otherSchool.klass.id}`]: 1,
    });

    const todo = (await loadTodos(teacher1, NOW)).find((item) => item.key.startsWith("teacher.submitted"))!;
    const filter = Object.fromEntries(new URL(todo.href, "http://localhost").searchParams);
    const monitor = await loadMonitor(teacher1, { ...filter, page: "1" });
    if (!monitor.ok) throw new Error(monitor.message);
    expect(monitor.data.total).toBe(todo.count);
    // another teacher's link into my class is refused
    expect((await loadMonitor(teacher2, { ...filter, page: "1" })).ok).toBe(false);
  });

  it("follows the data: a verified application leaves the teacher's count, a submitted evaluation its to-do", async () => {
    const app = await db().application.findFirstOrThrow({
      where: { classId: school.klass.id, termId, state: "submitted" },
    });
    await db().application.update({ where: { id: app.id }, data: { state: "verified", verifiedAt: NOW } });
    await submittedClassEvaluation(termId, school.klass.id);
    const after = await todosOf(teacher1);
    expect(after[`teacher.submitted.${school.klass.id}`]).toBe(1);
    expect(after[`teacher.evaluation.${school.klass.id}`]).toBeUndefined();
    await db().application.update({ where: { id: app.id }, data: { state: "submitted", verifiedAt: null } });
  });

  it("gives the aid officer the school's reviews, objections, escalated errors and failed imports", async () => {
    const todos = await todosOf(admin);
    expect(todos).toMatchObject({
      "determination.verified": 1,
      "determination.reviewed": 0,
      [`objections.${batchId}`]: 2,
      "enrolment_issues.escalated": 1,
      "imports.roster": 2,
    });
    const queue = await loadQueue(admin, { state: "verified" });
    if (!queue.ok) throw new Error(queue.message);
    expect(queue.data.total).toBe(todos["determination.verified"]);

    const other = await todosOf(otherAdmin);
    expect(other).toMatchObject({
      "determination.verified": 1,
      "determination.reviewed": 1,
      "imports.roster": 1,
    });
    expect(Object.keys(other).filter((key) => key.startsWith("objections."))).toHaveLength(1);
    expect(other[`objections.${batchId}`]).toBeUndefined();
    expect(other["enrolment_issues.escalated"]).toBeUndefined();
  });

  it("gives the leader the signature until it is given", async () => {
    expect(await todosOf(leader)).toMatchObject({ "determination.sign_off": 1 });
    await db().reviewStep.create({
      data: { termId, schoolId: school.school.id, kind: "LEADER_SIGNOFF", actorId: leader.id, at: NOW },
    });
    expect(await todosOf(leader)).toMatchObject({ "determination.sign_off": 0 });
    expect((await todosOf(otherAdmin))["determination.sign_off"]).toBeUndefined();
  });

  it("gives the county's supervisor the problem in its queue, not another county's", async () => {
    expect((await todosOf(county))["support.mine"]).toBe(1);
    expect((await todosOf(otherCounty))["support.mine"]).toBe(0);
    expect((await todosOf(admin))["support.mine"]).toBe(0);
  });
});
