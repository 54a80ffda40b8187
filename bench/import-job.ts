/**
 * A roster import of N (default 100,000) students as a background job, end to end — the upload's service
 * (beginRosterImport: the file into the encrypted file store, the ImportJob row, the job on the queue),
 * a worker taking it from the queue (pg-boss on the same database, default polling) and running it in its
 * bounded import child (lib/services/import-job-isolated.ts) as `npm start` and `npm run worker` do, until the
 * ImportJob row shows the final counts as the progress page polls them — against the same import run
 * in-process (importRoster, lib/services/roster-import.ts, in a child process of its own; once with
 * Node's default heap, once with the job child's heap bound, to tell the bound's cost from the queue's
 * and the store's). Same file,
 * GOOD_ROWS mode, new students each time (the students are deleted between runs). Target: ≤ 1.2×.
 * For the job, the peak RSS of its import child and of that child's reading child (VmHWM, sampled every
 * 0.2 s from /proc while the job runs) — the ≤ 400 MB target of the default configuration.
 *
 *   npm run bench:import-job [-- rows runs]
 *   BENCH_JOB_SEMI_SPACES=4,8,256/4   run the job once per run under each IMPORT_JOB_SEMI_SPACE_MB, or
 *                                  IMPORT_JOB_HEAP_MB/IMPORT_JOB_SEMI_SPACE_MB (default: as set)
 *   BENCH_SKIP_BOUNDED=1           leave out the in-process run under the job child's heap bound
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { copyFile, stat } from "node:fs/promises";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { registerAllJobHandlers } from "@/lib/services/job-handlers";
import { importJobNodeArgs } from "@/lib/services/import-job-isolated";
import { startWorkers, stopJobs } from "@/lib/jobs/queue";
import { beginRosterImport, importRoster } from "@/lib/services/student-roster-import";
import { BENCH_DIR, freshDatabase } from "./support/database";
import { populateSchool } from "./support/populate";
import { writeRosterBenchFile } from "./support/roster-file";
import { fmtMs, machine, median, printTable } from "./support/stats";

const DB_NAME = "bench_import_job";
const FILE = path.join(BENCH_DIR, "roster-import-job.xlsx");

async function benchAdmin(): Promise<SessionUser> {
  const admin = await db().user.findFirstOrThrow({
    where: { role: "SCHOOL_ADMIN", username: "bench_admin" },
  });
  return {
    id: admin.id,
    role: "SCHOOL_ADMIN",
    displayName: admin.displayName,
    schoolId: admin.schoolId,
    regionId: null,
    personId: null,
    regionPath: null,
    mustChangePassword: false,
  };
}

/** The in-process run, in a child of its own (the parent runs the queue's workers). */
async function child(): Promise<void> {
  const t = process.hrtime.bigint();
  const r = await importRoster(await benchAdmin(), {
    filePath: FILE,
    fileName: "roster.xlsx",
    mode: "GOOD_ROWS",
  });
  if (!r.ok) throw new Error(r.message);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  await db().$disconnect();
  process.stdout.write(`RESULT ${JSON.stringify({ ms, detail: r.data.message ?? "" })}\n`);
}

function inProcess(nodeArgs: string[] = []): { ms: number; detail: string } {
  const r = spawnSync(
    process.execPath,
    [
      ...nodeArgs,
      "--import",
      "tsx",
      "--import",
      "./scripts/server-only-stub.mjs",
      "bench/import-job.ts",
      "--child",
    ],
    { env: process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (r.status !== 0 || !line) throw new Error(`in-process child failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice(7)) as { ms: number; detail: string };
}

/** Every descendant process of `pid` (children first found through /proc/<pid>/task/<tid>/children). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const tid of tasks) {
      let children: number[] = [];
      try {
        children = fs
          .readFileSync(`/proc/${p}/task/${tid}/children`, "utf8")
          .split(" ")
          .filter(Boolean)
          .map(Number);
      } catch {
        /* gone */
      }
      for (const child of children) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

/** Peak RSS (VmHWM, MB) of the node processes below this one, by their depth below the worker: import child, reader. */
function samplePeaks(peaks: Map<string, number>): void {
  for (const pid of descendants(process.pid)) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const kind = cmd.includes("import-job-child")
        ? "import child"
        : cmd.includes("sheet-reader-child")
          ? "reading child"
          : null;
      if (!kind) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) peaks.set(kind, Math.max(peaks.get(kind) ?? 0, Number(hwm[1]) / 1024));
    } catch {
      /* exited meanwhile */
    }
  }
}

type JobRun = { ms: number; detail: string; peaks: Map<string, number> };

/** Upload to final counts: the upload route's service, then the ImportJob row polled as the page does. */
async function asJob(user: SessionUser): Promise<JobRun> {
  // The route hands the service a temp file it may remove; a copy keeps FILE for the next run.
  const upload = path.join(BENCH_DIR, "roster-upload.xlsx");
  await copyFile(FILE, upload);
  const t = process.hrtime.bigint();
  const r = await beginRosterImport(user, {
    filePath: upload,
    fileName: "roster.xlsx",
    mode: "GOOD_ROWS",
    removeFile: true,
  });
  if (!r.ok) throw new Error(r.message);
  const peaks = new Map<string, number>();
  const sampler = setInterval(() => samplePeaks(peaks), 200);
  try {
    for (;;) {
      const job = await db().importJob.findUniqueOrThrow({ where: { id: r.data.jobId } });
      if (job.state !== "RUNNING") {
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        if (job.state !== "DONE") throw new Error(job.message ?? job.state);
        return { ms, detail: `${job.message ?? ""} (attempts ${job.attempts})`, peaks };
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    clearInterval(sampler);
  }
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
  const user = await benchAdmin();
  registerAllJobHandlers();
  await startWorkers();

  const semiSpaces = (process.env.BENCH_JOB_SEMI_SPACES ?? "").split(",").filter(Boolean);
  const configs = semiSpaces.length ? semiSpaces : [process.env.IMPORT_JOB_SEMI_SPACE_MB ?? ""];
  const direct: { ms: number; detail: string }[] = [];
  const bounded: { ms: number; detail: string }[] = [];
  const jobs = new Map<string, JobRun[]>(configs.map((c) => [c, []]));
  /** Runs `run` with the job child's flags of `config` ("semi" or "heap/semi") in the environment. */
  const withSemi = <T>(config: string, run: () => T): T => {
    const saved = { heap: process.env.IMPORT_JOB_HEAP_MB, semi: process.env.IMPORT_JOB_SEMI_SPACE_MB };
    const [heap, semi] = config.includes("/") ? config.split("/") : [undefined, config];
    if (heap) process.env.IMPORT_JOB_HEAP_MB = heap;
    if (semi) process.env.IMPORT_JOB_SEMI_SPACE_MB = semi;
    const restore = () => {
      for (const [name, value] of [
        ["IMPORT_JOB_HEAP_MB", saved.heap],
        ["IMPORT_JOB_SEMI_SPACE_MB", saved.semi],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    };
    try {
      const result = run();
      if (result instanceof Promise) return result.finally(restore) as T;
      restore();
      return result;
    } catch (error) {
      restore();
      throw error;
    }
  };
  for (let i = 0; i < RUNS; i++) {
    await clearStudents();
    direct.push(inProcess());
    if (process.env.BENCH_SKIP_BOUNDED !== "1") {
      await clearStudents();
      bounded.push(inProcess(importJobNodeArgs()));
    }
    for (const semi of configs) {
      await clearStudents();
      // The worker reads IMPORT_JOB_HEAP_MB / IMPORT_JOB_SEMI_SPACE_MB when it starts the job's child.
      const run = await withSemi(semi, () => asJob(user));
      jobs.get(semi)!.push(run);
      const peaks = [...run.peaks].map(([k, mb]) => `${k} ${mb.toFixed(0)} MB`).join(", ");
      console.log(
        `run ${i + 1}: as a job (${withSemi(semi, () => importJobNodeArgs().join(" "))}) ${fmtMs(run.ms)} (${run.detail}); peak RSS ${peaks}`,
      );
    }
    console.log(
      `run ${i + 1}: in-process ${fmtMs(direct[i]!.ms)} (${direct[i]!.detail})${bounded[i] ? `; in-process with the job's heap bound ${fmtMs(bounded[i]!.ms)}` : ""}; load ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
    );
  }
  const base = median(direct.map((r) => r.ms));
  const row = (name: string, rs: { ms: number }[], peak = "") => {
    const m = median(rs.map((r) => r.ms));
    return [name, fmtMs(m), `${(m / base).toFixed(2)}×`, `${Math.round(N / (m / 1000))}/s`, peak];
  };
  const peakOf = (rs: JobRun[], kind: string) =>
    Math.max(...rs.map((r) => r.peaks.get(kind) ?? 0)).toFixed(0);
  printTable(
    `Roster import, ${N} rows, upload to final counts, median of ${RUNS} (GOOD_ROWS mode)`,
    ["measurement", "median", "vs in-process", "rows/s", "peak RSS import child / reader (max)"],
    [
      row("importRoster in-process", direct),
      ...(bounded.length
        ? [row(`importRoster in-process, the job child's bound (${importJobNodeArgs().join(" ")})`, bounded)]
        : []),
      ...configs.map((semi) =>
        row(
          `as a job (${withSemi(semi, () => importJobNodeArgs().join(" "))}): queued, worker's bounded import child, counts in the database`,
          jobs.get(semi)!,
          `${peakOf(jobs.get(semi)!, "import child")} / ${peakOf(jobs.get(semi)!, "reading child")} MB`,
        ),
      ),
    ],
  );
  await stopJobs(5);
  await db().$disconnect();
  await bench.stop();
}

if (process.argv[2] === "--child") await child();
else await main();
