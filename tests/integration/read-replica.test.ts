/**
 * DATABASE_READ_URL (docs/decisions/0008-read-replica.md): the read-only lists, statistics and exports
 * read from the replica; writes, and the reads that decide them, use the primary.
 *
 * The "replica" is a copy of the test database taken at one moment and made read-only, as a standby is:
 * rows written to the primary afterwards stand for replication lag. A function that reads from the replica
 * does not see them; a function that reads from the primary does; a write sent to the replica fails
 * ("cannot execute … in a read-only transaction"), so a write path that used readDb() fails this test.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditAction } from "@/lib/domain/audit-actions";
import type { SessionUser } from "@/lib/auth/session";
import { db, disconnectReadDb, readDb } from "@/lib/db/client";
import { writeAudit } from "@/lib/db/audit.repo";
import { searchAudit } from "@/lib/db/audit-search.repo";
import { listQueue } from "@/lib/db/determination-queue.repo";
import { findForScoring } from "@/lib/db/scoring-input.repo";
import { inExportSnapshot } from "@/lib/db/national-export.repo";
import { listStudentRoster, rosterExportPage } from "@/lib/db/student-roster.repo";
import { loadQueue } from "@/lib/services/determination-queue";
import { downloadExport, prepareDeterminationExport } from "@/lib/services/national-export";
import { loadMonitor, verifyApplication } from "@/lib/services/teacher-verification";
import { ensureDefaultModel, makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { disconnectOwnerDb, ownerDb } from "../support/owner-db";
import { asAppRole } from "../support/test-db";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;
let teacher: SessionUser;
let scope: { role: "SCHOOL_ADMIN"; userId: string; schoolId: string };
/** Written before the copy: on both. */
let before: Awaited<ReturnType<typeof makeApplication>>;
/** Written after the copy: on the primary only (the replica "lags"). */
let after: Awaited<ReturnType<typeof makeApplication>>;
let submittedAfter: Awaited<ReturnType<typeof makeApplication>>;
let replicaName: string;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("pgBaseUrl") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await ensureDefaultModel();
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
  scope = { role: "SCHOOL_ADMIN", userId: admin.id, schoolId: school.school.id };
  before = await makeApplication(school, "determined", { name: "甲同学", level: "HARDSHIP" });
  await writeAudit({
    actorUserId: admin.id,
    actorRole: "SCHOOL_ADMIN",
    schoolId: school.school.id,
    action: "replica.before" as AuditAction,
  });

  // The copy needs the primary without connections: close this file's clients, copy, reopen lazily.
  await db().$disconnect();
  (globalThis as { __aidPrisma?: unknown }).__aidPrisma = undefined;
  await disconnectOwnerDb();
  const primaryName = new URL(process.env.OWNER_DATABASE_URL!).pathname.slice(1);
  replicaName = `${primaryName}_replica`;
  await adminQuery(`CREATE DATABASE "${replicaName}" TEMPLATE "${primaryName}"`);
  await adminQuery(`ALTER DATABASE "${replicaName}" SET default_transaction_read_only = on`);

  after = await makeApplication(school, "determined", { name: "乙同学", level: "HARDSHIP" });
  submittedAfter = await makeApplication(school, "submitted", { name: "丙同学" });
  await writeAudit({
    actorUserId: admin.id,
    actorRole: "SCHOOL_ADMIN",
    schoolId: school.school.id,
    action: "replica.after" as AuditAction,
  });
  process.env.DATABASE_READ_URL = asAppRole(withDatabase(process.env.OWNER_DATABASE_URL!, replicaName));
});

afterAll(async () => {
  delete process.env.DATABASE_READ_URL;
  await disconnectReadDb();
  await adminQuery(`DROP DATABASE IF EXISTS "${replicaName}"`);
});

describe("with DATABASE_READ_URL set", () => {
  it("uses a second client whose database is the replica, and it refuses writes", async () => {
    const reader = await readDb();
    expect(reader).not.toBe(db());
    const rows = await reader.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
    expect(rows[0]?.db).toBe(replicaName);
    await expect(
      writeAudit({ actorUserId: admin.id, action: "replica.write" as AuditAction }, reader as never),
    ).rejects.toThrow(/read-only transaction/);
  });

  it("the admin's student list and roster export read from the replica (the lagging row is not there yet)", async () => {
    const list = await listStudentRoster(scope, { skip: 0, take: 50 });
    expect(list.rows.map((r) => r.name)).toEqual(["甲同学"]);
    expect(list.total).toBe(1);
    const page = await rosterExportPage(scope, null, 50);
    expect(page.map((s) => s.person.name)).toEqual(["甲同学"]);
  });

  it("the determination queue and the audit search read from the replica", async () => {
    const q = await listQueue(scope, before.app.termId, { page: 1, pageSize: 50 });
    expect(q.rows.map((r) => r.name)).toEqual(["甲同学"]);
    const audit = await searchAudit(scope, { actions: ["replica."] }, 1, 50);
    expect(audit.rows.map((r) => r.action)).toEqual(["replica.before"]);
  });

  it("the teacher's monitor reads from the replica, its class (scope) from the primary", async () => {
    const m = await loadMonitor(teacher, {});
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.data.klass?.id).toBe(school.klass.id);
    expect(m.data.rows.map((r) => r.person.name)).toEqual(["甲同学"]);
    expect(m.data.counts?.submitted).toBe(0);
  });

  it("the national export reads its snapshot from the replica and writes its audit entry to the primary", async () => {
    const check = await prepareDeterminationExport(admin);
    expect(check.ok && check.data.rowCount).toBe(1);
    const dl = await downloadExport(admin, "determination");
    expect(dl.ok).toBe(true);
    if (dl.ok) dl.data.stream.destroy();
    const logged = await ownerDb().auditLog.count({
      where: { actorUserId: admin.id, action: { startsWith: "export.determination" } },
    });
    expect(logged).toBe(1);
    const onSnapshot = await inExportSnapshot(
      (tx) => tx.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`,
    );
    expect(onSnapshot[0]!.db).toBe(replicaName);
  });

  it("scope checks and writes use the primary: a row the replica lacks is found and changed", async () => {
    expect(await findForScoring(scope, after.app.id)).not.toBeNull();
    // The teacher verifies an application written after the copy: the check reads it, the write lands.
    const r = await verifyApplication(teacher, submittedAfter.app.id, submittedAfter.app.version);
    expect(r).toEqual({ ok: true, data: undefined });
    const stored = await ownerDb().application.findUniqueOrThrow({ where: { id: submittedAfter.app.id } });
    expect(stored.state).toBe("verified");
  });

  it("the queue page lists from the replica and still runs (its scope check and its writes on the primary)", async () => {
    const q = await loadQueue(admin, {});
    expect(q.ok && q.data.rows.map((r) => r.name)).toEqual(["甲同学"]);
  });
});

describe("with DATABASE_READ_URL unset", () => {
  it("every read comes from the primary", async () => {
    delete process.env.DATABASE_READ_URL;
    await disconnectReadDb();
    expect(await readDb()).toBe(db());
    const list = await listStudentRoster(scope, { skip: 0, take: 50 });
    expect(list.rows.map((r) => r.name).sort()).toEqual(["丙同学", "乙同学", "甲同学"].sort());
    const audit = await searchAudit(scope, { actions: ["replica."] }, 1, 50);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(["replica.after", "replica.before"]);
    const check = await prepareDeterminationExport(admin);
    expect(check.ok && check.data.rowCount).toBe(2);
  });
});
