/**
 * The applicant portal's to-dos on the real database (lib/services/todos-applicant.ts): a parent's children's
 * next steps with their deadlines — start, submit the draft, fix the returned application, the publicity's
 * 复议 window, payments to sign for — each gone once done; never another family's child, never a step of a
 * child the viewer does not apply for.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { loadApplicantTodos } from "@/lib/services/todos-applicant";
import {
  makeCurrentTerm,
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "../support/fixtures";
import { makeOpenBatch, makeRoster } from "../support/determination-fixtures";
import { sessionUser } from "../support/session-user";
import { makeApplication } from "../support/teacher-fixtures";

const NOW = new Date();
let termId: string;
let applyEnd: Date;
let parent: SessionUser, otherParent: SessionUser, senior: SessionUser;
let fresh: StudentFixture, drafting: StudentFixture, returned: StudentFixture, determined: StudentFixture;
let otherChild: StudentFixture, seniorChild: StudentFixture;
let batchId: string;
let unsignedEntryId: string;
const returnDeadline = new Date(NOW.getTime() + 30 * 3_600_000);

const todosOf = async (user: SessionUser) =>
  (await loadApplicantTodos(user, NOW)).map(({ key, count, href, deadline }) => ({
    key,
    count,
    href,
    deadline: deadline?.toISOString(),
  }));

beforeAll(async () => {
  const tree = await makeRegionTree();
  const made = await makeCurrentTerm();
  termId = made.term.id;
  applyEnd = made.term.applyEnd;
  const junior = await makeSchool(tree.county.id, "JUNIOR");
  const high = await makeSchool(tree.county.id, "SENIOR");
  fresh = await makeStudent(junior, { name: "甲" });
  drafting = await makeStudent(junior, { name: "乙" });
  returned = await makeStudent(junior, { name: "丙" });
  determined = await makeStudent(junior, { name: "丁" });
  otherChild = await makeStudent(junior, { name: "戊" });
  seniorChild = await makeStudent(high, { name: "己" });
  const parentRow = await makeParent("13800001111", [
    fresh.person.id,
    drafting.person.id,
    returned.person.id,
    determined.person.id,
    seniorChild.person.id,
  ]);
  parent = sessionUser(parentRow);
  otherParent = sessionUser(await makeParent("13800002222", [otherChild.person.id]));
  const seniorAccount = await makeStudentAccount(seniorChild);
  senior = sessionUser(seniorAccount, { personId: seniorChild.person.id });

  await makeApplication(drafting, termId, "draft", { applicantUserId: parentRow.id });
  const back = await makeApplication(returned, termId, "returned", { applicantUserId: parentRow.id });
  await db().application.update({ where: { id: back.id }, data: { returnDeadline } });
  const done = await makeApplication(determined, termId, "determined", { applicantUserId: parentRow.id });
  await makeApplication(otherChild, termId, "draft");
  await makeApplication(seniorChild, termId, "draft", { applicantUserId: seniorAccount.id });

  batchId = (await makeOpenBatch(junior.school.id, [{ id: done.id, name: "丁" }])).id;
  const roster = await makeRoster(
    junior.school.id,
    [{ studentId: determined.student.id, applicationId: done.id, paid: true }],
    "APPROVED",
  );
  unsignedEntryId = roster.entries[0]!.id;
  // a second programme, already signed for: not a to-do
  const signed = await makeRoster(
    junior.school.id,
    [{ studentId: determined.student.id, applicationId: done.id, paid: true }],
    "APPROVED",
  );
  await db().rosterEntry.update({
    where: { id: signed.entries[0]!.id },
    data: { receiptConfirmedAt: NOW, receiptConfirmedById: parentRow.id },
  });
});

describe("the applicant's 待办事项", () => {
  it("lists each child's next step with its deadline, nearest first; not the child who applies in person", async () => {
    const batch = await db().publicityBatch.findUniqueOrThrow({ where: { id: batchId } });
    const publicityEnd = new Date(
      new Date(`${batch.endDate.toISOString().slice(0, 10)}T16:00:00Z`).getTime() - 1,
    ).toISOString();
    expect(await todosOf(parent)).toEqual([
      {
        key: `returned.${returned.person.id}`,
        count: 1,
        href: `/portal/apply/${returned.person.id}`,
        deadline: returnDeadline.toISOString(),
      },
      {
        key: `apply.${fresh.person.id}`,
        count: 1,
        href: `/portal/apply/${fresh.person.id}`,
        deadline: applyEnd.toISOString(),
      },
      {
        key: `apply.${drafting.person.id}`,
        count: 1,
        href: `/portal/apply/${drafting.person.id}`,
        deadline: applyEnd.toISOString(),
      },
      {
        key: `publicity.${determined.person.id}.${batchId}`,
        count: 1,
        href: `/portal/result/${determined.person.id}`,
        deadline: publicityEnd,
      },
      {
        key: `receipt.${determined.person.id}`,
        count: 1,
        href: `/portal/result/${determined.person.id}`,
        deadline: undefined,
      },
    ]);
  });

  it("never shows another family's child; the senior student sees their own draft", async () => {
    expect((await todosOf(otherParent)).map((todo) => todo.key)).toEqual([`apply.${otherChild.person.id}`]);
    expect((await todosOf(senior)).map((todo) => todo.key)).toEqual([`apply.${seniorChild.person.id}`]);
  });

  it("drops a step once it is done: 复议 requested, receipt signed, application resubmitted", async () => {
    await db().objection.create({
      data: { batchId, kind: "REVIEW_REQUEST", filedById: parent.id, content: "请复核家庭收入" },
    });
    await db().rosterEntry.update({
      where: { id: unsignedEntryId },
      data: { receiptConfirmedAt: NOW, receiptConfirmedById: parent.id },
    });
    await db().application.updateMany({
      where: { personId: returned.person.id, termId },
      data: { state: "submitted", returnReason: null, returnDeadline: null },
    });
    expect((await todosOf(parent)).map((todo) => todo.key)).toEqual([
      `apply.${fresh.person.id}`,
      `apply.${drafting.person.id}`,
    ]);
  });
});
