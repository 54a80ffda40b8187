/**
 * The audit log's hash chain (migration 140) and `npm run audit:verify`
 * (lib/security/audit-chain.ts): a clean chain verifies; an entry altered or
 * deleted behind the triggers' back by the owner role is named; concurrent
 * inserts from many connections keep one valid chain; the retention purge
 * keeps it verifiable; the app cannot choose its own hash.
 */
import { execFileSync } from "node:child_process";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import type { AuditAction } from "@/lib/domain/audit-actions";
import { writeAudit } from "@/lib/db/audit.repo";
import { createPrismaClient, db } from "@/lib/db/client";
import { purgeAuditLog } from "@/lib/security/audit-retention";
import { verifyAuditChain } from "@/lib/security/audit-chain";
import { ownerDb } from "../support/owner-db";
import { asAppRole, createTestDatabase } from "../support/test-db";

const DAY = 86_400_000;

/** A fresh database with `n` entries; returns the owner URL and the entries' ids in order. */
async function chainOf(n: number): Promise<{ ownerUrl: string; ids: bigint[] }> {
  const ownerUrl = await createTestDatabase(inject("pgBaseUrl"));
  const app = createPrismaClient(asAppRole(ownerUrl));
  try {
    for (let i = 0; i < n; i++)
      await app.auditLog.create({
        data: { action: `test.chain${i}`, detail: { i, 名: "张三" }, ip: "10.0.0.1" },
      });
    const rows = await app.auditLog.findMany({ select: { id: true }, orderBy: { chainSeq: "asc" } });
    return { ownerUrl, ids: rows.map((r) => r.id) };
  } finally {
    await app.$disconnect();
  }
}

/** As the owner, behind the triggers' back (what a superuser attacker could do). */
async function tamper(ownerUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query("BEGIN");
    await c.query("SET LOCAL session_replication_role = replica");
    await c.query(sql);
    await c.query("COMMIT");
  } finally {
    await c.end();
  }
}

describe("a clean chain", () => {
  it("verifies, and every entry got its place and hash from the database", async () => {
    await writeAudit({ action: "test.clean1" as AuditAction, detail: { a: [1, 2, { b: "中文" }] } });
    await writeAudit({ action: "test.clean2" as AuditAction });
    await db().auditLog.create({ data: { action: "test.clean3", at: new Date(Date.now() - 3 * DAY) } });
    const r = await verifyAuditChain(process.env.OWNER_DATABASE_URL!);
    expect(r.problem).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.verified).toBeGreaterThanOrEqual(3);
    const rows = await db().auditLog.findMany({ orderBy: { chainSeq: "asc" } });
    expect(rows.map((x) => Number(x.chainSeq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.every((x) => /^[0-9a-f]{64}$/.test(x.chainHash))).toBe(true);
    expect(r.head.seq).toBe(BigInt(rows.length));
    expect(r.head.hash).toBe(rows[rows.length - 1]!.chainHash);
  });

  it("ignores a place and hash chosen by the app", async () => {
    const forged = await db().auditLog.create({
      data: { action: "test.forged", chainSeq: 999_999n, chainHash: "f".repeat(64) },
    });
    expect(forged.chainSeq).not.toBe(999_999n);
    expect(forged.chainHash).not.toBe("f".repeat(64));
    expect((await verifyAuditChain(process.env.OWNER_DATABASE_URL!)).ok).toBe(true);
  });
});

describe("tampering by the owner role is detected", () => {
  it("an altered entry is named by its id", async () => {
    const { ownerUrl, ids } = await chainOf(6);
    await tamper(ownerUrl, `UPDATE "AuditLog" SET "ip" = '10.9.9.9' WHERE "id" = ${ids[3]}`);
    const r = await verifyAuditChain(ownerUrl);
    expect(r.ok).toBe(false);
    expect(r.problem).toMatchObject({ kind: "altered", id: ids[3] });
    expect(r.problem!.message).toContain(`entry id ${ids[3]}`);
    expect(r.verified).toBe(3);
  });

  it("an altered entry whose hash was recomputed breaks the link to the next one", async () => {
    const { ownerUrl, ids } = await chainOf(5);
    await tamper(
      ownerUrl,
      `UPDATE "AuditLog" a SET "action" = 'test.rewritten' WHERE "id" = ${ids[1]};
       UPDATE "AuditLog" a SET "chainHash" = audit_entry_hash((SELECT "chainHash" FROM "AuditLog" WHERE "id" = ${ids[0]}), a) WHERE "id" = ${ids[1]}`,
    );
    const r = await verifyAuditChain(ownerUrl);
    expect(r.problem).toMatchObject({ kind: "altered", id: ids[2] });
  });

  it("a deleted entry is reported with its place and the ids around it", async () => {
    const { ownerUrl, ids } = await chainOf(6);
    await tamper(ownerUrl, `DELETE FROM "AuditLog" WHERE "id" = ${ids[2]}`);
    const r = await verifyAuditChain(ownerUrl);
    expect(r.problem).toMatchObject({ kind: "missing", fromSeq: 3n, toSeq: 3n, beforeId: ids[3] });
    expect(r.problem!.message).toMatch(
      new RegExp(`entry #3 .*after entry id ${ids[1]} before entry id ${ids[3]}`),
    );
  });

  it("deleting the newest entries is detected through the chain head", async () => {
    const { ownerUrl, ids } = await chainOf(5);
    await tamper(ownerUrl, `DELETE FROM "AuditLog" WHERE "id" IN (${ids[3]}, ${ids[4]})`);
    const r = await verifyAuditChain(ownerUrl);
    expect(r.problem).toMatchObject({ kind: "missing", fromSeq: 4n, toSeq: 5n, beforeId: null });
  });

  it("the command prints the broken entry and exits with 1; 0 on a clean chain", async () => {
    const { ownerUrl, ids } = await chainOf(3);
    const run = () =>
      execFileSync("npx", ["tsx", "--import", "./scripts/server-only-stub.mjs", "scripts/audit-verify.ts"], {
        env: { ...process.env, DATABASE_URL: ownerUrl, DATABASE_MIGRATION_URL: "" },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    expect(run()).toMatch(/Audit log intact: 3 entries verified/);
    await tamper(ownerUrl, `UPDATE "AuditLog" SET "detail" = '{"i": 7}' WHERE "id" = ${ids[0]}`);
    let failure: { status: number; stderr: string } | undefined;
    try {
      run();
    } catch (e) {
      failure = e as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain(`AUDIT LOG TAMPERED: entry id ${ids[0]} `);
  });
});

describe("concurrent inserts", () => {
  it("from many connections keep one gapless, valid chain", async () => {
    const ownerUrl = await createTestDatabase(inject("pgBaseUrl"));
    const clients = Array.from({ length: 4 }, () => createPrismaClient(asAppRole(ownerUrl)));
    try {
      await Promise.all(
        clients.flatMap((c, k) =>
          Array.from({ length: 15 }, (_, i) =>
            i % 3 === 0
              ? c.$transaction(async (tx) => {
                  await tx.auditLog.create({ data: { action: `test.tx${k}.${i}.a` } });
                  await tx.auditLog.create({ data: { action: `test.tx${k}.${i}.b` } });
                })
              : c.auditLog.create({ data: { action: `test.c${k}.${i}` } }),
          ),
        ),
      );
      // A rolled-back insert leaves no hole.
      await expect(
        clients[0]!.$transaction(async (tx) => {
          await tx.auditLog.create({ data: { action: "test.rolled_back" } });
          throw new Error("roll back");
        }),
      ).rejects.toThrow(/roll back/);
      await clients[1]!.auditLog.create({ data: { action: "test.after_rollback" } });
      const r = await verifyAuditChain(ownerUrl);
      expect(r.problem).toBeNull();
      expect(r.verified).toBe(4 * (15 + 5) + 1);
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
  });
});

describe("retention purge", () => {
  it("records what it deleted, so the chain stays verifiable, and is still detected when abused", async () => {
    const owner = ownerDb();
    const ago = (d: number) => new Date(Date.now() - d * DAY);
    // Out of order on purpose: a young entry sits between old ones in the chain.
    for (const [action, days] of [
      ["test.p400", 400],
      ["test.p390", 390],
      ["test.p10", 10],
      ["test.p380", 380],
      ["test.p5", 5],
    ] as const)
      await db().auditLog.create({ data: { action, at: ago(days) } });
    const before = await verifyAuditChain(process.env.OWNER_DATABASE_URL!);
    expect(before.ok).toBe(true);
    expect(await purgeAuditLog(365, owner)).toBe(3);
    const gaps = await owner.auditChainGap.findMany({ orderBy: { fromSeq: "asc" } });
    expect(gaps.map((g) => Number(g.entries))).toEqual([2, 1]);
    const after = await verifyAuditChain(process.env.OWNER_DATABASE_URL!);
    expect(after.problem).toBeNull();
    expect(after.purged).toBe(3n);
    expect(after.verified).toBe(before.verified - 3);
    // The gap records are append-only too, and off limits to the app.
    await expect(owner.auditChainGap.deleteMany({})).rejects.toThrow();
    await expect(db().auditChainGap.findMany()).rejects.toThrow(/permission denied/);
  });
});
