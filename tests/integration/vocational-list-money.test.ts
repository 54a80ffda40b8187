/**
 * Money checks of the 中职 monthly lists on the real database (lib/domain/list-limits.ts): building, approving and
 * paying a list over the programme's quota or the term's budget is refused with both figures and writes nothing;
 * paying a student already paid the same month's aid elsewhere (重复资助) is refused with the name;
 * an actual amount above the standard needs a reason (the edit asks for it, the database's CHECK refuses it
 * otherwise, semester payments keep theirs on the entry).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { drainRollups } from "@/lib/db/rollups/refresh";
import { ensureList, payUnpaidEntries, reversePaidEntries } from "@/lib/db/vocational-list.repo";
import {
  addRosterEntry,
  correctPayment,
  loadRoster,
  recordRosterPayment,
  removeRosterEntry,
  reversePayment,
} from "@/lib/services/aid-roster";
import { buildMonthlyList, changeMonthlyList } from "@/lib/services/vocational-roster";
import { setListEntryAmount } from "@/lib/services/vocational-roster-entries";
import { makeApplication, makeRoster } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let officer: SessionUser;
let leader: SessionUser;
let county: SessionUser;
let programmeId: string;
let termProgrammeId: string;
let termId: string;

const limits = (quota: number | null, budgetFen: number | null) =>
  db().termProgramme.update({ where: { id: termProgrammeId }, data: { quota, budgetFen } });

async function step(user: SessionUser, rosterId: string, command: object, now?: Date) {
  const result = await changeMonthlyList(user, rosterId, command, now);
  if (!result.ok) throw new Error(result.message);
  return result.data.state;
}

beforeAll(async () => {
  const tree = await makeRegionTree();
  school = await makeSchool(tree.county.id, "VOCATIONAL");
  const { term } = await makeCurrentTerm({ stage: "VOCATIONAL" });
  termId = term.id;
  await db().aidTerm.update({ where: { id: term.id }, data: { academicYear: "2026-2027" } });
  const programme = await db().aidProgramme.create({
    data: {
      code: `voc_money_${Date.now()}`,
      name: "中职国家助学金",
      stage: "VOCATIONAL",
      kind: "SUBSIDY",
      period: "MONTHLY",
      eligibleLevels: ["HARDSHIP"],
    },
  });
  programmeId = programme.id;
  termProgrammeId = (
    await db().termProgramme.create({
      data: { termId: term.id, programmeId, amountMode: "FIXED", fixedAmountFen: 20_000 },
    })
  ).id;
  for (let i = 0; i < 3; i++) await makeApplication(school, "determined", { level: "HARDSHIP" });
  officer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  const { user } = await makeStaff("SUPERVISOR", { regionId: tree.county.id });
  county = sessionUser(user, { regionPath: tree.county.path });
});

describe("quota and budget", () => {
  it("refuses to build a list over the quota, naming both head counts, and creates nothing", async () => {
    await limits(2, null);
    const built = await buildMonthlyList(officer, { programmeId, month: 9 });
    expect(built).toMatchObject({
      ok: false,
      code: "REFUSED",
      message:
        "不能生成名单：本名单3人，超过名额2人（多1人）。请调整名单，或请主管部门核定名额、预算后再试。",
    });
    expect(await db().roster.count({ where: { programmeId } })).toBe(0);
  });

  it("refuses a second month over the term's budget, naming the term's total and the budget", async () => {
    await limits(3, 100_000);
    const september = await buildMonthlyList(officer, { programmeId, month: 9 });
    expect(september).toMatchObject({ ok: true, data: { added: 3 } });
    const october = await buildMonthlyList(officer, { programmeId, month: 10 });
    expect(october).toMatchObject({ ok: false, code: "REFUSED" });
    expect(!october.ok && october.message).toBe(
      "不能生成名单：本学期该项目各月名单金额合计1200.00元（本名单600.00元），超过预算1000.00元（多200.00元）。" +
        "请调整名单，或请主管部门核定名额、预算后再试。",
    );
    expect(await db().roster.count({ where: { programmeId, month: 10 } })).toBe(0);
  });

  it("refuses to approve and to pay a list once over its limits, and lets it through within them", async () => {
    await limits(3, 1_000_000);
    const built = await buildMonthlyList(officer, { programmeId, month: 3 });
    if (!built.ok) throw new Error(built.message);
    const rosterId = built.data.rosterId;

    await limits(2, 1_000_000);
    const schoolReview = await changeMonthlyList(leader, rosterId, { kind: "SCHOOL_REVIEW", pass: true });
    expect(schoolReview).toMatchObject({ ok: false, code: "REFUSED" });
    expect(!schoolReview.ok && schoolReview.message).toContain(
      "不能学校审核通过：本名单3人，超过名额2人（多1人）",
    );
    expect((await db().vocationalList.findUniqueOrThrow({ where: { rosterId } })).schoolReview).toBe(
      "PENDING",
    );
    // Refusing (不通过) is never blocked by the limits.
    await limits(3, 1_000_000);
    await step(leader, rosterId, { kind: "SCHOOL_REVIEW", pass: true });

    await limits(1, 1_000_000);
    const supervisor = await changeMonthlyList(county, rosterId, { kind: "SUPERVISOR_REVIEW", pass: true });
    expect(!supervisor.ok && supervisor.message).toContain(
      "不能主管部门审核通过：本名单3人，超过名额1人（多2人）",
    );
    await limits(3, 1_000_000);
    await step(county, rosterId, { kind: "SUPERVISOR_REVIEW", pass: true });
    await step(officer, rosterId, { kind: "PUBLICISE" }, new Date("2027-03-01T02:00:00Z"));
    await step(county, rosterId, { kind: "CONFIRM" });

    const afterEnd = new Date("2027-03-05T16:00:00Z");
    await limits(3, 100_000); // September's 600 元 and March's 600 元: 1200 元 over 1000 元
    const pay = await changeMonthlyList(officer, rosterId, { kind: "RECORD_PAYMENT" }, afterEnd);
    expect(!pay.ok && pay.message).toContain(
      "不能资金发放：本学期该项目各月名单金额合计1200.00元（本名单600.00元），超过预算1000.00元（多200.00元）",
    );
    expect(await db().rosterPayment.count({ where: { rosterId } })).toBe(0);
    await limits(3, 120_000);

    // One of the students, enrolled at another school too, was paid March's grant there: 重复资助 is refused
    // with the student's name, nothing is paid, and once that payment is reversed the list is paid.
    const entry = await db().rosterEntry.findFirstOrThrow({
      where: { rosterId },
      include: { student: { include: { person: true } } },
    });
    const otherSchool = await makeSchool(school.school.regionId, "VOCATIONAL");
    const otherEnrolment = await db().student.create({
      data: {
        personId: entry.student.personId,
        schoolId: otherSchool.school.id,
        gradeId: otherSchool.grade.id,
        classId: otherSchool.klass.id,
        stage: "VOCATIONAL",
        studentNo: `D${Date.now()}`,
        enrolledOn: new Date("2025-09-01"),
        programmeYears: 3,
        status: "TRANSFERRED_OUT",
      },
    });
    const elsewhere = await db().$transaction((tx) =>
      ensureList(tx, { termId, programmeId, schoolId: otherSchool.school.id, month: 3 }),
    );
    await db().rosterEntry.create({
      data: { rosterId: elsewhere, studentId: otherEnrolment.id, amountFen: 20_000 },
    });
    await db().$transaction((tx) =>
      payUnpaidEntries(tx, elsewhere, officer.id, new Date("2027-03-02T02:00:00Z")),
    );
    const twice = await changeMonthlyList(officer, rosterId, { kind: "RECORD_PAYMENT" }, afterEnd);
    expect(twice).toMatchObject({
      ok: false,
      code: "REFUSED",
      message: `不能资金发放：${entry.student.person.name}本月已在其他名单领取同一资助项目（重复资助）。请核实后将其移出本名单，再发放。`,
    });
    expect(await db().rosterPayment.count({ where: { rosterId } })).toBe(0);
    await db().$transaction((tx) => reversePaidEntries(tx, elsewhere, officer.id, "误发，已退回"));

    await step(officer, rosterId, { kind: "RECORD_PAYMENT" }, afterEnd);
    expect(await db().aidRecord.count({ where: { rosterId, state: "PAID" } })).toBe(3);

    // The statistics: the confirmed list is approved (3 students, 600 元), its payments 3 person-times, 600 元.
    await drainRollups();
    const stats = await db().aidProgrammeStat.findMany({
      where: { schoolId: school.school.id, programmeId },
    });
    expect(
      stats.reduce(
        (acc, row) => [
          acc[0]! + row.persons,
          acc[1]! + row.personTimes,
          acc[2]! + Number(row.amountFen),
          acc[3]! + Number(row.paidFen),
        ],
        [0, 0, 0, 0],
      ),
    ).toEqual([3, 3, 60_000, 60_000]);
  });
});

describe("actual amounts above the standard", () => {
  it("asks for a reason with both amounts, keeps it, and refuses to edit a paid or published list", async () => {
    await limits(null, null);
    const built = await buildMonthlyList(officer, { programmeId, month: 4 });
    if (!built.ok) throw new Error(built.message);
    const [entry] = await db().rosterEntry.findMany({
      where: { rosterId: built.data.rosterId },
      orderBy: { id: "asc" },
      take: 1,
    });

    const noReason = await setListEntryAmount(officer, built.data.rosterId, {
      entryId: entry!.id,
      amount: "250",
    });
    expect(noReason).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { reason: "实发金额250.00元高于资助标准200.00元，请在“超标准发放原因”中写明原因。" },
    });
    expect(
      await setListEntryAmount(officer, built.data.rosterId, { entryId: entry!.id, amount: "-1" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { amount: expect.stringContaining("不能为负数") },
    });
    expect(
      await setListEntryAmount(leader, built.data.rosterId, { entryId: entry!.id, amount: "150" }),
    ).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(
      await setListEntryAmount(officer, built.data.rosterId, {
        entryId: entry!.id,
        amount: "250",
        reason: "含3月补发50元",
      }),
    ).toMatchObject({ ok: true });
    expect(await db().rosterEntry.findUniqueOrThrow({ where: { id: entry!.id } })).toMatchObject({
      actualAmountFen: 25_000,
      overStandardReason: "含3月补发50元",
    });
    const history = await db().vocationalListHistory.findMany({
      where: { rosterId: built.data.rosterId, action: "EDIT" },
    });
    expect(history.map((row) => row.comment)).toEqual([
      expect.stringMatching(/实际金额：200\.00元 → 250\.00元（超标准200\.00元，原因：含3月补发50元）$/),
    ]);
    // Back at or under the standard, the reason is no longer kept.
    expect(
      await setListEntryAmount(officer, built.data.rosterId, { entryId: entry!.id, amount: "180" }),
    ).toMatchObject({ ok: true });
    expect(await db().rosterEntry.findUniqueOrThrow({ where: { id: entry!.id } })).toMatchObject({
      actualAmountFen: 18_000,
      overStandardReason: null,
    });
    // A paid student's amount is never changed, even while the list may be edited.
    const [, paid] = await db().rosterEntry.findMany({
      where: { rosterId: built.data.rosterId },
      orderBy: { id: "asc" },
    });
    await db().rosterEntry.update({
      where: { id: paid!.id },
      data: { paidAt: new Date(), paidAmountFen: paid!.amountFen },
    });
    expect(
      await setListEntryAmount(officer, built.data.rosterId, { entryId: paid!.id, amount: "100" }),
    ).toMatchObject({ ok: false, code: "REFUSED", message: "该学生本月已发放，不能修改实发金额。" });
    await db().rosterEntry.update({ where: { id: paid!.id }, data: { paidAt: null, paidAmountFen: null } });

    await step(leader, built.data.rosterId, { kind: "SCHOOL_REVIEW", pass: true });
    await step(county, built.data.rosterId, { kind: "SUPERVISOR_REVIEW", pass: true });
    await step(officer, built.data.rosterId, { kind: "PUBLICISE" }, new Date("2027-04-06T02:00:00Z"));
    const published = await setListEntryAmount(officer, built.data.rosterId, {
      entryId: entry!.id,
      amount: "200",
    });
    expect(published).toMatchObject({ ok: false, code: "REFUSED" });
  });

  it("the database refuses an amount above the standard without a reason, whatever the code does", async () => {
    const [entry] = await db().rosterEntry.findMany({
      where: { roster: { programmeId, month: 9 } },
      take: 1,
    });
    await expect(
      db().rosterEntry.update({ where: { id: entry!.id }, data: { actualAmountFen: 20_001 } }),
    ).rejects.toThrow(/RosterEntry_over_standard_reason_check/);
    await expect(
      db().rosterEntry.update({
        where: { id: entry!.id },
        data: { actualAmountFen: 20_001, overStandardReason: " " },
      }),
    ).rejects.toThrow(/RosterEntry_over_standard_reason_check/);
    await expect(
      db().rosterEntry.update({
        where: { id: entry!.id },
        data: { paidAt: new Date(), paidAmountFen: 30_000 },
      }),
    ).rejects.toThrow(/RosterEntry_over_standard_reason_check/);
  });

  it("a semester payment above the standard keeps its reason on the entry", async () => {
    const student = await makeStudent(school);
    const roster = await makeRoster(school.school.id, [{ studentId: student.student.id }], "APPROVED");
    const entryId = roster.entries[0]!.id;
    expect(
      await recordRosterPayment(officer, { entryId, amount: "1200", reason: "含上学期补发200元" }),
    ).toMatchObject({ ok: true });
    expect(await db().rosterEntry.findUniqueOrThrow({ where: { id: entryId } })).toMatchObject({
      paidAmountFen: 120_000,
      overStandardReason: "含上学期补发200元",
    });
  });
});

describe("the semester roster's writes never reach a monthly list", () => {
  it("answers NOT_FOUND, as for another school's roster, and changes nothing", async () => {
    await limits(null, null);
    const built = await buildMonthlyList(officer, { programmeId, month: 6 });
    if (!built.ok) throw new Error(built.message);
    const rosterId = built.data.rosterId;
    const [paid, unpaid] = await db().rosterEntry.findMany({ where: { rosterId }, orderBy: { id: "asc" } });
    await db().rosterEntry.update({
      where: { id: paid!.id },
      data: { paidAt: new Date(), paidAmountFen: paid!.amountFen },
    });
    const notFound = { ok: false, code: "NOT_FOUND" };
    expect(
      await correctPayment(officer, { entryId: paid!.id, amount: "1", reason: "绕过月度名单修改" }),
    ).toMatchObject(notFound);
    expect(await reversePayment(officer, { entryId: paid!.id, reason: "绕过公示退回" })).toMatchObject(
      notFound,
    );
    expect(await recordRosterPayment(officer, { entryId: unpaid!.id, amount: "200" })).toMatchObject(
      notFound,
    );
    expect(await removeRosterEntry(officer, unpaid!.id)).toMatchObject(notFound);
    const student = await makeStudent(school);
    expect(
      await addRosterEntry(officer, { rosterId, studentNo: student.student.studentNo, amount: "200" }),
    ).toMatchObject({ ok: false });
    // The semester roster page does not open a monthly list either.
    expect(await loadRoster(officer, rosterId)).toMatchObject(notFound);
    expect(await db().rosterEntry.findMany({ where: { rosterId }, orderBy: { id: "asc" } })).toMatchObject([
      { id: paid!.id, paidAmountFen: paid!.amountFen },
      { id: unpaid!.id, paidAt: null },
      ...(await db().rosterEntry.findMany({ where: { rosterId }, orderBy: { id: "asc" } })).slice(2),
    ]);
    expect(await db().rosterPayment.count({ where: { rosterId } })).toBe(0);
  });
});
