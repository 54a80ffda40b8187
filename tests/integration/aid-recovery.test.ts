/**
 * Recovery of revoked aid (lib/services/aid-recovery.ts, migration 631) on the real database: revoking a
 * determination whose aid was paid opens a record with the paid amount due, one without payment opens none;
 * recoveries add up, are refused above what is still due (by the service and by the database), close the
 * record when complete and are append-only; the school sees its own records, its supervisors theirs, nobody
 * else's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadRecoveries, recordRecovery } from "@/lib/services/aid-recovery";
import { revokeDetermination } from "@/lib/services/revocation";
import { makeApplication, makeRoster } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { sessionUser } from "../support/session-user";

let admin: SessionUser;
let leader: SessionUser;
let otherAdmin: SessionUser;
let county: SessionUser;
let city: SessionUser;
let otherCounty: SessionUser;
let recoveryId: string;
let paidApplicationId: string;
let unpaidApplicationId: string;

const today = () => formatBeijingDate(new Date());

beforeAll(async () => {
  const tree = await makeRegionTree();
  const elsewhere = await makeRegionTree();
  const school = await makeSchool(tree.county.id, "SENIOR");
  const other = await makeSchool(elsewhere.county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: other.school.id })).user);
  const supervisor = async (region: { id: string; path: string }) =>
    sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });
  county = await supervisor(tree.county);
  city = await supervisor(tree.city);
  otherCounty = await supervisor(elsewhere.county);
  const paid = await makeApplication(school, "determined", { name: "追回生" });
  const unpaid = await makeApplication(school, "determined", { name: "未发放生" });
  paidApplicationId = paid.app.id;
  unpaidApplicationId = unpaid.app.id;
  // Paid twice (two programmes, 1000.00 yuan each): 2000.00 yuan due.
  await makeRoster(
    school.school.id,
    [{ studentId: paid.student.student.id, applicationId: paid.app.id, paid: true }],
    "APPROVED",
  );
  await makeRoster(
    school.school.id,
    [{ studentId: paid.student.student.id, applicationId: paid.app.id, paid: true }],
    "APPROVED",
  );
  await makeRoster(
    school.school.id,
    [{ studentId: unpaid.student.student.id, applicationId: unpaid.app.id }],
    "APPROVED",
  );
});

const revoke = async (applicationId: string) => {
  const { version } = await db().application.findUniqueOrThrow({ where: { id: applicationId } });
  return revokeDetermination(admin, {
    applicationId,
    version: String(version),
    reason: "FALSE_INFORMATION",
    detail: "经核实提供了虚假的家庭收入信息",
  });
};

describe("opening", () => {
  it("a revocation of paid aid opens a record with the paid amount due", async () => {
    expect(await revoke(paidApplicationId)).toMatchObject({ ok: true, data: { recoveryRequired: true } });
    const recovery = await db().aidRecovery.findUniqueOrThrow({
      where: { applicationId: paidApplicationId },
    });
    expect(recovery).toMatchObject({
      dueFen: 200_000,
      recoveredFen: 0,
      closedAt: null,
      openedById: admin.id,
    });
    recoveryId = recovery.id;
  });

  it("a revocation of unpaid aid opens none", async () => {
    expect(await revoke(unpaidApplicationId)).toMatchObject({ ok: true, data: { recoveryRequired: false } });
    expect(await db().aidRecovery.findUnique({ where: { applicationId: unpaidApplicationId } })).toBeNull();
  });
});

describe("recording recoveries", () => {
  it("refuses bad input with the field named", async () => {
    expect(
      await recordRecovery(admin, recoveryId, { recoveredOn: today(), amount: "", note: "" }),
    ).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { amount: expect.any(String) },
    });
    expect(
      await recordRecovery(admin, recoveryId, { recoveredOn: "2026-02-30", amount: "100", note: "" }),
    ).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { recoveredOn: expect.any(String) } });
  });

  it("adds up, refuses more than is still due, and closes the record when all is back", async () => {
    expect(
      await recordRecovery(admin, recoveryId, { recoveredOn: today(), amount: "1200", note: "家长退回" }),
    ).toEqual({
      ok: true,
      data: { closed: false },
    });
    expect(await db().aidRecovery.findUniqueOrThrow({ where: { id: recoveryId } })).toMatchObject({
      recoveredFen: 120_000,
      closedAt: null,
    });
    const over = await recordRecovery(admin, recoveryId, {
      recoveredOn: today(),
      amount: "800.01",
      note: "",
    });
    expect(over).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { amount: expect.stringContaining("800.00") },
    });
    expect(
      await recordRecovery(admin, recoveryId, { recoveredOn: today(), amount: "800", note: "" }),
    ).toEqual({
      ok: true,
      data: { closed: true },
    });
    const closed = await db().aidRecovery.findUniqueOrThrow({ where: { id: recoveryId } });
    expect(closed.recoveredFen).toBe(200_000);
    expect(closed.closedAt).not.toBeNull();
    expect(
      await recordRecovery(admin, recoveryId, { recoveredOn: today(), amount: "1", note: "" }),
    ).toMatchObject({
      ok: false,
      code: "INVALID",
    });
  });

  it("the database refuses an entry above what is due, a changed total and a changed or deleted entry", async () => {
    await expect(
      db().aidRecoveryEntry.create({
        data: { recoveryId, amountFen: 1, recoveredOn: new Date(), recordedById: admin.id },
      }),
    ).rejects.toThrow();
    await db().aidRecovery.update({ where: { id: recoveryId }, data: { recoveredFen: 5 } });
    expect((await db().aidRecovery.findUniqueOrThrow({ where: { id: recoveryId } })).recoveredFen).toBe(
      200_000,
    );
    await expect(
      db().aidRecovery.update({ where: { id: recoveryId }, data: { dueFen: 1 } }),
    ).rejects.toThrow();
    const [entry] = await db().aidRecoveryEntry.findMany({ where: { recoveryId } });
    await expect(
      db().aidRecoveryEntry.update({ where: { id: entry!.id }, data: { amountFen: 1 } }),
    ).rejects.toThrow();
    await expect(db().aidRecoveryEntry.delete({ where: { id: entry!.id } })).rejects.toThrow();
    await expect(ownerDb().aidRecoveryEntry.delete({ where: { id: entry!.id } })).rejects.toThrow(
      /append-only/,
    );
  });

  it("two recoveries at once never pass the amount due together", async () => {
    const application = await makeApplication(
      { school: { id: admin.schoolId! }, ...(await schoolParts(admin.schoolId!)) },
      "determined",
      { name: "并发追回生" },
    );
    await makeRoster(
      admin.schoolId!,
      [{ studentId: application.student.student.id, applicationId: application.app.id, paid: true }],
      "APPROVED",
    );
    await revoke(application.app.id);
    const recovery = await db().aidRecovery.findUniqueOrThrow({
      where: { applicationId: application.app.id },
    });
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        db()
          .aidRecoveryEntry.create({
            data: {
              recoveryId: recovery.id,
              amountFen: 60_000,
              recoveredOn: new Date(),
              recordedById: admin.id,
            },
          })
          .then(
            () => "ok",
            () => "refused",
          ),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect((await db().aidRecovery.findUniqueOrThrow({ where: { id: recovery.id } })).recoveredFen).toBe(
      60_000,
    );
  });
});

async function schoolParts(schoolId: string) {
  const klass = await db().schoolClass.findFirstOrThrow({ where: { schoolId }, include: { grade: true } });
  return { grade: klass.grade, klass };
}

describe("who sees and records", () => {
  it("the school's admin and leader and its supervisors see it; another school or county does not", async () => {
    const ids = async (user: SessionUser) => {
      const result = await loadRecoveries(user, "all");
      return result.ok ? result.data.rows.map((row) => row.id) : null;
    };
    for (const user of [admin, leader, county, city]) expect(await ids(user)).toContain(recoveryId);
    for (const user of [otherAdmin, otherCounty]) expect(await ids(user)).not.toContain(recoveryId);
    const open = await loadRecoveries(admin, "open");
    expect(open.ok && open.data.rows.map((row) => row.id)).not.toContain(recoveryId);
    const closed = await loadRecoveries(county, "closed");
    expect(closed.ok && closed.data.rows.find((row) => row.id === recoveryId)).toMatchObject({
      dueFen: 200_000,
      recoveredFen: 200_000,
      student: { person: { name: "追回生" } },
    });
  });

  it("only the school's own aid officer records", async () => {
    const open = await db().aidRecovery.findFirstOrThrow({
      where: { closedAt: null, schoolId: admin.schoolId! },
    });
    const input = { recoveredOn: today(), amount: "1", note: "" };
    expect(await recordRecovery(otherAdmin, open.id, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await recordRecovery(leader, open.id, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await recordRecovery(county, open.id, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
