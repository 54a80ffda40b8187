/**
 * Roster import of N (default 100,000) students from .xlsx through the real
 * import code (lib/services/student-roster-import.ts importRoster, GOOD_ROWS mode
 * "只导入正确的行", as the school's SCHOOL_ADMIN) against the baseline: a bare
 * exceljs streaming read (lib/xlsx readSheetRows) of the same file + one bulk INSERT … ON CONFLICT per
 * 2,000 rows (Person, Student, Guardian) with no validation and no
 * encryption. Then the re-import of the same file (every row unchanged).
 * Every measurement runs in its own child process, so its peak RSS (VmHWM)
 * is the import's alone; the students are deleted between runs.
 *
 *   npm run bench:import [-- rows runs]
 *   npm run bench:import -- 100000 3 job   (only the import as a job, with its default heap bound)
 */
import { spawnSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { runImportJob } from "@/lib/services/import-job-runner";
import { IMPORT_RUNNERS } from "@/lib/services/import-runners";
import { importJobNodeArgs } from "@/lib/services/import-job-isolated";
import { importJobData, queueImport } from "@/lib/services/import-queue";
import { importRoster } from "@/lib/services/student-roster-import";
import { lastReaderPeak } from "@/lib/xlsx/isolated-read";
import { readSheetRows } from "@/lib/xlsx";
import { BENCH_DIR, freshDatabase } from "./support/database";
import { writeRosterBenchFile } from "./support/roster-file";
import { populateSchool } from "./support/populate";
import { fmtMs, machine, median, peakRssMb, printTable } from "./support/stats";

const DB_NAME = "bench_import";
const FILE = path.join(BENCH_DIR, "roster-import.xlsx");

type ChildResult = { ms: number; rssMb: number; detail: string };

async function child(kind: string): Promise<void> {
  // The parent's server and DATABASE_URL / secrets (inherited environment).
  const t = process.hrtime.bigint();
  let detail = "";
  if (kind === "real") {
    const admin = await db().user.findFirstOrThrow({
      where: { role: "SCHOOL_ADMIN", username: "bench_admin" },
    });
    const user: SessionUser = {
      id: admin.id,
      role: "SCHOOL_ADMIN",
      displayName: admin.displayName,
      schoolId: admin.schoolId,
      regionId: null,
      personId: null,
      regionPath: null,
      mustChangePassword: false,
    };
    const r = await importRoster(user, {
      filePath: FILE,
      fileName: "roster.xlsx",
      mode: "GOOD_ROWS",
      maxBytes: 200 * 1024 * 1024,
    });
    if (!r.ok) throw new Error(r.message);
    detail = r.data.message ?? "";
  } else if (kind === "job") {
    // What a worker's import child runs (lib/services/import-job-child.ts), in a process started with the same
    // --max-old-space-size (IMPORT_JOB_HEAP_MB, default 160): the upload put into the encrypted file
    // store, the ImportJob row, then the job runner fetching it back and importing.
    const admin = await db().user.findFirstOrThrow({
      where: { role: "SCHOOL_ADMIN", username: "bench_admin" },
    });
    const user: SessionUser = {
      id: admin.id,
      role: "SCHOOL_ADMIN",
      displayName: admin.displayName,
      schoolId: admin.schoolId,
      regionId: null,
      personId: null,
      regionPath: null,
      mustChangePassword: false,
    };
    const jobId = await queueImport({
      user,
      schoolId: admin.schoolId!,
      kind: "ROSTER",
      mode: "GOOD_ROWS",
      fileName: "roster.xlsx",
      filePath: FILE,
      enqueue: false,
    });
    await runImportJob(importJobData(user, jobId), IMPORT_RUNNERS, { maxBytes: 200 * 1024 * 1024 });
    const job = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
    if (job.state !== "DONE") throw new Error(job.message ?? job.state);
    detail = `${job.message ?? ""} reading child's peak RSS ${(lastReaderPeak.maxRssKb / 1024).toFixed(0)} MB`;
  } else if (kind === "idle") {
    await db().$queryRaw`SELECT 1`; // the floor: Node + tsx + the modules loaded + one query
  } else {
    detail = await baseline();
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  await db().$disconnect();
  process.stdout.write(
    `RESULT ${JSON.stringify({ ms, rssMb: peakRssMb(), detail } satisfies ChildResult)}\n`,
  );
}

/** Streaming read + bulk upsert, no validation, no encryption (the ID number is stored as is). */
async function baseline(): Promise<string> {
  const school = await db().school.findFirstOrThrow({ select: { id: true } });
  const classes = await db().schoolClass.findMany({
    select: { id: true, gradeId: true, name: true, grade: { select: { name: true } } },
  });
  const cls = new Map(classes.map((c) => [`${c.grade.name}/${c.name}`, c]));
  let batch: string[][] = [];
  let n = 0;
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    const persons = rows.map((c) => [c[0], c[3]]);
    const ids = await db().$queryRawUnsafe<{ id: string; h: string }[]>(
      `INSERT INTO "Person" (id, name, gender, "idType", "idNumberCipher", "idNumberHash", "idNumberMasked", "updatedAt")
       SELECT gen_random_uuid(), n, 'MALE', 'RESIDENT_ID', h, h, h, now() FROM unnest($1::text[], $2::text[]) AS t(n, h)
       ON CONFLICT ("idNumberHash") DO UPDATE SET name = EXCLUDED.name RETURNING id, "idNumberHash" AS h`,
      persons.map((p) => p[0]),
      persons.map((p) => p[1]),
    );
    const pid = new Map(ids.map((r) => [r.h, r.id]));
    const st = rows.map((c) => ({
      personId: pid.get(c[3]!)!,
      c:
        cls.get(`${c[6]}/${c[7]}`) ??
        (() => {
          throw new Error(`no class ${c[6]}/${c[7]} of ${cls.size}`);
        })(),
      no: c[4]!,
    }));
    const sids = await db().$queryRawUnsafe<{ id: string; p: string }[]>(
      `INSERT INTO "Student" (id, "personId", "schoolId", "gradeId", "classId", stage, "studentNo", "enrolledOn", "programmeYears", status, "updatedAt")
       SELECT gen_random_uuid(), p, $1, g, c, 'SENIOR', s, '2026-09-01', 3, 'IN_SCHOOL', now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(p, g, c, s)
       ON CONFLICT ("schoolId", "personId") DO UPDATE SET "classId" = EXCLUDED."classId", "studentNo" = EXCLUDED."studentNo" RETURNING id, "personId" AS p`,
      school.id,
      st.map((s) => s.personId),
      st.map((s) => s.c.gradeId),
      st.map((s) => s.c.id),
      st.map((s) => s.no),
    );
    const sid = new Map(sids.map((r) => [r.p, r.id]));
    await db().$executeRawUnsafe(
      `INSERT INTO "Guardian" (id, "studentId", name, relation, "phoneCipher", "phoneHash", "phoneMasked", "sortOrder")
       SELECT gen_random_uuid(), s, n, r, ph, ph, ph, 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(s, n, r, ph)`,
      rows.map((c) => sid.get(pid.get(c[3]!)!)!),
      rows.map((c) => c[12]!),
      rows.map((c) => c[13]!),
      rows.map((c) => c[14]!),
    );
  };
  // lib/xlsx's raw reader: exceljs's streaming WorkbookReader plus the whole-entry UTF-8 decoding fix, nothing else.
  for await (const row of readSheetRows(FILE, { maxBytes: 200 * 1024 * 1024 })) {
    if (row.rowNumber === 1) continue;
    batch.push(row.cells);
    n++;
    if (batch.length >= 2000) await flush();
  }
  await flush();
  return `${n} rows`;
}

/**
 * The same import in a process whose V8 heap is capped (--max-old-space-size): V8 otherwise lets
 * the heap grow lazily towards its default limit (about 4 GB on this machine) before collecting,
 * so the default run's peak RSS says more about V8's heuristics than about what the import keeps.
 */
const HEAP_CAP_MB = Number(process.env.BENCH_IMPORT_HEAP_MB ?? 160);

function runChild(kind: string, nodeArgs: string[] = []): ChildResult {
  const r = spawnSync(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      ...nodeArgs,
      "--import",
      "tsx",
      "--import",
      "./scripts/server-only-stub.mjs",
      "bench/import.ts",
      "--child",
      kind,
    ],
    { env: process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  // BENCH_CHILD_LOG=file keeps each child's output (e.g. with BENCH_NODE_ARGS=--trace-gc).
  if (process.env.BENCH_CHILD_LOG)
    appendFileSync(process.env.BENCH_CHILD_LOG, `=== ${kind} ${nodeArgs.join(" ")}\n${r.stdout}${r.stderr}`);
  const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (r.status !== 0 || !line) throw new Error(`child ${kind} failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice(7)) as ChildResult;
}

async function clearStudents() {
  await db().$executeRawUnsafe(`DELETE FROM "Guardian"`);
  await db().$executeRawUnsafe(`DELETE FROM "Student"`);
  await db().$executeRawUnsafe(`DELETE FROM "Person"`);
  await db().$executeRawUnsafe(`VACUUM ANALYZE "Guardian", "Student", "Person"`);
}

async function main(): Promise<void> {
  const N = Number(process.argv[2] ?? 100_000);
  const RUNS = Number(process.argv[3] ?? 3);
  console.log(`machine: ${machine()}; ${new Date().toISOString()}`);
  const bench = await freshDatabase(DB_NAME);
  const world = await populateSchool(db(), { students: 0, applications: 0, accounts: 0 });
  const { classes } = await writeRosterBenchFile(world.schoolId, N, FILE);
  console.log(`${N} rows, ${classes} classes, file ${((await stat(FILE)).size / 1048576).toFixed(1)} MB`);

  if (process.argv[4] === "job") {
    // Only the import as a job in the default configuration (its heap bound), for its peak RSS.
    const jobs: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      await clearStudents();
      jobs.push(runChild("job", importJobNodeArgs()));
      console.log(
        `run ${i + 1}: import job ${fmtMs(jobs[i]!.ms)}, peak RSS ${jobs[i]!.rssMb.toFixed(0)} MB (${jobs[i]!.detail})`,
      );
    }
    printTable(
      `Roster import as a job, ${N} rows, median of ${RUNS} (GOOD_ROWS mode, ${importJobNodeArgs().join(" ")})`,
      ["measurement", "median", "peak RSS (max)", "rows/s"],
      [
        [
          "import job (lib/services/import-job-child.ts's process)",
          fmtMs(median(jobs.map((r) => r.ms))),
          `${Math.max(...jobs.map((r) => r.rssMb)).toFixed(0)} MB`,
          `${Math.round(N / (median(jobs.map((r) => r.ms)) / 1000))}/s`,
        ],
      ],
    );
    await db().$disconnect();
    await bench.stop();
    return;
  }

  const base: ChildResult[] = [];
  const real: ChildResult[] = [];
  const again: ChildResult[] = [];
  const baseCapped: ChildResult[] = [];
  const realCapped: ChildResult[] = [];
  const cap = [`--max-old-space-size=${HEAP_CAP_MB}`];
  for (let i = 0; i < RUNS; i++) {
    await clearStudents();
    base.push(runChild("baseline"));
    await clearStudents();
    real.push(runChild("real"));
    again.push(runChild("real"));
    await clearStudents();
    baseCapped.push(runChild("baseline", cap));
    await clearStudents();
    realCapped.push(runChild("real", cap));
    console.log(
      `run ${i + 1}: baseline ${fmtMs(base[i]!.ms)}, import ${fmtMs(real[i]!.ms)} (${real[i]!.detail}), re-import ${fmtMs(again[i]!.ms)} (${again[i]!.detail}); heap capped at ${HEAP_CAP_MB} MB: baseline ${fmtMs(baseCapped[i]!.ms)}, import ${fmtMs(realCapped[i]!.ms)} (${realCapped[i]!.detail})`,
    );
  }
  const idle = runChild("idle");
  const row = (name: string, rs: ChildResult[], against = base) => {
    const b = median(against.map((r) => r.ms));
    const m = median(rs.map((r) => r.ms));
    return [
      name,
      fmtMs(m),
      `${(m / b).toFixed(2)}×`,
      `${Math.max(...rs.map((r) => r.rssMb)).toFixed(0)} MB`,
      `${Math.round(N / (m / 1000))}/s`,
    ];
  };
  printTable(
    `Roster import, ${N} rows, median of ${RUNS} (GOOD_ROWS mode)`,
    ["measurement", "median", "vs baseline", "peak RSS (max)", "rows/s"],
    [
      row("baseline: exceljs read + bulk upsert", base),
      row("importRoster (new students)", real),
      row("importRoster again (all unchanged)", again),
      row(`baseline, heap capped at ${HEAP_CAP_MB} MB`, baseCapped, baseCapped),
      row(`importRoster (new students), heap capped at ${HEAP_CAP_MB} MB`, realCapped, baseCapped),
    ],
  );
  console.log(
    `peak RSS of a child that only loads the same modules and runs one query: ${idle.rssMb.toFixed(0)} MB`,
  );
  await db().$disconnect();
  await bench.stop();
}

if (process.argv[2] === "--child") await child(process.argv[3]!);
else await main();
