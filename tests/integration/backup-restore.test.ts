/**
 * Backup and restore (lib/security/backup.ts): a backup of the database and the
 * evidence folder, restored into a fresh database and a fresh data folder,
 * holds every application and every evidence file (byte for byte), every
 * row of every table, and the restored database still guards its audit log
 * (hash chain intact, app role insert-only). The backup on disk is encrypted
 * (no name, ID number or evidence content in clear) and a tampered one is
 * refused.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditAction } from "@/lib/domain/audit-actions";
import { decryptFileToBuffer, readBackupHeader } from "@/lib/crypto/backup-crypto";
import { fieldKeys, reveal } from "@/lib/crypto/keys";
import { writeAudit } from "@/lib/db/audit.repo";
import { createPrismaClient, db } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/security/audit-chain";
import {
  createBackup,
  findPgTools,
  RESTORE_INTERRUPTED_IMPORT,
  RESTORE_INTERRUPTED_TASK,
  restoreBackup,
  sensitiveFieldsReadable,
} from "@/lib/security/backup";
import { currentCipherSuite, type CipherSuiteName } from "@/lib/crypto/cipher-suite";
import { storedFileKeys } from "@/lib/db/stored-file-keys.repo";
import { EncryptedStorage, type FileKeyStore } from "@/lib/storage/encrypted";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { ownerDb } from "../support/owner-db";
import { asAppRole, createTestDatabase } from "../support/test-db";
import { TEST_PG } from "../support/test-env";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aid-backup-"));
const sourceData = path.join(tmp, "source");
const targetData = path.join(tmp, "target");
const backupDir = path.join(tmp, "backup");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const applicationIds: string[] = [];
const clearIdNumbers: string[] = [];
const evidence: { id: string; storageKey: string; sha256: string }[] = [];
/** A file stored as the app stores it today: encrypted at rest, its data key wrapped in StoredFileKey. */
const ENCRYPTED_PHOTO = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from("残疾证 ".repeat(3000)),
]);
let encryptedKey = "";
/** Jobs in the backed-up database: two still running when the backup was taken, one finished. */
const jobs = { runningImport: "", doneImport: "", runningTask: "", runningExport: "" };

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const s = await makeSchool(county.id);
  const { term } = await makeCurrentTerm();
  const teacher = (await makeStaff("TEACHER", { schoolId: s.school.id })).user;
  for (let i = 0; i < 3; i++) {
    const st = await makeStudent(s, { name: `备份学生${i}` });
    clearIdNumbers.push(reveal(st.person.idNumberCipher));
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
  const store = new EncryptedStorage(
    new LocalDiskStorage(path.join(sourceData, "evidence")),
    storedFileKeys,
    fieldKeys,
    () => currentCipherSuite(),
  );
  encryptedKey = await store.put(ENCRYPTED_PHOTO);
  await db().evidenceFile.create({
    data: {
      applicationId: applicationIds[1]!,
      purpose: "disability",
      originalName: "残疾证.jpg",
      mimeType: "image/jpeg",
      sizeBytes: ENCRYPTED_PHOTO.length,
      sha256: sha(ENCRYPTED_PHOTO),
      storageKey: encryptedKey,
      uploadedById: teacher.id,
    },
  });
  const job = { schoolId: s.school.id, kind: "ROSTER", mode: "GOOD_ROWS", createdById: teacher.id } as const;
  jobs.runningImport = (await db().importJob.create({ data: { ...job, fileName: "进行中.xlsx" } })).id;
  jobs.doneImport = (
    await db().importJob.create({
      data: { ...job, fileName: "已完成.xlsx", state: "DONE", committed: true, message: "导入完成" },
    })
  ).id;
  jobs.runningTask = (
    await db().backgroundTask.create({
      data: { kind: "RECOMPUTE", schoolId: s.school.id, createdById: teacher.id },
    })
  ).id;
  jobs.runningExport = (
    await db().exportTask.create({
      data: {
        kind: "DETERMINATION",
        schoolId: s.school.id,
        termId: term.id,
        fileName: "家庭经济信息.xlsx",
        createdById: teacher.id,
      },
    })
  ).id;
  await writeAudit({ action: "test.before_backup" as AuditAction, schoolId: s.school.id });
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("backup then restore into a fresh database", () => {
  let targetUrl: string;

  it("backs up the database and the evidence folder", async () => {
    const m = await createBackup({
      databaseUrl: process.env.OWNER_DATABASE_URL!,
      dataDir: sourceData,
      outDir: backupDir,
    });
    expect(m.tables.Application).toBe(3);
    expect(m.tables.EvidenceFile).toBe(7);
    expect(m.evidence).toHaveLength(7);
    expect(m.schemaVersion).toBeGreaterThanOrEqual(50);
    expect(fs.existsSync(path.join(backupDir, "manifest.json.enc"))).toBe(true);
    expect(m.encryption).toMatchObject({ algorithm: "AES-256-GCM", keyVersion: 1 });
  });

  it("holds no name, ID number or evidence content in clear: every file is encrypted, with a key-version header", () => {
    const files = (function walk(d: string): string[] {
      return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(d, e.name);
        return e.isDirectory() ? walk(full) : [full];
      });
    })(backupDir);
    expect(files.length).toBeGreaterThanOrEqual(6 + 2);
    const needles = [
      ...["备份学生0", "备份学生1", "备份学生2"].map((x) => Buffer.from(x, "utf8")),
      ...clearIdNumbers.map((x) => Buffer.from(x, "utf8")),
      Buffer.from("evidence 0-0", "utf8"),
      Buffer.from("test.before_backup", "utf8"),
    ];
    expect(clearIdNumbers).toHaveLength(3);
    for (const f of files) {
      expect(f.endsWith(".enc"), f).toBe(true);
      const bytes = fs.readFileSync(f);
      expect(bytes.subarray(0, 10).toString(), f).toBe("AIDBACKUP ");
      expect(bytes.toString("utf8").split("\n")[0], f).toMatch(/"keyVersion":1/);
      for (const n of needles) expect(bytes.includes(n), `${f} contains ${n.toString()}`).toBe(false);
    }
    expect(fs.statSync(backupDir).mode & 0o077).toBe(0);
  });

  it("restores every application and every evidence file", async () => {
    targetUrl = await createTestDatabase(inject("pgBaseUrl"), { empty: true });
    const r = await restoreBackup({
      backupDir,
      databaseUrl: targetUrl,
      dataDir: targetData,
      appRole: TEST_PG.appRole,
    });
    expect(r.evidenceFiles).toBe(7);

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
      // A file encrypted at rest decrypts, from the restored folder with the restored key table, to the same bytes.
      const restoredKeys: FileKeyStore = {
        save: async () => {
          throw new Error("read only");
        },
        remove: async () => undefined,
        load: async (objectKey) => {
          const row = await restored.storedFileKey.findUnique({ where: { objectKey } });
          return row ? { ...row, suite: row.suite as CipherSuiteName } : null;
        },
      };
      const restoredStore = new EncryptedStorage(
        new LocalDiskStorage(path.join(targetData, "evidence")),
        restoredKeys,
        fieldKeys,
        () => currentCipherSuite(),
      );
      expect(sha(Buffer.from((await restoredStore.get(encryptedKey))!))).toBe(sha(ENCRYPTED_PHOTO));
      // Every table has the same rows, encrypted fields still decrypt with the same keys.
      for (const [table, n] of Object.entries(r.tables)) {
        const src = await ownerDb().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
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
      // The hash chain came across intact and continues; the app role got its (insert-only) rights back.
      const asApp = createPrismaClient(asAppRole(targetUrl));
      try {
        await asApp.auditLog.create({ data: { action: "test.after_restore_app" } });
        await expect(
          asApp.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE action = 'test.before_backup'`),
        ).rejects.toThrow(/permission denied/);
      } finally {
        await asApp.$disconnect();
      }
      const chain = await verifyAuditChain(targetUrl);
      expect(chain.problem).toBeNull();
      expect(after.chainSeq).toBe(before.chainSeq + 1n);

      // The job queue is not in the backup: jobs running at backup time end with a reason, finished ones stay.
      expect(r.interruptedJobs).toBe(3);
      const exportTask = await restored.exportTask.findUniqueOrThrow({ where: { id: jobs.runningExport } });
      expect(exportTask).toMatchObject({ state: "FAILED", message: RESTORE_INTERRUPTED_TASK });
      const runningImport = await restored.importJob.findUniqueOrThrow({ where: { id: jobs.runningImport } });
      expect(runningImport).toMatchObject({
        state: "FAILED",
        progress: 100,
        message: RESTORE_INTERRUPTED_IMPORT,
      });
      expect(runningImport.finishedAt).not.toBeNull();
      const doneImport = await restored.importJob.findUniqueOrThrow({ where: { id: jobs.doneImport } });
      expect(doneImport).toMatchObject({ state: "DONE", message: "导入完成" });
      const task = await restored.backgroundTask.findUniqueOrThrow({ where: { id: jobs.runningTask } });
      expect(task).toMatchObject({ state: "FAILED", message: RESTORE_INTERRUPTED_TASK });
      expect(await db().importJob.count({ where: { id: jobs.runningImport, state: "RUNNING" } })).toBe(1);
    } finally {
      await restored.$disconnect();
    }
  });

  it("refuses to restore over a database that already has data", async () => {
    await expect(
      restoreBackup({
        backupDir,
        databaseUrl: process.env.OWNER_DATABASE_URL!,
        dataDir: path.join(tmp, "other"),
      }),
    ).rejects.toThrow(/not empty/);
  });

  it("refuses a backup whose evidence copy was damaged", async () => {
    const damaged = path.join(tmp, "damaged");
    fs.cpSync(backupDir, damaged, { recursive: true });
    const file = path.join(damaged, "evidence", `${evidence[0]!.storageKey}.enc`);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 40]! ^= 1;
    fs.writeFileSync(file, bytes);
    const url = await createTestDatabase(inject("pgBaseUrl"), { empty: true });
    await expect(
      restoreBackup({ backupDir: damaged, databaseUrl: url, dataDir: path.join(tmp, "t2") }),
    ).rejects.toThrow(/missing or damaged/);
  });
});

describe("a tampered backup is refused", () => {
  const copy = (name: string) => {
    const d = path.join(tmp, name);
    fs.cpSync(backupDir, d, { recursive: true });
    return d;
  };
  const restoreInto = async (dir: string, name: string) =>
    restoreBackup({
      backupDir: dir,
      databaseUrl: await createTestDatabase(inject("pgBaseUrl"), { empty: true }),
      dataDir: path.join(tmp, name),
    });

  it("when one byte of a table was changed, and nothing is restored", async () => {
    const d = copy("flipped");
    const file = path.join(d, "data", "Person.jsonl.enc");
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100]! ^= 0x20;
    fs.writeFileSync(file, bytes);
    const url = await createTestDatabase(inject("pgBaseUrl"), { empty: true });
    await expect(
      restoreBackup({ backupDir: d, databaseUrl: url, dataDir: path.join(tmp, "t3") }),
    ).rejects.toThrow(/data\/Person\.jsonl in the backup failed its integrity check/);
    const c = createPrismaClient(url);
    try {
      const n = await c.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'Person'`,
      );
      // The schema may exist (migrated first), but no row of any table was loaded.
      if (Number(n[0]!.n) > 0) expect(await c.person.count()).toBe(0);
    } finally {
      await c.$disconnect();
    }
  });

  it("when a file was swapped for another one of the backup", async () => {
    const d = copy("swapped");
    fs.copyFileSync(path.join(d, "data", "School.jsonl.enc"), path.join(d, "data", "Person.jsonl.enc"));
    await expect(restoreInto(d, "t4")).rejects.toThrow(/not the file it claims to be/);
  });

  it("when the manifest was altered", async () => {
    const d = copy("manifest");
    const file = path.join(d, "manifest.json.enc");
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1]! ^= 1;
    fs.writeFileSync(file, bytes);
    await expect(restoreInto(d, "t5")).rejects.toThrow(
      /manifest\.json in the backup failed its integrity check/,
    );
  });

  it("when the header's key version was changed, or the keys are not the installation's", async () => {
    const d = copy("header");
    const file = path.join(d, "manifest.json.enc");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "latin1").replace('"keyVersion":1', '"keyVersion":2'),
      "latin1",
    );
    await expect(restoreInto(d, "t6")).rejects.toThrow(/field key version 2/);
    const saved = process.env.FIELD_ENCRYPTION_KEYS;
    process.env.FIELD_ENCRYPTION_KEYS = `1:${Buffer.alloc(32, 3).toString("base64")}`;
    try {
      await expect(restoreInto(backupDir, "t7")).rejects.toThrow(/integrity check/);
    } finally {
      process.env.FIELD_ENCRYPTION_KEYS = saved;
    }
  });
});

describe("a backup of the earlier, unencrypted format", () => {
  it("can still be restored", async () => {
    // Build one from the encrypted backup: the same files in clear, manifest format 1.
    const legacy = path.join(tmp, "legacy");
    const backupId = readBackupHeader(path.join(backupDir, "manifest.json.enc")).header.backupId;
    const clear = (rel: string) =>
      decryptFileToBuffer(path.join(backupDir, `${rel}.enc`), fieldKeys(), { backupId, file: rel });
    const m = JSON.parse(clear("manifest.json").toString("utf8")) as Record<string, unknown> & {
      tables: Record<string, number>;
      evidence: { path: string }[];
    };
    delete m.encryption;
    m.formatVersion = 1;
    fs.mkdirSync(path.join(legacy, "data"), { recursive: true });
    fs.writeFileSync(path.join(legacy, "manifest.json"), JSON.stringify(m));
    for (const t of Object.keys(m.tables))
      fs.writeFileSync(path.join(legacy, "data", `${t}.jsonl`), clear(`data/${t}.jsonl`));
    for (const e of m.evidence) {
      fs.mkdirSync(path.dirname(path.join(legacy, "evidence", e.path)), { recursive: true });
      fs.writeFileSync(path.join(legacy, "evidence", e.path), clear(`evidence/${e.path}`));
    }
    const url = await createTestDatabase(inject("pgBaseUrl"), { empty: true });
    const r = await restoreBackup({ backupDir: legacy, databaseUrl: url, dataDir: path.join(tmp, "t8") });
    expect(r.tables.Application).toBe(3);
    expect(r.evidenceFiles).toBe(7);
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

  it("encrypts pg_dump's output as it streams, and hands pg_restore the decrypted dump only for the restore", async () => {
    // Stand-ins for pg_dump/pg_restore 18 (the machine's are older than the server).
    const dir = fs.mkdtempSync(path.join(tmp, "bin-"));
    const seen = path.join(tmp, "pg_restore-saw");
    fs.writeFileSync(
      path.join(dir, "pg_dump"),
      `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 18.1"; exit 0; fi\necho "$@" > "${seen}.dump-argv"\nenv > "${seen}.dump-env"\nprintf 'PGDMP 备份学生1 %s' "$(head -c 3000 /dev/zero | tr '\\0' x)"\n`,
      { mode: 0o755 },
    );
    fs.writeFileSync(
      path.join(dir, "pg_restore"),
      `#!/bin/sh\nfor a; do last="$a"; done\ncat "$last" > "${seen}"\necho "$last" > "${seen}.path"\necho "$@" > "${seen}.restore-argv"\nenv > "${seen}.restore-env"\n`,
      { mode: 0o755 },
    );
    process.env.PG_BIN_DIR = dir;
    const out = path.join(tmp, "dump-backup");
    const m = await createBackup({
      databaseUrl: process.env.OWNER_DATABASE_URL!,
      dataDir: path.join(tmp, "no-evidence"),
      outDir: out,
      format: "pg_dump",
    });
    expect(m.format).toBe("pg_dump");
    const enc = fs.readFileSync(path.join(out, "database.dump.enc"));
    expect(enc.includes(Buffer.from("备份学生1"))).toBe(false);
    expect(enc.includes(Buffer.from("PGDMP"))).toBe(false);
    const url = await createTestDatabase(inject("pgBaseUrl"), { empty: true });
    // The stand-in restores nothing, so the row counts then disagree; what matters is what it was given.
    await expect(
      restoreBackup({ backupDir: out, databaseUrl: url, dataDir: path.join(tmp, "t9") }),
    ).rejects.toThrow(/restored table/);
    expect(fs.readFileSync(seen, "utf8")).toBe(`PGDMP 备份学生1 ${"x".repeat(3000)}`);
    expect(fs.existsSync(fs.readFileSync(`${seen}.path`, "utf8").trim())).toBe(false);

    // No password on the command line (ps shows it to every local user), no secrets of ours in the env.
    for (const [tool, dbUrl] of [
      ["dump", process.env.OWNER_DATABASE_URL!],
      ["restore", url],
    ] as const) {
      const password = decodeURIComponent(new URL(dbUrl).password);
      expect(password).not.toBe("");
      const argv = fs.readFileSync(`${seen}.${tool}-argv`, "utf8");
      expect(argv).not.toContain(password);
      expect(argv).not.toContain("postgres://");
      expect(argv).not.toContain("postgresql://");
      const env = fs.readFileSync(`${seen}.${tool}-env`, "utf8");
      expect(env).toContain(`PGPASSWORD=${password}`);
      expect(env).toContain(`PGDATABASE=${decodeURIComponent(new URL(dbUrl).pathname.slice(1))}`);
      expect(process.env.FIELD_ENCRYPTION_KEYS).toBeTruthy();
      expect(env).not.toContain("FIELD_ENCRYPTION_KEYS");
      expect(env).not.toContain(process.env.FIELD_ENCRYPTION_KEYS!);
      expect(env).not.toMatch(/DATABASE_URL/);
    }
  });

  it("says so when pg_dump format is demanded but no suitable pg_dump exists", async () => {
    process.env.PG_BIN_DIR = path.join(tmp, "no-such-dir");
    await expect(
      createBackup({
        databaseUrl: process.env.OWNER_DATABASE_URL!,
        dataDir: sourceData,
        outDir: path.join(tmp, "b2"),
        format: "pg_dump",
      }),
    ).rejects.toThrow(/no pg_dump/);
  });
});
