/**
 * Backup and restore of the database and the evidence files (issue 7 §7).
 *
 * A backup is a folder:
 *   manifest.json   what is inside: format, schema version, row counts, evidence files with SHA-256
 *   database.dump   pg_dump custom format (-Fc), when a pg_dump at least as new as the server is found
 *   data/*.jsonl    otherwise: one JSON row per line per table, read in ONE repeatable-read snapshot
 *   evidence/       a copy of `${AID_DATA_DIR}/evidence`
 *
 * The embedded PostgreSQL package ships no pg_dump, and distributions often
 * ship an older one (pg_dump refuses newer servers), hence the built-in
 * "jsonl" format that needs nothing but a connection. Restoring either
 * format goes into an EMPTY database: the schema is created by the
 * migrations up to the backup's version, the rows are loaded, sequences are
 * reset, later migrations are applied, and every evidence file is checked
 * against its SHA-256.
 *
 * Encryption keys are NOT in the backup (the encrypted columns are): keep
 * FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY (or .data/secrets.json) safely
 * and separately, or the restored sensitive fields cannot be read.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { reveal } from "@/lib/crypto/keys";
import { migrate } from "@/lib/db/migrate";

export type BackupFormat = "pg_dump" | "jsonl";

export type BackupManifest = {
  app: "student-aid";
  formatVersion: 1;
  createdAt: string;
  format: BackupFormat;
  schemaVersion: number;
  tables: Record<string, number>;
  evidence: { path: string; size: number; sha256: string }[];
};

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

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
  const r = await c.query<{ v: string }>(`SHOW server_version_num`);
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

/** Writes a backup folder (which must not exist yet, or be empty) and returns its manifest. */
export async function createBackup(opts: BackupOptions): Promise<BackupManifest> {
  const out = path.resolve(opts.outDir);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0)
    throw new Error(`backup folder ${out} is not empty`);
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
        execFileSync(
          tools.pgDump,
          [
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            `--file=${path.join(out, "database.dump")}`,
            opts.databaseUrl,
          ],
          { stdio: ["ignore", "ignore", "pipe"] },
        );
      } else {
        fs.mkdirSync(path.join(out, "data"));
        for (const t of tables) {
          const fd = fs.openSync(path.join(out, "data", `${t}.jsonl`), "w", 0o600);
          try {
            await c.query(
              `DECLARE dump_cursor NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS j FROM ${q(t)} x`,
            );
            for (;;) {
              const batch = await c.query<{ j: string }>("FETCH 2000 FROM dump_cursor");
              if (batch.rows.length === 0) break;
              fs.writeSync(fd, batch.rows.map((r) => r.j).join("\n") + "\n");
            }
            await c.query("CLOSE dump_cursor");
          } finally {
            fs.closeSync(fd);
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
    const dst = path.join(out, "evidence", rel);
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.copyFileSync(src, dst);
    return { path: rel.split(path.sep).join("/"), size: fs.statSync(src).size, sha256: sha256File(src) };
  });

  const full: BackupManifest = {
    app: "student-aid",
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    format: manifest.format,
    schemaVersion: manifest.version,
    tables: manifest.tables,
    evidence,
  };
  fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify(full, null, 2), { mode: 0o600 });
  return full;
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, "manifest.json");
  if (!fs.existsSync(file)) throw new Error(`${dir} is not a backup folder (no manifest.json)`);
  const m = JSON.parse(fs.readFileSync(file, "utf8")) as BackupManifest;
  if (m.app !== "student-aid" || m.formatVersion !== 1)
    throw new Error(`${file} is not a student-aid backup manifest`);
  return m;
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

export type RestoreOptions = { backupDir: string; databaseUrl: string; dataDir: string };

/**
 * Restores a backup into an EMPTY database (no application tables) and the
 * evidence files into `${dataDir}/evidence` (which must not hold other
 * files). Verifies row counts and every file's SHA-256.
 */
export async function restoreBackup(
  opts: RestoreOptions,
): Promise<{ tables: Record<string, number>; evidenceFiles: number; migrationsApplied: number }> {
  const dir = path.resolve(opts.backupDir);
  const m = readManifest(dir);

  // Check the evidence copy before touching anything.
  for (const f of m.evidence) {
    const file = path.join(dir, "evidence", ...f.path.split("/"));
    if (!fs.existsSync(file) || sha256File(file) !== f.sha256)
      throw new Error(`evidence file ${f.path} in the backup is missing or damaged`);
  }
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

  if (m.format === "pg_dump") {
    const tools = await withClient(opts.databaseUrl, async (c) => findPgTools(await serverMajor(c)));
    if (!tools)
      throw new Error("this backup needs pg_restore at least as new as the server (set PG_BIN_DIR)");
    execFileSync(
      tools.pgRestore,
      [
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        `--dbname=${opts.databaseUrl}`,
        path.join(dir, "database.dump"),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
  } else {
    // Schema exactly as it was when the backup was taken…
    await migrate(opts.databaseUrl, m.schemaVersion);
    await withClient(opts.databaseUrl, async (c) => {
      await c.query("BEGIN");
      try {
        // As superuser, skip triggers and FK checks while loading (rows were consistent in the snapshot).
        await c.query("SAVEPOINT replica");
        try {
          await c.query("SET LOCAL session_replication_role = replica");
        } catch {
          await c.query("ROLLBACK TO SAVEPOINT replica");
        }
        const order = await loadOrder(c, Object.keys(m.tables));
        for (const t of order) {
          const file = path.join(dir, "data", `${t}.jsonl`);
          if (!fs.existsSync(file)) throw new Error(`table ${t} is missing from the backup`);
          const lines = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
          for (let i = 0; i < lines.length; i += 1000) {
            const batch = `[${lines.slice(i, i + 1000).join(",")}]`;
            await c.query(
              `INSERT INTO ${q(t)} SELECT * FROM json_populate_recordset(NULL::${q(t)}, $1::json)`,
              [batch],
            );
          }
        }
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
  // …then brought up to date.
  const applied = await migrate(opts.databaseUrl);

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

  for (const f of m.evidence) {
    const dst = path.join(target, ...f.path.split("/"));
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.copyFileSync(path.join(dir, "evidence", ...f.path.split("/")), dst);
    if (sha256File(dst) !== f.sha256) throw new Error(`evidence file ${f.path} did not restore intact`);
  }
  return { tables, evidenceFiles: m.evidence.length, migrationsApplied: applied.length };
}

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
