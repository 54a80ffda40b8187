/**
 * The applicant's notifications written by the real services, in the same transaction as the event
 * (lib/services/notifications/applicant-events.ts): returned (reason, deadline), verified, payment recorded,
 * objection answered, publicity started. Recipients are the student's account and the parents bound to that
 * student only: a parent of another child and a teacher of another class get nothing; an action refused or
 * rolled back (a stale page) sends nothing. A publicity writes one fan-out row, expanded by the delivery job.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { recordRosterPayment } from "@/lib/services/aid-roster";
import { expandPendingFanOut } from "@/lib/db/notification-fan-out.repo";
import { answerObjection, createPublicity, fileObjection } from "@/lib/services/publicity";
import { notifyPublicityStarted } from "@/lib/services/notifications/applicant-events";
import { deliverNotifications } from "@/lib/services/notifications/delivery-job";
import { returnApplication, verifyApplication } from "@/lib/services/teacher-verification";
import {
  endedGradePublicity,
  ensureDefaultModel,
  makeApplication as makeDeterminationApplication,
  makeOpenBatch,
  makeRoster,
} from "../support/determination-fixtures";
import { setLevel } from "@/lib/services/final-level";
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

  it("determined: the level reaches the student's applicants, nobody else", async () => {
    await ensureDefaultModel();
    const { app, student } = await makeDeterminationApplication(school, "verified");
    const determinedParentId = (await makeParent("13700000304", [student.person.id])).id;
    const set = await setLevel(admin, {
      applicationId: app.id,
      version: String(app.version),
      level: "SPECIAL",
      reason: "父亲近期确诊重病，年级小组调整",
    });
    expect(set).toMatchObject({ ok: true });
    const [row] = await db().notification.findMany({ where: { recipientId: determinedParentId } });
    expect(row).toMatchObject({
      kind: "APPLICATION_DETERMINED",
      link: `/portal/result/${student.person.id}`,
    });
    expect(row!.body).toContain("特别困难");
    expect((await kindsOf(otherParentId)).filter((kind) => kind === "APPLICATION_DETERMINED")).toEqual([]);
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
    // The publicity's transaction wrote ONE fan-out row, no per-recipient rows yet.
    const fanOuts = await db().notificationFanOut.findMany({
      where: { link: `/publicity/${created.data.id}` },
    });
    expect(fanOuts).toHaveLength(1);
    expect(fanOuts[0]!.expandedAt).toBeNull();
    expect(fanOuts[0]!.audience).toEqual({
      schoolApplicants: { schoolId: school.school.id, termId, gradeId: null },
    });
    expect(await kindsOf(parentId)).not.toContain("PUBLICITY_STARTED");
    // The delivery job expands it and delivers to exactly the applicants.
    const delivered = await deliverNotifications({ provider: null, env: {} });
    expect(delivered.expanded).toBeGreaterThanOrEqual(1);
    const expanded = await db().notificationFanOut.findUniqueOrThrow({ where: { id: fanOuts[0]!.id } });
    expect(expanded.expandedAt).not.toBeNull();
    const recipients = await db().notification.findMany({
      where: { kind: "PUBLICITY_STARTED", link: `/publicity/${created.data.id}` },
      select: { recipientId: true, dispatchedAt: true },
    });
    expect(recipients).toHaveLength(expanded.recipients!);
    expect(recipients.every((row) => row.dispatchedAt !== null)).toBe(true);
    const expected = await applicantAccountsOf(termId);
    expect(recipients.map((row) => row.recipientId).sort()).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining([studentUserId, parentId, otherParentId]));
    // An expansion repeated (its mark lost, e.g. a crash after the rows were written) writes no second row.
    await ownerDb().$executeRaw`
      UPDATE "NotificationFanOut" SET "expandedAt" = NULL, recipients = NULL WHERE id = ${fanOuts[0]!.id}`;
    let again = await expandPendingFanOut();
    while (again && again.id !== fanOuts[0]!.id) again = await expandPendingFanOut();
    expect(again).toEqual({ id: fanOuts[0]!.id, recipients: 0 });
    expect(await expandPendingFanOut()).toBeNull();
    for (const userId of [studentUserId, parentId, otherParentId]) {
      const rows = await db().notification.findMany({
        where: { recipientId: userId, kind: "PUBLICITY_STARTED" },
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.link).toBe(`/publicity/${created.data.id}`);
    }
    expect(await kindsOf(otherTeacherId)).toEqual([]);
  });

  it("publicity started, rolled back: no fan-out is written", async () => {
    const before = await db().notificationFanOut.count();
    await expect(
      db().$transaction(async (tx) => {
        await notifyPublicityStarted(tx, {
          id: "rolled-back",
          schoolId: school.school.id,
          termId,
          gradeId: null,
          title: "回滚的公示",
          endDate: "2026-12-01",
        });
        expect(await tx.notificationFanOut.count()).toBe(before + 1);
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await db().notificationFanOut.count()).toBe(before);
    expect(await db().notificationFanOut.count({ where: { link: "/publicity/rolled-back" } })).toBe(0);
  });
});

/** Every active account of the term's applicants at the school (the recipients query, spelled out). */
async function applicantAccountsOf(term: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT DISTINCT u.id FROM "User" u
    WHERE NOT u.disabled AND (
      (u.role = 'STUDENT' AND u."personId" IN (
        SELECT a."personId" FROM "Application" a
        WHERE a."schoolId" = ${school.school.id} AND a."termId" = ${term} AND a.state <> 'draft'))
      OR u.id IN (
        SELECT pc."parentId" FROM "ParentChild" pc WHERE pc."personId" IN (
          SELECT a."personId" FROM "Application" a
          WHERE a."schoolId" = ${school.school.id} AND a."termId" = ${term} AND a.state <> 'draft')))
    ORDER BY u.id`;
  return rows.map((row) => row.id).sort();
}
