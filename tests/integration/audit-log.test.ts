/**
 * The audit log: append-only in the database (UPDATE, DELETE and
 * TRUNCATE refused), no deletion before the retention of at least 180 days,
 * and the school admin's search (own school only, filters, pagination).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditAction } from "@/lib/domain/audit-actions";
import type { SessionUser } from "@/lib/auth/session";
import { writeAudit } from "@/lib/db/audit.repo";
import { db } from "@/lib/db/client";
import { AUDIT_PAGE_SIZE, searchAuditLog } from "@/lib/services/audit-log";
import { auditRetentionDays, purgeAuditLog } from "@/lib/security/audit-retention";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { sessionUser } from "../support/session-user";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

let admin: SessionUser;
let teacher: SessionUser;
let schoolA: string;
let schoolB: string;
let adminBUserId: string;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  schoolA = (await makeSchool(county.id)).school.id;
  schoolB = (await makeSchool(county.id)).school.id;
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: schoolA })).user);
  teacher = sessionUser((await makeStaff("TEACHER", { schoolId: schoolA })).user);
  adminBUserId = (await makeStaff("SCHOOL_ADMIN", { schoolId: schoolB })).user.id;
});

// The triggers hold even for the owner role (the app role is not even granted UPDATE/DELETE/TRUNCATE:
// tests/integration/db-roles.test.ts).
async function sql(text: string): Promise<unknown> {
  return ownerDb().$executeRawUnsafe(text);
}

describe("append-only in the database", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await writeAudit({ action: "test.immutable" as AuditAction, schoolId: schoolA });
    await expect(
      sql(`UPDATE "AuditLog" SET "action" = 'x' WHERE "action" = 'test.immutable'`),
    ).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM "AuditLog" WHERE "action" = 'test.immutable'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(`TRUNCATE "AuditLog" CASCADE`)).rejects.toThrow(/append-only/);
    await expect(db().auditLog.deleteMany({ where: { action: "test.immutable" } })).rejects.toThrow();
    await expect(ownerDb().auditLog.deleteMany({ where: { action: "test.immutable" } })).rejects.toThrow();
    expect(await db().auditLog.count({ where: { action: "test.immutable" } })).toBe(1);
  });

  it("the other histories (application transitions, review steps) refuse TRUNCATE too", async () => {
    await expect(sql(`TRUNCATE "ApplicationTransition" CASCADE`)).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE "ReviewStep" CASCADE`)).rejects.toThrow(/append-only/);
  });

  it("cannot be tricked into deleting young entries by setting the purge variable by hand", async () => {
    await db().auditLog.create({ data: { action: "test.young", schoolId: schoolA, at: ago(100) } });
    const trick = ownerDb().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `SELECT set_config('aid.audit_purge_before', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), true)`,
      );
      await tx.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE "action" = 'test.young'`);
    });
    await expect(trick).rejects.toThrow(/append-only/);
    expect(await db().auditLog.count({ where: { action: "test.young" } })).toBe(1);
  });
});

describe("retention", () => {
  it("is configurable but never below 180 days", () => {
    expect(auditRetentionDays({})).toBe(365);
    expect(auditRetentionDays({ AUDIT_RETENTION_DAYS: "730" })).toBe(730);
    expect(() => auditRetentionDays({ AUDIT_RETENTION_DAYS: "90" })).toThrow(/at least 180/);
    expect(() => auditRetentionDays({ AUDIT_RETENTION_DAYS: "abc" })).toThrow(/at least 180/);
  });

  it("the database refuses a purge with less than 180 days of retention", async () => {
    await expect(purgeAuditLog(179, ownerDb())).rejects.toThrow(/at least 180 days/);
    await expect(purgeAuditLog(0, ownerDb())).rejects.toThrow(/at least 180 days/);
  });

  it("purges only entries older than the retention", async () => {
    for (const [action, days] of [
      ["test.r400", 400],
      ["test.r200", 200],
      ["test.r179", 179],
      ["test.r10", 10],
    ] as const) {
      await db().auditLog.create({ data: { action, schoolId: schoolB, at: ago(days) } });
    }
    const count = async (action: string) => db().auditLog.count({ where: { action } });
    await expect(purgeAuditLog(365)).rejects.toThrow(/permission denied/);
    expect(await purgeAuditLog(365, ownerDb())).toBe(1);
    expect(await count("test.r400")).toBe(0);
    expect(await count("test.r200")).toBe(1);
    expect(await purgeAuditLog(180, ownerDb())).toBe(1);
    expect(await count("test.r200")).toBe(0);
    expect(await count("test.r179")).toBe(1);
    expect(await count("test.r10")).toBe(1);
  });
});

describe("admin search", () => {
  beforeAll(async () => {
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
      await db().auditLog.create({
        data: {
          action: "test.bulk",
          actorUserId: teacher.id,
          actorRole: "TEACHER",
          schoolId: schoolA,
          ip: "10.0.0.1",
          at: ago(1 + i / 1000),
        },
      });
    }
    await db().auditLog.create({
      data: { action: "test.bulk", actorUserId: adminBUserId, actorRole: "SCHOOL_ADMIN", schoolId: schoolB },
    });
    await db().auditLog.create({
      data: {
        action: "test.dated",
        actorUserId: admin.id,
        actorRole: "SCHOOL_ADMIN",
        schoolId: schoolA,
        at: new Date("2026-03-10T03:00:00Z"),
      },
    });
    await db().auditLog.create({
      data: {
        action: "test.dated",
        actorUserId: admin.id,
        actorRole: "SCHOOL_ADMIN",
        schoolId: schoolA,
        at: new Date("2026-03-11T17:00:00Z"),
      },
    }); // 3-12 in Beijing
  });

  it("shows only the admin's own school, newest first, paginated", async () => {
    const p1 = await searchAuditLog(admin, { action: "test.bulk" });
    expect(p1.ok).toBe(true);
    if (!p1.ok) return;
    expect(p1.data.total).toBe(AUDIT_PAGE_SIZE + 5);
    expect(p1.data.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(p1.data.pages).toBe(2);
    expect(p1.data.rows.every((r) => r.actorName === teacher.displayName || r.actorRole === "TEACHER")).toBe(
      true,
    );
    expect(p1.data.rows[0]!.at.getTime()).toBeGreaterThanOrEqual(p1.data.rows[1]!.at.getTime());
    const p2 = await searchAuditLog(admin, { action: "test.bulk", page: "2" });
    expect(p2.ok && p2.data.rows).toHaveLength(5);
  });

  it("filters by who and by Beijing date range", async () => {
    const byActor = await searchAuditLog(admin, { actor: admin.displayName, action: "test" });
    expect(byActor.ok && byActor.data.rows.map((r) => r.action)).toEqual(["test.dated", "test.dated"]);
    const day = await searchAuditLog(admin, { action: "test.dated", from: "2026-03-12", to: "2026-03-12" });
    expect(day.ok && day.data.rows.map((r) => r.at.toISOString())).toEqual(["2026-03-11T17:00:00.000Z"]);
  });

  it("explains bad filters in Chinese", async () => {
    expect(await searchAuditLog(admin, { from: "2026-02-30" })).toMatchObject({
      ok: false,
      fieldErrors: { from: "日期不存在，请核对" },
    });
    expect(await searchAuditLog(admin, { from: "2026-03-12", to: "2026-03-01" })).toMatchObject({
      ok: false,
      fieldErrors: { to: "开始日期不能晚于结束日期" },
    });
    expect(await searchAuditLog(admin, { actor: "x".repeat(51) })).toMatchObject({
      ok: false,
      fieldErrors: { actor: "操作人不能超过50个字" },
    });
    expect(await searchAuditLog(admin, { page: "-3" })).toMatchObject({
      ok: false,
      fieldErrors: { page: "页码从1开始" },
    });
  });

  it("is refused to other roles", async () => {
    expect(await searchAuditLog(teacher, {})).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
