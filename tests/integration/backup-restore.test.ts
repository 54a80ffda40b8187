/**
 * Backup and restore (issue 7 §7): a backup of the database and the
 * evidence folder, restored into a fresh database and a fresh data folder,
 * holds every application and every evidence file (byte for byte), every
 * row of every table, and the restored database still guards its audit log.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { reveal } from "@/lib/crypto/keys";
import { writeAudit } from "@/lib/db/audit.repo";
import { createPrismaClient, db } from "@/lib/db/client";
import { createBackup, findPgTools, restoreBackup, sensitiveFieldsReadable } from "@/lib/security/backup";
import { createTestDatabase } from "../support/test-db";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aid-backup-"));
const sourceData = path.join(tmp, "source");
const targetData = path.join(tmp, "target");
const backupDir = path.join(tmp, "backup");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const applicationIds: string[] = [];
const evidence: { id: string; storageKey: string; sha256: string }[] = [];

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const s = await makeSchool(county.id);
  const { term } = await makeCurrentTerm();
  const teacher = (await makeStaff("TEACHER", { schoolId: s.school.id })).user;
  for (let i = 0; i < 3; i++) {
    const st = await makeStudent(s, { name: `备份学生${i}` });
    const app = await db().application.create({
      data: {
        termId: term.id,
        personId: st.person.id,
        studentId: st.student.id,
        schoolId: s.school.id,
        classId: s.klass.id,
        state: i === 0 ? "draft" : "submitted",
        version: i,
        ...(i === 0 ? {} : { submittedAt: new Date(), commitmentSignedAt: new Date() }),
      },
    });
    applicationIds.push(app.id);
    for (let j = 0; j < 2; j++) {
      const bytes = Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        Buffer.from(`evidence ${i}-${j} ${"x".repeat(1000 * (j + 1))}`),
      ]);
      const storageKey = `${app.id.slice(0, 2)}/${app.id}-${j}.jpg`;
      fs.mkdirSync(path.join(sourceData, "evidence", path.dirname(storageKey)), { recursive: true });
      fs.writeFileSync(path.join(sourceData, "evidence", storageKey), bytes);
      const row = await db().evidenceFile.create({
        data: {
          applicationId: app.id,
          purpose: "household",
          originalName: `证明${j}.jpg`,
          mimeType: "image/jpeg",
          sizeBytes: bytes.length,
          sha256: sha(bytes),
          storageKey,
          uploadedById: teacher.id,
        },
      });
      evidence.push({ id: row.id, storageKey, sha256: row.sha256 });
    }
  }
  await writeAudit({ action: "test.before_backup", schoolId: s.school.id });
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("backup then restore into a fresh database", () => {
  let targetUrl: string;

  it("backs up the database and the evidence folder", async () => {
    const m = await createBackup({
      databaseUrl: process.env.DATABASE_URL!,
      dataDir: sourceData,
      outDir: backupDir,
    });
    expect(m.tables.Application).toBe(3);
    expect(m.tables.EvidenceFile).toBe(6);
    expect(m.evidence).toHaveLength(6);
    expect(m.schemaVersion).toBeGreaterThanOrEqual(50);
    expect(fs.existsSync(path.join(backupDir, "manifest.json"))).toBe(true);
  });

  it("restores every application and every evidence file", async () => {
    targetUrl = await createTestDatabase(inject("pgBaseUrl"), { empty: true });
    const r = await restoreBackup({ backupDir, databaseUrl: targetUrl, dataDir: targetData });
    expect(r.evidenceFiles).toBe(6);

    const restored = createPrismaClient(targetUrl);
    try {
      const apps = await restored.application.findMany({
        select: { id: true, state: true, version: true },
        orderBy: { id: "asc" },
      });
      const source = await db().application.findMany({
        select: { id: true, state: true, version: true },
        orderBy: { id: "asc" },
      });
      expect(apps).toEqual(source);
      expect(apps.map((a) => a.id)).toEqual(expect.arrayContaining(applicationIds));
      for (const e of evidence) {
        const row = await restored.evidenceFile.findUniqueOrThrow({ where: { id: e.id } });
        const bytes = fs.readFileSync(path.join(targetData, "evidence", row.storageKey));
        expect(sha(bytes), row.storageKey).toBe(e.sha256);
      }
      // Every table has the same rows, encrypted fields still decrypt with the same keys.
      for (const [table, n] of Object.entries(r.tables)) {
        const src = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
        expect(n, table).toBe(Number(src[0]!.n));
      }
      const person = await restored.person.findFirstOrThrow({ where: { name: "备份学生1" } });
      expect(reveal(person.idNumberCipher)).toMatch(/^\d{17}[\dX]$/);
      expect(await sensitiveFieldsReadable(targetUrl)).toBe(true);

      // The restored database keeps working: new audit ids continue, the log stays append-only.
      const before = await restored.auditLog.findFirstOrThrow({ where: { action: "test.before_backup" } });
      const after = await restored.auditLog.create({ data: { action: "test.after_restore" } });
      expect(after.id > before.id).toBe(true);
      await expect(
        restored.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE action = 'test.before_backup'`),
      ).rejects.toThrow(/append-only/);
    } finally {
      await restored.$disconnect();
    }
  });

  it("refuses to restore over a database that already has data", async () => {
    await expect(
      restoreBackup({ backupDir, databaseUrl: process.env.DATABASE_URL!, dataDir: path.join(tmp, "other") }),
    ).rejects.toThrow(/not empty/);
  });

  it("refuses a backup whose evidence copy was damaged", async () => {
    const damaged = path.join(tmp, "damaged");
    fs.cpSync(backupDir, damaged, { recursive: true });
    const file = path.join(damaged, "evidence", evidence[0]!.storageKey);
    fs.writeFileSync(file, "tampered");
    const url = await createTestDatabase(inject("pgBaseUrl"), { empty: true });
    await expect(
      restoreBackup({ backupDir: damaged, databaseUrl: url, dataDir: path.join(tmp, "t2") }),
    ).rejects.toThrow(/missing or damaged/);
  });
});

describe("choosing pg_dump", () => {
  function fakePgDump(version: string): string {
    const dir = fs.mkdtempSync(path.join(tmp, "bin-"));
    fs.writeFileSync(path.join(dir, "pg_dump"), `#!/bin/sh\necho "pg_dump (PostgreSQL) ${version}"\n`, {
      mode: 0o755,
    });
    return dir;
  }
  const saved = process.env.PG_BIN_DIR;
  afterAll(() => {
    process.env.PG_BIN_DIR = saved;
  });

  it("uses pg_dump only when it is at least as new as the server (older ones refuse newer servers)", () => {
    process.env.PG_BIN_DIR = fakePgDump("15.18 (Debian 15.18-0+deb12u1)");
    expect(findPgTools(18)).toBeNull();
    expect(findPgTools(15)).toMatchObject({ pgDump: path.join(process.env.PG_BIN_DIR, "pg_dump") });
    process.env.PG_BIN_DIR = fakePgDump("18.1");
    expect(findPgTools(18)).not.toBeNull();
    process.env.PG_BIN_DIR = path.join(tmp, "no-such-dir");
    expect(findPgTools(18)).toBeNull();
  });

  it("says so when pg_dump format is demanded but no suitable pg_dump exists", async () => {
    process.env.PG_BIN_DIR = path.join(tmp, "no-such-dir");
    await expect(
      createBackup({
        databaseUrl: process.env.DATABASE_URL!,
        dataDir: sourceData,
        outDir: path.join(tmp, "b2"),
        format: "pg_dump",
      }),
    ).rejects.toThrow(/no pg_dump/);
  });
});
