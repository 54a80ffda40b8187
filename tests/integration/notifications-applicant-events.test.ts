/**
 * The applicant's notifications written by the real services, in the same transaction as the event
 * (lib/services/notifications/applicant-events.ts): returned (reason, deadline), verified, payment recorded,
 * objection answered, publicity started. Recipients are the student's account and the parents bound to that
 * student only: a parent of another child and a teacher of another class get nothing; an action refused or
 * rolled back (a stale page) sends nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { recordRosterPayment } from "@/lib/services/aid-roster";
import { answerObjection, createPublicity, fileObjection } from "@/lib/services/publicity";
import { returnApplication, verifyApplication } from "@/lib/services/teacher-verification";
import {
  endedGradePublicity,
  ensureDefaultModel,
  makeOpenBatch,
  makeRoster,
} from "../support/determination-fixtures";
import { recordReviewStep, signOffDetermination } from "@/lib/services/review-steps";
import {
  makeCurrentTerm,
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { sessionUser } from "../support/session-user";
import { makeApplication } from "../support/teacher-fixtures";

let school: Awaited<ReturnType<typeof makeSchool>>;
let teacher: SessionUser;
let admin: SessionUser;
let termId: string;
let child: StudentFixture;
let otherChild: StudentFixture;
let studentUserId: string;
let parentId: string;
let otherParentId: string;
let otherTeacherId: string;

const kindsOf = async (userId: string) =>
  (await db().notification.findMany({ where: { recipientId: userId }, orderBy: { id: "asc" } })).map(
    (row) => row.kind,
  );

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  const otherClass = await db().schoolClass.create({
    data: { schoolId: school.school.id, gradeId: school.grade.id, name: "2班" },
  });
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
  otherTeacherId = (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [otherClass.id] }))
    .user.id;
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  ({
    term: { id: termId },
  } = await makeCurrentTerm({ stage: "SENIOR" }));
  child = await makeStudent(school);
  otherChild = await makeStudent({ ...school, klass: otherClass });
  studentUserId = (await makeStudentAccount(child)).id;
  parentId = (await makeParent("13700000301", [child.person.id])).id;
  otherParentId = (await makeParent("13700000302", [otherChild.person.id])).id;
});

describe("applicant events", () => {
  it("returned: the student and the bound parent get the reason and deadline; nobody else gets anything", async () => {
    const app = await makeApplication(child, termId, "submitted");
    await makeApplication(otherChild, termId, "submitted");
    const returned = await returnApplication(teacher, app.id, { reason: "请补充户口本照片", deadline: "" });
    expect(returned.ok).toBe(true);
    const deadline = returned.ok ? returned.data.deadline : new Date();
    for (const userId of [studentUserId, parentId]) {
      const [row] = await db().notification.findMany({ where: { recipientId: userId } });
      expect(row).toMatchObject({
        kind: "APPLICATION_RETURNED",
        link: `/portal/apply/${child.person.id}`,
        schoolId: school.school.id,
      });
      expect(row!.body).toContain("请补充户口本照片");
      expect(row!.body).toContain(formatBeijingDateTime(deadline));
    }
    expect(await kindsOf(otherParentId)).toEqual([]);
    expect(await kindsOf(otherTeacherId)).toEqual([]);
    expect(await kindsOf(teacher.id)).toEqual([]);
  });

  it("a stale page (version conflict) changes nothing and sends nothing", async () => {
    const app = await db().application.findFirstOrThrow({ where: { personId: otherChild.person.id } });
    const otherTeacher = sessionUser({ id: otherTeacherId, role: "TEACHER", schoolId: school.school.id });
    const stale = await returnApplication(otherTeacher, app.id, { reason: "请补充材料", deadline: "" }, 0);
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await kindsOf(otherParentId)).toEqual([]);
  });

  it("an action whose notification write fails rolls back whole: nothing changed, nothing sent", async () => {
    const odd = await makeStudent(school);
    const oddStudentUserId = (await makeStudentAccount(odd)).id;
    const oddParentId = (await makeParent("13700000303", [odd.person.id])).id;
    const app = await makeApplication(odd, termId, "submitted");
    const transitions = await db().applicationTransition.count({ where: { applicationId: app.id } });
    // The outbox refuses the student's row (a fault injected as the owner): the parent's row, written by the
    // same statement, the state change and its history all roll back with it.
    await ownerDb().$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."recipientId" = '${oddStudentUserId}' THEN RAISE EXCEPTION 'outbox down'; END IF;
        RETURN NEW;
      END $$`);
    await ownerDb().$executeRawUnsafe(`
      CREATE TRIGGER test_refuse_notification BEFORE INSERT ON "Notification"
      FOR EACH ROW EXECUTE FUNCTION test_refuse_notification()`);
    try {
      await expect(
        returnApplication(teacher, app.id, { reason: "请补充材料", deadline: "" }),
      ).rejects.toThrow("outbox down");
    } finally {
      await ownerDb().$executeRawUnsafe(`DROP TRIGGER test_refuse_notification ON "Notification"`);
      await ownerDb().$executeRawUnsafe(`DROP FUNCTION test_refuse_notification()`);
    }
    expect((await db().application.findUniqueOrThrow({ where: { id: app.id } })).state).toBe("submitted");
    expect(await db().applicationTransition.count({ where: { applicationId: app.id } })).toBe(transitions);
    expect(await kindsOf(oddParentId)).toEqual([]);
    expect(await kindsOf(oddStudentUserId)).toEqual([]);
  });

  it("verified: the applicants of that student hear it", async () => {
    const app = await db().application.findFirstOrThrow({ where: { personId: otherChild.person.id } });
    const otherTeacher = sessionUser({ id: otherTeacherId, role: "TEACHER", schoolId: school.school.id });
    expect((await verifyApplication(otherTeacher, app.id)).ok).toBe(true);
    expect(await kindsOf(otherParentId)).toEqual(["APPLICATION_VERIFIED"]);
    expect(await kindsOf(parentId)).toEqual(["APPLICATION_RETURNED"]);
  });

  it("payment recorded: asks the student's applicants to confirm receipt", async () => {
    const roster = await makeRoster(school.school.id, [{ studentId: child.student.id }], "APPROVED");
    expect(
      await recordRosterPayment(admin, { entryId: roster.entries[0]!.id, amount: "1000" }),
    ).toMatchObject({
      ok: true,
    });
    const [row] = await db().notification.findMany({
      where: { recipientId: parentId, kind: "PAYMENT_RECORDED" },
    });
    expect(row!.body).toContain("请登录确认签收");
    expect(row!.link).toBe(`/portal/result/${child.person.id}`);
    expect((await kindsOf(otherParentId)).filter((kind) => kind === "PAYMENT_RECORDED")).toEqual([]);
  });

  it("objection answered: its filer hears it", async () => {
    const batch = await makeOpenBatch(school.school.id);
    const filed = await fileObjection(sessionUser({ id: parentId, role: "PARENT" }), {
      batchId: batch.id,
      content: "名单中有同学家庭情况不符",
    });
    if (!filed.ok) return expect(filed).toMatchObject({ ok: true });
    expect(await answerObjection(admin, { objectionId: filed.data.id, answer: "已入户核实" })).toMatchObject({
      ok: true,
    });
    expect(await kindsOf(parentId)).toContain("OBJECTION_ANSWERED");
    expect(await kindsOf(studentUserId)).not.toContain("OBJECTION_ANSWERED");
  });

  it("publicity started: every applicant of the school's term, in the publicity's transaction", async () => {
    const determined = await makeStudent(school);
    const app = await makeApplication(determined, termId, "determined");
    const model = await ensureDefaultModel();
    await db().determination.create({
      data: {
        applicationId: app.id,
        scoringModelId: model.id,
        simulatedScore: 60,
        simulatedLevel: "HARDSHIP",
        explanation: {},
        finalLevel: "HARDSHIP",
        determinedAt: new Date(),
      },
    });
    await endedGradePublicity(school);
    const committee = await recordReviewStep(admin, {
      kind: "SCHOOL_COMMITTEE",
      gradeId: "",
      members: "张三、李四、王五",
      comment: "审核通过",
    });
    expect(committee).toMatchObject({ ok: true });
    const leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
    expect(await signOffDetermination(leader, { comment: "同意公示" })).toMatchObject({ ok: true });
    const created = await createPublicity(admin, {
      scope: "SCHOOL",
      startDate: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      gradeId: "",
      workingDays: "5",
      acknowledgePending: "yes",
    });
    if (!created.ok) return expect(created).toMatchObject({ ok: true });
    for (const userId of [studentUserId, parentId, otherParentId]) {
      const rows = await db().notification.findMany({
        where: { recipientId: userId, kind: "PUBLICITY_STARTED" },
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.link).toBe(`/publicity/${created.data.id}`);
    }
    expect(await kindsOf(otherTeacherId)).toEqual([]);
  });
});
