/**
 * Backup and restore of the database and the evidence files (SECURITY.md, docs/deployment.md).
 *
 * A backup is a folder whose every file is ENCRYPTED (AES-256-GCM, key
 * derived from the current field-encryption key: lib/crypto/backup-crypto.ts,
 * SECURITY.md "Backup encryption"), named `<file>.enc`:
 *   manifest.json    what is inside: format, schema version, row counts, key version, evidence files with SHA-256
 *   database.dump    pg_dump custom format (-Fc), when a pg_dump at least as new as the server is found
 *   data/*.jsonl     otherwise: one JSON row per line per table, read in ONE repeatable-read snapshot
 *   evidence/        a copy of `${AID_DATA_DIR}/evidence`
 * Nothing is written to disk in clear: pg_dump's output, the rows and the
 * evidence files are encrypted as they are read.
 *
 * The embedded PostgreSQL package ships no pg_dump, and distributions often
 * ship an older one (pg_dump refuses newer servers), hence the built-in
 * "jsonl" format that needs nothing but a connection. Restoring either
 * format goes into an EMPTY database: the schema is created by the
 * migrations up to the backup's version, the rows are loaded, sequences are
 * reset, later migrations are applied, and every evidence file is checked
 * against its SHA-256. A file that fails its integrity check refuses the
 * whole restore. Folders of the earlier, unencrypted format (a clear
 * manifest.json) can still be restored.
 *
 * Encryption keys are NOT in the backup: keep FIELD_ENCRYPTION_KEYS and
 * BLIND_INDEX_KEY (or .data/secrets.json) safely and separately, or neither
 * the backup nor the restored sensitive fields can be read.
 */
import "server-only";
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import {
  decryptFileTo,
  decryptFileToBuffer,
  EncryptedFileWriter,
  encryptFile,
  newBackupId,
  readBackupHeader,
} from "@/lib/crypto/backup-crypto";
import { fieldKeys, reveal } from "@/lib/crypto/keys";
import { migrateDatabase } from "@/lib/db/migrate";
import { grantAppRole, withClient } from "@/lib/db/roles";

export type BackupFormat = "pg_dump" | "jsonl";

export type BackupManifest = {
  app: "student-aid";
  /** 1: unencrypted folder (earlier releases); 2: every file encrypted. */
  formatVersion: 1 | 2;
  /** Format 2: the backup's id (HKDF salt) and the field-key version its key derives from. */
  encryption?: { algorithm: "AES-256-GCM"; kdf: "HKDF-SHA256"; keyVersion: number; backupId: string };
  createdAt: string;
  format: BackupFormat;
  schemaVersion: number;
  tables: Record<string, number>;
  evidence: { path: string; size: number; sha256: string }[];
};

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

async function userTables(c: pg.Client): Promise<string[]> {
  const r = await c.query<{ t: string }>(
    `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schemaversion' ORDER BY c.relname`,
  );
  return r.rows.map((x) => x.t);
}

async function schemaVersion(c: pg.Client): Promise<number> {
  const r = await c.query<{ v: string | null }>(`SELECT max(version)::text AS v FROM schemaversion`);
  return Number(r.rows[0]?.v ?? 0);
}

/** A pg_dump/pg_restore pair at least as new as the server, or null. PG_BIN_DIR may point at their folder. */
export function findPgTools(serverMajor: number): { pgDump: string; pgRestore: string } | null {
  const dir = process.env.PG_BIN_DIR;
  const pgDump = dir ? path.join(dir, "pg_dump") : "pg_dump";
  const pgRestore = dir ? path.join(dir, "pg_restore") : "pg_restore";
  try {
    const out = execFileSync(pgDump, ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const major = Number(/(\d+)(?:\.\d+)?/.exec(out.replace(/^[^\d]*/, ""))?.[1]);
    return Number.isFinite(major) && major >= serverMajor ? { pgDump, pgRestore } : null;
  } catch {
    return null;
  }
}

async function serverMajor(c: pg.Client): Promise<number> {
  // (`SHOW` names its column after the setting, hence current_setting.)
  const r = await c.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  return Math.floor(Number(r.rows[0]!.v) / 10_000);
}

function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return listFiles(full, base);
      return e.isFile() ? [path.relative(base, full)] : [];
    })
    .sort();
}

export type BackupOptions = {
  databaseUrl: string;
  dataDir: string;
  outDir: string;
  format?: BackupFormat | "auto";
};

const URL_PARAM_ENV: Record<string, string> = {
  host: "PGHOST",
  port: "PGPORT",
  sslmode: "PGSSLMODE",
  sslrootcert: "PGSSLROOTCERT",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  application_name: "PGAPPNAME",
};

/**
 * The environment for pg_dump/pg_restore: the connection as PG* variables (the password in PGPASSWORD,
 * never on the command line where `ps` shows it) plus PATH, HOME, locale and the operator's own PG*
 * settings — nothing else of ours (field keys, storage and SMS secrets) reaches the child.
 */
export function pgToolEnv(databaseUrl: string): { env: NodeJS.ProcessEnv; database: string } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && (["PATH", "HOME", "LANG", "LC_ALL", "TZ"].includes(k) || /^PG[A-Z]+$/.test(k)))
      env[k] = v;
  const u = new URL(databaseUrl);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, "$1");
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  else delete env.PGPASSWORD;
  if (database) env.PGDATABASE = database;
  for (const [param, name] of Object.entries(URL_PARAM_ENV)) {
    const v = u.searchParams.get(param);
    if (v) env[name] = v;
  }
  // (NodeJS.ProcessEnv is typed with NODE_ENV required; the child needs none.)
  return { env: env as NodeJS.ProcessEnv, database: env.PGDATABASE ?? "" };
}

/** pg_dump's output, encrypted as it streams (never on disk in clear). */
function dumpEncrypted(pgDump: string, databaseUrl: string, writer: EncryptedFileWriter): Promise<void> {
  return new Promise((resolve, reject) => {
    // The database comes from PGDATABASE (pgToolEnv): no connection string in argv.
    const child = spawn(pgDump, ["--format=custom", "--no-owner", "--no-privileges"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: pgToolEnv(databaseUrl).env,
    });
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => writer.write(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`pg_dump failed (${code}): ${stderr.trim().slice(0, 500)}`)),
    );
  });
}

/** Writes an encrypted backup folder (which must not exist yet, or be empty) and returns its manifest. */
export async function createBackup(opts: BackupOptions): Promise<BackupManifest> {
  const out = path.resolve(opts.outDir);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0)
    throw new Error(`backup folder ${out} is not empty`);
  const keys = fieldKeys();
  const backupId = newBackupId();
  const writer = (file: string) =>
    new EncryptedFileWriter(path.join(out, ...`${file}.enc`.split("/")), keys, backupId, file);
  fs.mkdirSync(out, { recursive: true, mode: 0o700 });

  const manifest = await withClient(opts.databaseUrl, async (c) => {
    const tools = opts.format === "jsonl" ? null : findPgTools(await serverMajor(c));
    if (opts.format === "pg_dump" && !tools)
      throw new Error("no pg_dump at least as new as the server was found (set PG_BIN_DIR)");
    // One snapshot for the counts and (jsonl) the rows.
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const tables = await userTables(c);
      const counts: Record<string, number> = {};
      for (const t of tables)
        counts[t] = Number(
          (await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${q(t)}`)).rows[0]!.n,
        );
      const version = await schemaVersion(c);
      if (tools) {
        // pg_dump takes its own consistent snapshot; counts above are informational.
        const w = writer("database.dump");
        try {
          await dumpEncrypted(tools.pgDump, opts.databaseUrl, w);
        } finally {
          w.close();
        }
      } else {
        fs.mkdirSync(path.join(out, "data"), { mode: 0o700 });
        for (const t of tables) {
          const w = writer(`data/${t}.jsonl`);
          try {
            await c.query(
              `DECLARE dump_cursor NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS j FROM ${q(t)} x`,
            );
            for (;;) {
              const batch = await c.query<{ j: string }>("FETCH 2000 FROM dump_cursor");
              if (batch.rows.length === 0) break;
              w.write(batch.rows.map((r) => r.j).join("\n") + "\n");
            }
            await c.query("CLOSE dump_cursor");
          } finally {
            w.close();
          }
        }
      }
      return { tables: counts, version, format: (tools ? "pg_dump" : "jsonl") as BackupFormat };
    } finally {
      await c.query("COMMIT");
    }
  });

  const evidenceDir = path.join(opts.dataDir, "evidence");
  const evidence = listFiles(evidenceDir).map((rel) => {
    const src = path.join(evidenceDir, rel);
    const name = rel.split(path.sep).join("/");
    fs.mkdirSync(path.dirname(path.join(out, "evidence", rel)), { recursive: true, mode: 0o700 });
    encryptFile(src, path.join(out, "evidence", `${rel}.enc`), keys, backupId, `evidence/${name}`);
    return { path: name, size: fs.statSync(src).size, sha256: sha256File(src) };
  });

  const full: BackupManifest = {
    app: "student-aid",
    formatVersion: 2,
    encryption: { algorithm: "AES-256-GCM", kdf: "HKDF-SHA256", keyVersion: keys.current, backupId },
    createdAt: new Date().toISOString(),
    format: manifest.format,
    schemaVersion: manifest.version,
    tables: manifest.tables,
    evidence,
  };
  const w = writer("manifest.json");
  w.write(JSON.stringify(full, null, 2));
  w.close();
  return full;
}

/**
 * Where a backup's files are read from: an encrypted backup is decrypted (and
 * authenticated) file by file; an unencrypted one of the earlier format is read as is.
 */
type BackupSource = {
  manifest: BackupManifest;
  /** A table's rows (jsonl text), or null when the file is missing. */
  table(t: string): string | null;
  /** Writes evidence file `rel` to `target`. */
  evidence(rel: string, target: string): void;
  /** A path to the pg_dump file (decrypted into a private temporary file), and how to clean it up. */
  dump(): { file: string; cleanup(): void };
};

function openBackup(dir: string): BackupSource {
  const clearManifest = path.join(dir, "manifest.json");
  const encManifest = path.join(dir, "manifest.json.enc");
  if (fs.existsSync(encManifest)) {
    const keys = fieldKeys();
    const { header } = readBackupHeader(encManifest);
    const backupId = header.backupId;
    const manifest = JSON.parse(
      decryptFileToBuffer(encManifest, keys, { backupId, file: "manifest.json" }).toString("utf8"),
    ) as BackupManifest;
    if (
      manifest.app !== "student-aid" ||
      manifest.formatVersion !== 2 ||
      manifest.encryption?.backupId !== backupId
    )
      throw new Error(`${encManifest} is not a student-aid backup manifest`);
    const enc = (file: string) => path.join(dir, ...`${file}.enc`.split("/"));
    const expect = (file: string) => ({ backupId, file });
    return {
      manifest,
      table(t) {
        const f = enc(`data/${t}.jsonl`);
        return fs.existsSync(f)
          ? decryptFileToBuffer(f, keys, expect(`data/${t}.jsonl`)).toString("utf8")
          : null;
      },
      evidence(rel, target) {
        const f = enc(`evidence/${rel}`);
        if (!fs.existsSync(f)) throw new Error(`evidence file ${rel} in the backup is missing or damaged`);
        decryptFileTo(f, target, keys, expect(`evidence/${rel}`));
      },
      dump() {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aid-restore-"));
        const file = path.join(tmp, "database.dump");
        const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
        try {
          decryptFileTo(enc("database.dump"), file, keys, expect("database.dump"));
        } catch (e) {
          cleanup();
          throw e;
        }
        return { file, cleanup };
      },
    };
  }
  if (!fs.existsSync(clearManifest)) throw new Error(`${dir} is not a backup folder (no manifest.json.enc)`);
  const manifest = JSON.parse(fs.readFileSync(clearManifest, "utf8")) as BackupManifest;
  if (manifest.app !== "student-aid" || manifest.formatVersion !== 1)
    throw new Error(`${clearManifest} is not a student-aid backup manifest`);
  return {
    manifest,
    table(t) {
      const f = path.join(dir, "data", `${t}.jsonl`);
      return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : null;
    },
    evidence(rel, target) {
      fs.copyFileSync(path.join(dir, "evidence", ...rel.split("/")), target);
    },
    dump: () => ({ file: path.join(dir, "database.dump"), cleanup: () => undefined }),
  };
}

/** The backup's manifest (decrypted and authenticated for an encrypted backup). */
export function readManifest(dir: string): BackupManifest {
  return openBackup(path.resolve(dir)).manifest;
}

/** Tables in an order where every foreign key points at a table loaded earlier (self-references aside). */
async function loadOrder(c: pg.Client, tables: string[]): Promise<string[]> {
  const r = await c.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pc.relname AS parent FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pc ON pc.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = 'public'
      WHERE k.contype = 'f' AND cl.relname <> pc.relname`,
  );
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of r.rows) deps.get(child)?.add(parent);
  const done: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, stack: Set<string>) => {
    if (seen.has(t) || stack.has(t)) return;
    stack.add(t);
    for (const p of deps.get(t) ?? []) visit(p, stack);
    stack.delete(t);
    seen.add(t);
    done.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return done;
}

export type RestoreOptions = {
  backupDir: string;
  /** The OWNER's connection (lib/db/roles.ts). */
  databaseUrl: string;
  dataDir: string;
  /** The app role to grant its rights to once the schema is restored (lib/db/roles.ts). */
  appRole?: string | null;
};

/**
 * Restores a backup into an EMPTY database (no application tables) and the
 * evidence files into `${dataDir}/evidence` (which must not hold other
 * files). Decrypts and authenticates every file (an altered file refuses the
 * restore), verifies row counts and every evidence file's SHA-256.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<{
  tables: Record<string, number>;
  evidenceFiles: number;
  migrationsApplied: number;
  interruptedJobs: number;
}> {
  const dir = path.resolve(opts.backupDir);
  const source = openBackup(dir);
  const m = source.manifest;

  await withClient(opts.databaseUrl, async (c) => {
    const existing = await userTables(c);
    if (existing.length > 0)
      throw new Error("the target database is not empty: restore into a new, empty database");
  });
  const target = path.join(opts.dataDir, "evidence");
  const clashes = listFiles(target).filter(
    (rel) => !m.evidence.some((f) => f.path === rel.split(path.sep).join("/")),
  );
  if (clashes.length)
    throw new Error(
      `${target} already holds other files (${clashes.length}); restore into an empty data folder`,
    );

  // Decrypt and check the evidence copy into a private staging folder before touching anything.
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(opts.dataDir, ".restore-evidence-"));
  try {
    for (const f of m.evidence) {
      const staged = path.join(staging, ...f.path.split("/"));
      fs.mkdirSync(path.dirname(staged), { recursive: true, mode: 0o700 });
      try {
        source.evidence(f.path, staged);
      } catch (e) {
        throw new Error(`evidence file ${f.path} in the backup is missing or damaged`, { cause: e });
      }
      if (sha256File(staged) !== f.sha256)
        throw new Error(`evidence file ${f.path} in the backup is missing or damaged`);
    }

    if (m.format === "pg_dump") {
      const tools = await withClient(opts.databaseUrl, async (c) => findPgTools(await serverMajor(c)));
      if (!tools)
        throw new Error("this backup needs pg_restore at least as new as the server (set PG_BIN_DIR)");
      const dump = source.dump();
      const pg = pgToolEnv(opts.databaseUrl);
      try {
        execFileSync(
          tools.pgRestore,
          [
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            // A bare name (the password is in PGPASSWORD); pg_restore without --dbname would print SQL instead.
            `--dbname=${pg.database}`,
            dump.file,
          ],
          { stdio: ["ignore", "ignore", "pipe"], env: pg.env },
        );
      } finally {
        dump.cleanup();
      }
    } else {
      // Schema exactly as it was when the backup was taken…
      await migrateDatabase(opts.databaseUrl, m.schemaVersion);
      // Decrypt (and authenticate) every table before loading any.
      const order = await withClient(opts.databaseUrl, (c) => loadOrder(c, Object.keys(m.tables)));
      const rows = new Map<string, string[]>();
      for (const t of order) {
        const text = source.table(t);
        if (text === null) throw new Error(`table ${t} is missing from the backup`);
        rows.set(t, text.split("\n").filter(Boolean));
      }
      await withClient(opts.databaseUrl, async (c) => {
        await c.query("BEGIN");
        try {
          // Skip triggers (the audit chain's must not re-chain restored entries) and, as superuser, FK
          // checks while loading: the rows were consistent in the snapshot. A non-superuser owner
          // disables the tables' own triggers instead.
          let replica = true;
          await c.query("SAVEPOINT replica");
          try {
            await c.query("SET LOCAL session_replication_role = replica");
          } catch {
            await c.query("ROLLBACK TO SAVEPOINT replica");
            replica = false;
          }
          if (!replica) for (const t of order) await c.query(`ALTER TABLE ${q(t)} DISABLE TRIGGER USER`);
          // Rows the migrations themselves wrote (e.g. the audit chain's head, migration 140) are replaced
          // by the backup's: the database held no tables before.
          for (const t of [...order].reverse()) await c.query(`DELETE FROM ${q(t)}`);
          for (const t of order) {
            const lines = rows.get(t)!;
            for (let i = 0; i < lines.length; i += 1000) {
              const batch = `[${lines.slice(i, i + 1000).join(",")}]`;
              await c.query(
                `INSERT INTO ${q(t)} SELECT * FROM json_populate_recordset(NULL::${q(t)}, $1::json)`,
                [batch],
              );
            }
          }
          if (!replica) for (const t of order) await c.query(`ALTER TABLE ${q(t)} ENABLE TRIGGER USER`);
          // Sequences continue after the restored ids.
          const seqs = await c.query<{ t: string; col: string }>(
            `SELECT table_name AS t, column_name AS col FROM information_schema.columns
              WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
          );
          for (const s of seqs.rows) {
            await c.query(
              `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${q(s.col)}) FROM ${q(s.t)}), 1), (SELECT count(*) > 0 FROM ${q(s.t)}))`,
              [q(s.t), s.col],
            );
          }
          await c.query("COMMIT");
        } catch (e) {
          await c.query("ROLLBACK");
          throw e;
        }
      });
    }
    // …then brought up to date, and the app role given its rights.
    const applied = await migrateDatabase(opts.databaseUrl);
    if (opts.appRole) await grantAppRole(opts.databaseUrl, opts.appRole);

    const tables = await withClient(opts.databaseUrl, async (c) => {
      const counts: Record<string, number> = {};
      for (const t of Object.keys(m.tables))
        counts[t] = Number(
          (await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${q(t)}`)).rows[0]!.n,
        );
      return counts;
    });
    for (const [t, n] of Object.entries(m.tables)) {
      if (tables[t] !== n) throw new Error(`restored table ${t} has ${tables[t]} rows, the backup ${n}`);
    }

    // The job queue (schema pgboss) is not in a backup: jobs still running when it was taken have no
    // queue entry to run them now. End them with a Chinese reason instead of a progress bar that never moves.
    const interruptedJobs = await withClient(opts.databaseUrl, async (c) => {
      const imports = await c.query(
        `UPDATE "ImportJob" SET "state" = 'FAILED', "progress" = 100, "finishedAt" = now(), "message" = $1
         WHERE "state" = 'RUNNING'`,
        [RESTORE_INTERRUPTED_IMPORT],
      );
      const tasks = await c.query(
        `UPDATE "BackgroundTask" SET "state" = 'FAILED', "finishedAt" = now(), "updatedAt" = now(), "message" = $1
         WHERE "state" = 'RUNNING'`,
        [RESTORE_INTERRUPTED_TASK],
      );
      const exports = await c.query(
        `UPDATE "ExportTask" SET "state" = 'FAILED', "finishedAt" = now(), "updatedAt" = now(), "message" = $1
         WHERE "state" = 'RUNNING'`,
        [RESTORE_INTERRUPTED_TASK],
      );
      return (imports.rowCount ?? 0) + (tasks.rowCount ?? 0) + (exports.rowCount ?? 0);
    });

    for (const f of m.evidence) {
      const dst = path.join(target, ...f.path.split("/"));
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      fs.renameSync(path.join(staging, ...f.path.split("/")), dst);
      if (sha256File(dst) !== f.sha256) throw new Error(`evidence file ${f.path} did not restore intact`);
    }
    return {
      tables,
      evidenceFiles: m.evidence.length,
      migrationsApplied: applied.length,
      interruptedJobs,
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

export const RESTORE_INTERRUPTED_IMPORT =
  "导入已中断：系统从备份恢复时该导入尚未完成。按批导入时备份前已完成的批次已保存，“全部不导入”方式则没有导入任何数据；请重新导入该文件（已导入的学生会显示为无变化）。";
export const RESTORE_INTERRUPTED_TASK = "任务已中断：系统从备份恢复时该任务尚未完成，请重新开始。";

/** Whether the configured keys decrypt a sample of the restored ID numbers (true when there are none). */
export async function sensitiveFieldsReadable(databaseUrl: string): Promise<boolean> {
  const rows = await withClient(databaseUrl, (c) =>
    c.query<{ v: string }>(`SELECT "idNumberCipher" AS v FROM "Person" LIMIT 5`),
  );
  try {
    for (const r of rows.rows) reveal(r.v);
    return true;
  } catch {
    return false;
  }
}
