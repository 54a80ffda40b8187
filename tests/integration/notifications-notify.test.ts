/**
 * The notifications API on the real database (lib/services/notifications/notify.ts): outbox rows written in the
 * caller's transaction and gone when it rolls back; the applicant recipients are the student's own account and
 * the parents bound to that student (not a parent of another child, not a teacher); one reminder of a kind per
 * person per day; unsubscribes from optional kinds only; the school's wording; and the database refusing an ID
 * number in a text or a link to another site.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { notify, notifyMany, reminderDay } from "@/lib/services/notifications/notify";
import { schoolApplicantsSource } from "@/lib/db/notifications.repo";
import { WITHHELD_TEXT } from "@/lib/domain/notifications/content";
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
import { makeApplication } from "../support/teacher-fixtures";

let school: Awaited<ReturnType<typeof makeSchool>>;
let child: StudentFixture;
let otherChild: StudentFixture;
let studentUserId: string;
let parentId: string;
let secondParentId: string;
let otherParentId: string;
let teacherId: string;
let termId: string;

const inboxOf = (userId: string) =>
  db().notification.findMany({ where: { recipientId: userId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  const tree = await makeRegionTree();
  school = await makeSchool(tree.county.id, "SENIOR");
  ({
    term: { id: termId },
  } = await makeCurrentTerm({ stage: "SENIOR" }));
  child = await makeStudent(school);
  otherChild = await makeStudent(school);
  studentUserId = (await makeStudentAccount(child)).id;
  parentId = (await makeParent("13700000101", [child.person.id])).id;
  secondParentId = (await makeParent("13700000102", [child.person.id])).id;
  otherParentId = (await makeParent("13700000103", [otherChild.person.id])).id;
  teacherId = (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] }))
    .user.id;
});

describe("notify", () => {
  it("writes one notification to the student's account and each bound parent, nobody else", async () => {
    const written = await db().$transaction((tx) =>
      notify(tx, {
        kind: "APPLICATION_RETURNED",
        recipients: { applicantsOf: [child.person.id] },
        schoolId: school.school.id,
        params: { student: child.name, reason: "请补充户口本照片", deadline: "11月27日 18:00" },
        link: `/portal/apply/${child.person.id}`,
      }),
    );
    expect(written).toBe(3);
    for (const userId of [studentUserId, parentId, secondParentId]) {
      const [row] = await inboxOf(userId);
      expect(row?.body).toBe(
        `${child.name}的资助申请已被退回修改，原因：请补充户口本照片。请在11月27日 18:00前修改并重新提交。`,
      );
      expect(row?.link).toBe(`/portal/apply/${child.person.id}`);
      expect(row?.schoolId).toBe(school.school.id);
    }
    expect(await inboxOf(otherParentId)).toHaveLength(0);
    expect(await inboxOf(teacherId)).toHaveLength(0);
  });

  it("writes nothing when the event's transaction rolls back", async () => {
    const before = await db().notification.count({ where: { recipientId: otherParentId } });
    await expect(
      db().$transaction(async (tx) => {
        await notify(tx, {
          kind: "APPLICATION_VERIFIED",
          recipients: { applicantsOf: [otherChild.person.id] },
          schoolId: school.school.id,
          params: { student: otherChild.name },
        });
        throw new Error("the event failed after notifying");
      }),
    ).rejects.toThrow("the event failed");
    expect(await db().notification.count({ where: { recipientId: otherParentId } })).toBe(before);
  });

  it("sends a reminder of a kind at most once per person per day", async () => {
    const remind = (now: Date) =>
      db().$transaction((tx) =>
        notify(tx, {
          kind: "APPLICANT_DEADLINE_NEAR",
          recipients: [parentId],
          schoolId: school.school.id,
          params: { student: child.name, deadline: "11月30日" },
          dedupeKey: reminderDay(now),
        }),
      );
    const morning = new Date("2026-11-24T01:00:00Z");
    expect(await remind(morning)).toBe(1);
    expect(await remind(new Date("2026-11-24T09:00:00Z"))).toBe(0);
    expect(await remind(new Date("2026-11-24T17:00:00Z"))).toBe(1); // 01:00 of the 25th in Beijing
    await expect(
      db().$transaction((tx) =>
        notify(tx, {
          kind: "APPLICANT_DEADLINE_NEAR",
          recipients: [parentId],
          params: {},
        }),
      ),
    ).rejects.toThrow("dedupeKey");
  });

  it("skips a recipient who unsubscribed from an optional kind; mandatory kinds cannot be unsubscribed", async () => {
    await db().notificationUnsubscribe.create({
      data: { userId: secondParentId, kind: "APPLICATION_VERIFIED" },
    });
    const written = await db().$transaction((tx) =>
      notify(tx, {
        kind: "APPLICATION_VERIFIED",
        recipients: { applicantsOf: [child.person.id] },
        schoolId: school.school.id,
        params: { student: child.name },
      }),
    );
    expect(written).toBe(2);
    expect((await inboxOf(secondParentId)).map((row) => row.kind)).not.toContain("APPLICATION_VERIFIED");
    await expect(
      db().notificationUnsubscribe.create({ data: { userId: secondParentId, kind: "APPLICATION_RETURNED" } }),
    ).rejects.toThrow();
  });

  it("uses the school's own wording, and withholds typed text that names a special group or an income", async () => {
    await db().notificationTemplate.create({
      data: {
        schoolId: school.school.id,
        kind: "APPLICATION_RETURNED",
        body: "【{student}】请于{deadline}前改正：{reason}",
      },
    });
    await db().$transaction((tx) =>
      notify(tx, {
        kind: "APPLICATION_RETURNED",
        recipients: [otherParentId],
        schoolId: school.school.id,
        params: { student: otherChild.name, reason: "请补充低保证明和家庭收入", deadline: "12月1日" },
      }),
    );
    const [row] = await inboxOf(otherParentId);
    expect(row?.body).toBe(`【${otherChild.name}】请于12月1日前改正：${WITHHELD_TEXT}`);
    expect(row?.params).toMatchObject({ reason: WITHHELD_TEXT });
  });

  it("fans out to every applicant of a school's term in one statement", async () => {
    await makeApplication(child, termId, "submitted");
    await makeApplication(otherChild, termId, "draft");
    const written = await db().$transaction((tx) =>
      notifyMany(tx, "PUBLICITY_STARTED", schoolApplicantsSource(school.school.id, termId), {
        schoolId: school.school.id,
        params: { school: "测试学校", title: "认定结果公示", endDate: "12月3日" },
        link: "/portal",
      }),
    );
    // the submitted child's account and two parents; the draft's parent is not an applicant yet
    expect(written).toBe(3);
    expect((await inboxOf(otherParentId)).map((row) => row.kind)).not.toContain("PUBLICITY_STARTED");
  });

  it("is refused by the database: an ID number in a text, a link to another site", async () => {
    await expect(
      db().notification.create({
        data: { kind: "APPLICATION_VERIFIED", recipientId: parentId, body: `身份证 ${child.idNumber}` },
      }),
    ).rejects.toThrow();
    await expect(
      db().notification.create({
        data: { kind: "APPLICATION_VERIFIED", recipientId: parentId, body: "好", link: "//evil.example/" },
      }),
    ).rejects.toThrow();
    await db().$transaction((tx) =>
      notify(tx, {
        kind: "APPLICATION_VERIFIED",
        recipients: [parentId],
        params: { student: child.idNumber },
      }),
    );
    const [latest] = await db().notification.findMany({
      where: { recipientId: parentId },
      orderBy: { id: "desc" },
    });
    expect(latest!.body).not.toContain(child.idNumber.slice(0, 15));
    expect(latest!.body).toContain(WITHHELD_TEXT);
  });
});
