/**
 * Rosters keep their integrity: an approval and removals racing it never
 * leave an approved roster that differs from what the approval counted; a
 * payment is more than 0 元, above the standard only with a reason,
 * corrected or reversed with a reason keeping the original, and a paid entry
 * is never removed; 补录 follows the programme's level rule unless the
 * exception is recorded.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  addRosterEntry,
  approveRoster,
  correctPayment,
  generateRoster,
  loadRoster,
  recordRosterPayment,
  removeRosterEntry,
  reversePayment,
  unlockRoster,
} from "@/lib/services/aid-roster";
import { makeApplication, makeRoster } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  const a = (await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user;
  admin = sessionUser(a);
});

async function students(n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await makeStudent(school));
  return out;
}

describe("approval racing removals", () => {
  it("an approved roster holds exactly the entries its approval counted", async () => {
    for (let round = 0; round < 6; round++) {
      const roster = await makeRoster(
        school.school.id,
        (await students(5)).map((s) => ({ studentId: s.student.id })),
      );
      const [approved, ...removed] = await Promise.all([
        approveRoster(admin, roster.id),
        ...roster.entries.slice(1).map((e) => removeRosterEntry(admin, e.id)),
      ]);
      expect(approved.ok).toBe(true);
      const after = await db().roster.findUniqueOrThrow({
        where: { id: roster.id },
        select: { state: true, _count: { select: { entries: true } } },
      });
      const audit = await db().auditLog.findFirstOrThrow({
        where: { action: "roster.approve", targetId: roster.id },
      });
      expect(after.state).toBe("APPROVED");
      expect((audit.detail as { count: number }).count).toBe(after._count.entries);
      expect(after._count.entries).toBe(5 - removed.filter((r) => r.ok).length);
      for (const r of removed.filter((x) => !x.ok)) expect(r).toMatchObject({ code: "REFUSED" });
    }
  });
});

describe("payments", () => {
  it("refuses 0 元 and, without a reason, more than the standard", async () => {
    const [s] = await students(1);
    const roster = await makeRoster(school.school.id, [{ studentId: s!.student.id }], "APPROVED");
    const entryId = roster.entries[0]!.id;
    for (const amount of ["0", "0.00"])
      expect(await recordRosterPayment(admin, { entryId, amount })).toMatchObject({
        ok: false,
        fieldErrors: { amount: expect.stringMatching(/大于0/) },
      });
    expect(await recordRosterPayment(admin, { entryId, amount: "1200" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: expect.any(String) },
    });
    expect(await db().rosterEntry.findUniqueOrThrow({ where: { id: entryId } })).toMatchObject({
      paidAt: null,
    });
    expect(
      await recordRosterPayment(admin, { entryId, amount: "1200", reason: "含上学期补发200元" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await recordRosterPayment(admin, { entryId, amount: "1000" })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    // the database refuses a 0.00 payment whatever the code does
    await expect(
      db().rosterEntry.update({ where: { id: entryId }, data: { paidAmountFen: 0 } }),
    ).rejects.toThrow();
  });

  it("a correction needs a reason and keeps the original; a paid entry is reversed, never removed", async () => {
    const [s] = await students(1);
    const roster = await makeRoster(school.school.id, [{ studentId: s!.student.id }], "APPROVED");
    const entryId = roster.entries[0]!.id;
    expect(await recordRosterPayment(admin, { entryId, amount: "800" })).toMatchObject({ ok: true });
    expect(await correctPayment(admin, { entryId, amount: "1000", reason: "" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: expect.any(String) },
    });
    expect(
      await correctPayment(admin, { entryId, amount: "1000", reason: "银行回单为1000元，登记有误" }),
    ).toMatchObject({ ok: true });
    expect((await db().rosterEntry.findUniqueOrThrow({ where: { id: entryId } })).paidAmountFen).toBe(
      100_000,
    );

    // unlocked: the paid entry cannot be removed
    expect(await unlockRoster(admin, { rosterId: roster.id, reason: "调整名单" })).toMatchObject({
      ok: true,
    });
    expect(await removeRosterEntry(admin, entryId)).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    await expect(db().rosterEntry.delete({ where: { id: entryId } })).rejects.toThrow();
    expect(await reversePayment(admin, { entryId, reason: "" })).toMatchObject({ ok: false });
    expect(await reversePayment(admin, { entryId, reason: "该生已转学，资金退回" })).toMatchObject({
      ok: true,
    });
    expect(await db().rosterEntry.findUniqueOrThrow({ where: { id: entryId } })).toMatchObject({
      paidAt: null,
      paidAmountFen: null,
    });
    expect(await removeRosterEntry(admin, entryId)).toMatchObject({ ok: true });

    const history = await db().rosterPayment.findMany({
      where: { rosterId: roster.id, studentId: s!.student.id },
      orderBy: { at: "asc" },
    });
    expect(history.map((h) => [h.kind, h.amountFen, h.previousAmountFen, h.reason])).toEqual([
      ["PAYMENT", 80_000, null, null],
      ["CORRECTION", 100_000, 80_000, "银行回单为1000元，登记有误"],
      ["REVERSAL", 0, 100_000, "该生已转学，资金退回"],
    ]);
    await expect(
      db().rosterPayment.update({ where: { id: history[0]!.id }, data: { amountFen: 1 } }),
    ).rejects.toThrow(/append-only|permission denied/); // the app role may not UPDATE it; the trigger stops an owner
    for (const action of ["roster.pay", "roster.payment_correct", "roster.payment_reverse"])
      expect(await db().auditLog.count({ where: { action, targetId: entryId } })).toBe(1);
  });
});

describe("regenerating a draft roster", () => {
  it("keeps paid entries and their payments", async () => {
    const { programme } = await makeCurrentTerm({ stage: "SENIOR" });
    const paidApp = await makeApplication(school, "determined", { level: "HARDSHIP" });
    expect((await generateRoster(admin, programme.id)).ok).toBe(true);
    const roster = await db().roster.findFirstOrThrow({
      where: { programmeId: programme.id, schoolId: school.school.id },
      include: { entries: true },
    });
    const entry = roster.entries.find((e) => e.studentId === paidApp.student.student.id)!;
    expect(await approveRoster(admin, roster.id)).toMatchObject({ ok: true });
    expect(await recordRosterPayment(admin, { entryId: entry.id, amount: "1000" })).toMatchObject({
      ok: true,
    });
    expect(await unlockRoster(admin, { rosterId: roster.id, reason: "重新生成名单" })).toMatchObject({
      ok: true,
    });
    // the level was revoked meanwhile: the student is no candidate any more, but was paid
    await db().application.update({ where: { id: paidApp.app.id }, data: { state: "revoked" } });
    expect(await generateRoster(admin, programme.id)).toMatchObject({
      ok: true,
      data: { skipped: [expect.stringMatching(/已登记发放的1人保留/)] },
    });
    expect(await db().rosterEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      paidAmountFen: 100_000,
    });
  });
});

describe("补录 follows the programme's rule", () => {
  it("refuses a student without an eligible level unless the exception is recorded", async () => {
    const roster = await makeRoster(school.school.id, []); // programme requires 特别困难/困难
    const undetermined = await makeStudent(school);
    const general = await makeApplication(school, "determined", { level: "GENERAL" });
    const hardship = await makeApplication(school, "determined", { level: "HARDSHIP" });
    const add = (studentNo: string, exception = "") =>
      addRosterEntry(admin, { rosterId: roster.id, studentNo, amount: "1000", note: "转入学生", exception });

    expect(await add(undetermined.studentNo)).toMatchObject({
      ok: false,
      code: "REFUSED",
      fieldErrors: { exception: expect.any(String) },
    });
    expect(await add(general.student.studentNo)).toMatchObject({
      ok: false,
      code: "REFUSED",
      fieldErrors: { exception: expect.any(String) },
    });
    expect(await add(hardship.student.studentNo)).toMatchObject({ ok: true });
    expect(await add(undetermined.studentNo, "yes")).toMatchObject({ ok: true });

    const l = await loadRoster(admin, roster.id);
    if (!l.ok) throw new Error(l.message);
    const byName = new Map(l.data.roster.entries.map((e) => [e.student.person.name, e]));
    expect(byName.get(hardship.student.name)?.exceptionReason).toBeNull();
    expect(byName.get(undetermined.name)?.exceptionReason).toMatch(/没有认定结果.*例外补录原因：转入学生/);
    expect(
      await db().auditLog.count({
        where: {
          action: "roster.add_entry",
          targetId: roster.id,
          detail: { path: ["exception"], equals: true },
        },
      }),
    ).toBe(1);
  });
});
