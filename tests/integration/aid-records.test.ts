/**
 * Aid records (受助情况, migration 510) on the real database: every payment path writes the record of the
 * person, programme and period through the trigger on RosterPayment — a semester roster's payment, correction,
 * reversal and payment again; a 中职 monthly list's 资金发放 (one record per month) and the granted 公示退回
 * that zeroes it (the record kept as reversed) — and the same aid paid twice in one period is refused; the
 * migration's backfill turns payments made before it into the same records.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ensureList, payUnpaidEntries, reversePaidEntries } from "@/lib/db/vocational-list.repo";
import {
  correctPayment,
  recordRosterPayment,
  removeRosterEntry,
  reversePayment,
} from "@/lib/services/aid-roster";
import { makeRoster } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;
let term: { id: string; academicYear: string };

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "VOCATIONAL");
  const made = await makeCurrentTerm({ stage: "VOCATIONAL" });
  term = await db().aidTerm.update({ where: { id: made.term.id }, data: { academicYear: "2026-2027" } });
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
});

const recordsOf = (rosterId: string) =>
  db().aidRecord.findMany({ where: { rosterId }, orderBy: [{ period: "asc" }, { studentId: "asc" }] });

describe("semester rosters", () => {
  it("a payment writes a PAID record of the term; a correction changes its amount; a reversal keeps it reversed", async () => {
    const student = await makeStudent(school);
    const roster = await makeRoster(school.school.id, [{ studentId: student.student.id }], "APPROVED");
    const entryId = roster.entries[0]!.id;
    expect(await recordRosterPayment(admin, { entryId, amount: "800" })).toMatchObject({ ok: true });
    let [record] = await recordsOf(roster.id);
    expect(record).toMatchObject({
      personId: student.person.id,
      studentId: student.student.id,
      schoolId: school.school.id,
      termId: term.id,
      programmeId: roster.programmeId,
      month: null,
      period: "2026-2027-AUTUMN",
      entryId,
      amountFen: 80_000,
      state: "PAID",
      recordedById: admin.id,
    });
    const paidAt = record!.paidAt;

    expect(await correctPayment(admin, { entryId, amount: "900", reason: "少登记100元" })).toMatchObject({
      ok: true,
    });
    [record] = await recordsOf(roster.id);
    expect(record).toMatchObject({ amountFen: 90_000, state: "PAID", paidAt });

    expect(await reversePayment(admin, { entryId, reason: "银行退回" })).toMatchObject({ ok: true });
    const reversed = await recordsOf(roster.id);
    expect(reversed).toHaveLength(1);
    expect(reversed[0]).toMatchObject({
      amountFen: 90_000,
      state: "REVERSED",
      reversalReason: "银行退回",
      reversedById: admin.id,
    });
    expect(reversed[0]!.reversedAt).not.toBeNull();

    // Paid again: the same record (one per person, programme and period) is PAID again, with the new date.
    expect(await recordRosterPayment(admin, { entryId, amount: "1000" })).toMatchObject({ ok: true });
    const again = await recordsOf(roster.id);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({
      amountFen: 100_000,
      state: "PAID",
      reversedAt: null,
      reversalReason: null,
    });
    expect(again[0]!.id).toBe(record!.id);
    expect(again[0]!.paidAt.getTime()).toBeGreaterThan(paidAt.getTime());
  });

  it("refuses the same programme paid twice to one person in one period from another roster (重复资助)", async () => {
    const student = await makeStudent(school);
    const roster = await makeRoster(school.school.id, [{ studentId: student.student.id }], "APPROVED");
    expect(
      await recordRosterPayment(admin, { entryId: roster.entries[0]!.id, amount: "1000" }),
    ).toMatchObject({
      ok: true,
    });
    // A second enrolment of the same person (another school) on a roster of the same programme and term.
    const { county } = await makeRegionTree();
    const other = await makeSchool(county.id, "VOCATIONAL");
    const second = await db().student.create({
      data: {
        personId: student.person.id,
        schoolId: other.school.id,
        gradeId: other.grade.id,
        classId: other.klass.id,
        studentNo: `G${Date.now()}`,
        stage: "VOCATIONAL",
        enrolledOn: new Date("2025-09-01"),
        programmeYears: 3,
        status: "TRANSFERRED_OUT",
      },
    });
    const otherRoster = await db().roster.create({
      data: {
        termId: term.id,
        programmeId: roster.programmeId,
        schoolId: other.school.id,
        state: "APPROVED",
        approvedById: admin.id,
        approvedAt: new Date(),
      },
    });
    const entry = await db().rosterEntry.create({
      data: { rosterId: otherRoster.id, studentId: second.id, amountFen: 100_000 },
    });
    const otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: other.school.id })).user);
    expect(await recordRosterPayment(otherAdmin, { entryId: entry.id, amount: "1000" })).toMatchObject({
      ok: false,
      code: "REFUSED",
      message: expect.stringContaining("不能重复发放"),
    });
    expect(await db().rosterEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      paidAt: null,
    });
    // whatever the code does: the database refuses the payment row itself
    await expect(
      db().rosterPayment.create({
        data: { rosterId: otherRoster.id, studentId: second.id, kind: "PAYMENT", amountFen: 100_000 },
      }),
    ).rejects.toThrow(/AidRecord_personId_programmeId_period_key/);
    expect(await db().aidRecord.count({ where: { personId: student.person.id } })).toBe(1);
  });
});

describe("中职 monthly lists", () => {
  it("资金发放 writes one record per student and month; a granted withdrawal reverses them, kept", async () => {
    const programme = await db().aidProgramme.create({
      data: {
        code: `voc_records_${Date.now()}`,
        name: "中职国家助学金",
        stage: "VOCATIONAL",
        kind: "SUBSIDY",
        period: "MONTHLY",
        eligibleLevels: ["HARDSHIP"],
      },
    });
    const students = [await makeStudent(school), await makeStudent(school)];
    const rosters: string[] = [];
    for (const month of [12, 1]) {
      const rosterId = await db().$transaction((tx) =>
        ensureList(tx, { termId: term.id, programmeId: programme.id, schoolId: school.school.id, month }),
      );
      await db().rosterEntry.createMany({
        data: students.map((s) => ({ rosterId, studentId: s.student.id, amountFen: 20_000 })),
      });
      rosters.push(rosterId);
    }
    const paidAt = new Date("2027-01-20T02:00:00Z");
    for (const rosterId of rosters)
      expect(await db().$transaction((tx) => payUnpaidEntries(tx, rosterId, admin.id, paidAt))).toBe(2);

    const december = await recordsOf(rosters[0]!);
    const january = await recordsOf(rosters[1]!);
    expect(december.map((r) => [r.period, r.month, r.amountFen, r.state])).toEqual([
      ["2026-12", 12, 20_000, "PAID"],
      ["2026-12", 12, 20_000, "PAID"],
    ]);
    expect(january.map((r) => r.period)).toEqual(["2027-01", "2027-01"]);
    expect(december.every((r) => r.paidAt.getTime() === paidAt.getTime())).toBe(true);

    // 公示退回 granted for December: paid amounts 0 on the entries, the records reversed and kept.
    await db().$transaction((tx) => reversePaidEntries(tx, rosters[0]!, admin.id, "同意公示退回"));
    const entries = await db().rosterEntry.findMany({ where: { rosterId: rosters[0]! } });
    expect(entries.every((e) => e.paidAmountFen === null && e.paidAt === null)).toBe(true);
    const reversed = await recordsOf(rosters[0]!);
    expect(reversed.map((r) => [r.state, r.amountFen, r.reversalReason])).toEqual([
      ["REVERSED", 20_000, "同意公示退回"],
      ["REVERSED", 20_000, "同意公示退回"],
    ]);
    expect((await recordsOf(rosters[1]!)).every((r) => r.state === "PAID")).toBe(true);

    // Paid again after the list was fixed: the same records are PAID again.
    await db().$transaction((tx) => payUnpaidEntries(tx, rosters[0]!, admin.id, new Date()));
    const repaid = await recordsOf(rosters[0]!);
    expect(repaid.map((r) => r.id).sort()).toEqual(reversed.map((r) => r.id).sort());
    expect(repaid.every((r) => r.state === "PAID")).toBe(true);
  });

  it("the database refuses a record that breaks its rules", async () => {
    const [any] = await db().aidRecord.findMany({ take: 1 });
    const owner = ownerDb();
    await expect(owner.aidRecord.update({ where: { id: any!.id }, data: { amountFen: -1 } })).rejects.toThrow(
      /AidRecord_amount_check/,
    );
    await expect(
      owner.aidRecord.update({ where: { id: any!.id }, data: { state: "REVERSED" } }),
    ).rejects.toThrow(/AidRecord_reversal_check/);
    await expect(
      owner.aidRecord.update({ where: { id: any!.id }, data: { period: "2026-13" } }),
    ).rejects.toThrow(/AidRecord_period_check/);
  });

  it("the app role reads the records but cannot forge, change or delete them: only the payment trigger writes", async () => {
    const [any] = await db().aidRecord.findMany({ take: 1 });
    await expect(db().aidRecord.update({ where: { id: any!.id }, data: { amountFen: 1 } })).rejects.toThrow(
      /permission denied/,
    );
    await expect(db().aidRecord.delete({ where: { id: any!.id } })).rejects.toThrow(/permission denied/);
    await expect(
      db().aidRecord.create({ data: { ...any!, id: `forged${Date.now()}`, period: "2030-2031-SPRING" } }),
    ).rejects.toThrow(/permission denied/);
    expect(await db().aidRecord.findUniqueOrThrow({ where: { id: any!.id } })).toEqual(any);
  });

  it("a reversed entry removed from its draft roster keeps its record, without the entry", async () => {
    const student = await makeStudent(school);
    const roster = await makeRoster(school.school.id, [{ studentId: student.student.id }], "APPROVED");
    const entryId = roster.entries[0]!.id;
    expect(await recordRosterPayment(admin, { entryId, amount: "1000" })).toMatchObject({ ok: true });
    expect(await reversePayment(admin, { entryId, reason: "未实际发放" })).toMatchObject({ ok: true });
    await db().roster.update({
      where: { id: roster.id },
      data: { state: "DRAFT", approvedById: null, approvedAt: null },
    });
    expect(await removeRosterEntry(admin, entryId)).toMatchObject({ ok: true });
    expect(await recordsOf(roster.id)).toEqual([
      expect.objectContaining({ entryId: null, state: "REVERSED", amountFen: 100_000 }),
    ]);
  });
});

describe("the migration's backfill", () => {
  it("turns the payments made before the trigger into the records the trigger would have written", async () => {
    const students = [await makeStudent(school), await makeStudent(school), await makeStudent(school)];
    const roster = await makeRoster(
      school.school.id,
      students.map((s) => ({ studentId: s.student.id })),
      "APPROVED",
    );
    const [paid, corrected, reversed] = roster.entries;
    // Written through the service with the trigger in place: what the backfill must reproduce.
    expect(await recordRosterPayment(admin, { entryId: paid!.id, amount: "1000" })).toMatchObject({
      ok: true,
    });
    expect(await recordRosterPayment(admin, { entryId: corrected!.id, amount: "800" })).toMatchObject({
      ok: true,
    });
    expect(
      await correctPayment(admin, { entryId: corrected!.id, amount: "900", reason: "少登记了100元" }),
    ).toMatchObject({ ok: true });
    expect(await recordRosterPayment(admin, { entryId: reversed!.id, amount: "1000" })).toMatchObject({
      ok: true,
    });
    expect(await reversePayment(admin, { entryId: reversed!.id, reason: "银行账户有误退回" })).toMatchObject({
      ok: true,
    });
    const shape = (rows: Awaited<ReturnType<typeof recordsOf>>) =>
      rows.map((row) => ({ ...row, id: "", updatedAt: null }));
    expect((await recordsOf(roster.id)).map((r) => r.state).sort()).toEqual(["PAID", "PAID", "REVERSED"]);
    // Every record of this database (this file's semester and monthly cases included).
    const everyRecord = () =>
      db().aidRecord.findMany({ orderBy: [{ personId: "asc" }, { programmeId: "asc" }, { period: "asc" }] });
    const written = shape(await everyRecord());

    // As before migration 510: no records. Then the migration's own backfill statement.
    await ownerDb().$executeRaw`DELETE FROM "AidRecord"`;
    const migration = fs.readFileSync("prisma/migrations/510.do.aid-records.sql", "utf8");
    const backfill = migration.slice(
      migration.indexOf("WITH last AS", migration.indexOf("-- Backfill")),
      migration.indexOf("-- The statistics read the records"),
    );
    await ownerDb().$executeRawUnsafe(backfill);
    expect(shape(await everyRecord())).toEqual(written);
  });
});
