/**
 * Export of N (default 100,000) determination rows in the national layout
 * (家庭经济困难学生认定信息), against the baseline: exceljs's
 * streaming WorkbookWriter writing the same cell values with no logic.
 * 1. the export logic alone: rows built (lib/domain/national-export
 *    familyEconomyRow), validated against the registry (validateExport) and
 *    written through lib/xlsx's streaming writer (the service's writer), from
 *    sources in memory;
 * 2. the whole service (lib/services/national-export downloadExport) on a
 *    school of N students whose N applications are all determined: paged
 *    database read, decryption of every ID number, validation, the file
 *    streamed to a temp file, audit entry, and the returned stream read to
 *    its end;
 * 3. once more in a fresh child process (`--child service`), for the
 *    service's own peak RSS, next to a child that only loads the modules;
 * 4. the export as a job (lib/services/export-task.ts startExport → the
 *    queue → a worker of this process runs lib/services/export-job.ts →
 *    the encrypted file store): request → file ready (task DONE), and the
 *    download of the stored file (decrypted, read to its end).
 *
 *   npm run bench:export [-- rows runs]
 */
import { spawnSync } from "node:child_process";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { HardshipLevel, SpecialCategory } from "@/lib/domain/codes";
import {
  FAMILY_ECONOMY_TEMPLATE,
  familyEconomyRow,
  templateCells,
  templateSheet,
  validateExport,
  type ExportRow,
  type FamilyEconomySource,
  type RegistryRecord,
} from "@/lib/domain/national-export";
import { downloadExport } from "@/lib/services/national-export";
import { downloadExportTask, startExport } from "@/lib/services/export-task";
import { registerAllJobHandlers } from "@/lib/services/job-handlers";
import { startWorkers, stopJobs } from "@/lib/jobs/queue";
import { evidenceStorage } from "@/lib/storage";
import { createSheetWriter } from "@/lib/xlsx";
import { freshDatabase } from "./support/database";
import { generateStudents } from "./support/people";
import { populateSchool } from "./support/populate";
import { fmtMs, machine, median, peakRssMb, printTable, timeRuns } from "./support/stats";

/**
 * `--child service|idle`: one downloadExport (stream read to its end) in a fresh process on the
 * parent's database (inherited DATABASE_URL and secrets), or only the modules and one query
 * (the floor); prints its time and peak RSS, so the service's memory is measured on its own.
 */
if (process.argv[2] === "--child") {
  const t = process.hrtime.bigint();
  if (process.argv[3] === "service") {
    const admin = await db().user.findFirstOrThrow({ where: { username: "bench_admin" } });
    const u: SessionUser = {
      id: admin.id,
      role: "SCHOOL_ADMIN",
      displayName: admin.displayName,
      schoolId: admin.schoolId,
      regionId: null,
      personId: null,
      regionPath: null,
      mustChangePassword: false,
    };
    const r = await downloadExport(u, "determination");
    if (!r.ok || !r.data.valid) throw new Error(r.ok ? r.data.summary : r.message);
    for await (const c of r.data.stream) void c;
  } else {
    await db().$queryRaw`SELECT 1`;
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  await db().$disconnect();
  process.stdout.write(`RESULT ${JSON.stringify({ ms, rssMb: peakRssMb() })}\n`);
  process.exit(0);
}

function runChild(kind: "service" | "idle"): { ms: number; rssMb: number } {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only-stub.mjs", "bench/export.ts", "--child", kind],
    {
      env: process.env,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (r.status !== 0 || !line) throw new Error(`child ${kind} failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice(7)) as { ms: number; rssMb: number };
}

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 3);
console.log(`machine: ${machine()}; ${new Date().toISOString()}`);
const T = FAMILY_ECONOMY_TEMPLATE;
const LEVELS: HardshipLevel[] = ["SPECIAL", "HARDSHIP", "GENERAL", "NONE"];

const sources: FamilyEconomySource[] = [];
const registry = new Map<string, RegistryRecord>();
let i = 0;
for (const p of generateStudents(N)) {
  const level = LEVELS[i % 4]!;
  const cats: SpecialCategory[] = i % 40 === 0 ? ["MINIMUM_LIVING"] : [];
  sources.push({
    studentNumber: p.studentNo,
    name: p.name,
    idType: "RESIDENT_ID",
    idNumber: p.idNumber,
    listedCategories: cats,
    residence: i % 3 ? "RURAL" : "URBAN",
    memberCount: 3 + (i % 3),
    totalAnnualIncomeFen: 2_400_000 + (i % 50) * 100_000,
    perCapitaMonthlyIncomeFen: 60_000 + (i % 40) * 1_000,
    address: "天河区龙洞街道",
    level,
    determinedOn: "2026-11-20",
    reason: "总分达到困难分数线（≥40分）",
  });
  registry.set(p.studentNo, {
    studentNumber: p.studentNo,
    name: p.name,
    idType: "RESIDENT_ID",
    idNumber: p.idNumber,
  });
  i++;
}

/** Baseline: the same cell values, written with exceljs's streaming writer and no logic. */
async function bareWrite(cells: string[][]): Promise<number> {
  const out = new PassThrough();
  let bytes = 0;
  out.on("data", (c: Buffer) => {
    bytes += c.length;
  });
  const done = new Promise<void>((resolve) => out.on("end", () => resolve()));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(T.sheetName);
  ws.addRow(T.columns.map((c) => c.header)).commit();
  for (const r of cells) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  await done;
  return bytes;
}

/** The export's writer (lib/xlsx, every text cell neutralised) into a stream whose bytes are counted, as for the baseline. */
async function exportWrite(rows: ExportRow[]): Promise<number> {
  const out = new PassThrough();
  let bytes = 0;
  out.on("data", (c: Buffer) => {
    bytes += c.length;
  });
  const done = new Promise<void>((resolve) => out.on("end", () => resolve()));
  const w = createSheetWriter(out, templateSheet(T));
  for (const r of rows) w.addRow(templateCells(T, r));
  await w.finish();
  await done;
  return bytes;
}

const prebuilt = sources.map((s) => familyEconomyRow(T, s));
const cells = prebuilt.map((r) => T.columns.map((c) => r[c.key] ?? ""));
let problems = 0;
const logic = await timeRuns(RUNS, async () => {
  const rows: ExportRow[] = sources.map((s) => familyEconomyRow(T, s));
  problems = validateExport(T, rows, { registry }).length;
  await exportWrite(rows);
});
if (problems) throw new Error(`the generated rows should validate, got ${problems} problems`);
const bare = await timeRuns(RUNS, () => bareWrite(cells));
console.log(`in memory: baseline ${fmtMs(median(bare))}, rows + validation + file ${fmtMs(median(logic))}`);

// ── the whole service on a database ──
const bench = await freshDatabase("bench_export");
const t0 = Date.now();
await populateSchool(db(), { students: N, applications: N, accounts: 0 });
const model = await db().scoringModel.findFirstOrThrow({ where: { schoolId: null } }); // the default model, installed by populateSchool
await db().$executeRawUnsafe(
  `UPDATE "Application" SET state = 'determined', "submittedAt" = now(), "commitmentSignedAt" = now(), "verifiedAt" = now(), "reviewedAt" = now(), "waiverReason" = NULL, "returnReason" = NULL, "returnDeadline" = NULL`,
);
await db().$executeRawUnsafe(
  `INSERT INTO "Determination" ("applicationId", "scoringModelId", "simulatedScore", "simulatedLevel", "explanation", "finalLevel", "determinedAt", "updatedAt")
   SELECT id, $1, 50, lv::"HardshipLevel", '{"levelRule":"总分达到困难分数线（≥40分）"}'::jsonb, lv::"HardshipLevel", now(), now()
   FROM (SELECT id, (ARRAY['SPECIAL','HARDSHIP','GENERAL'])[1 + abs(hashtext(id)) % 3] AS lv FROM "Application") a`,
  model.id,
);
await db().$executeRawUnsafe("ANALYZE");
console.log(`populated ${N} determined applications in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const admin = await db().user.findFirstOrThrow({ where: { username: "bench_admin" } });
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
let summary = "";
const service = await timeRuns(RUNS, async () => {
  const r = await downloadExport(user, "determination");
  if (!r.ok) throw new Error(r.message);
  if (!r.data.valid) throw new Error(r.data.summary);
  let bytes = 0;
  for await (const c of r.data.stream) bytes += (c as Buffer).length;
  summary = `${r.data.summary} (${(bytes / 1e6).toFixed(1)} MB)`;
});
// The export as a job: request → task DONE (the worker polls every 0.5 s, as the tests' workers do),
// then the stored file downloaded (decrypted) and read to its end.
registerAllJobHandlers();
await startWorkers({ pollingIntervalSeconds: 0.5 });
const asJob: number[] = [];
const jobDownload: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = process.hrtime.bigint();
  const r = await startExport(user, { kind: "DETERMINATION" });
  if (!r.ok) throw new Error(r.message);
  for (;;) {
    const task = await db().exportTask.findUniqueOrThrow({ where: { id: r.data.taskId } });
    if (task.state === "FAILED") throw new Error(task.message ?? "export job failed");
    if (task.state === "DONE") {
      if (!task.valid) throw new Error(task.summary ?? "invalid");
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  asJob.push(Number(process.hrtime.bigint() - started) / 1e6);
  const fetched = process.hrtime.bigint();
  const d = await downloadExportTask(user, r.data.taskId);
  if (!d.ok) throw new Error(d.message);
  for await (const c of d.data.stream) void c;
  jobDownload.push(Number(process.hrtime.bigint() - fetched) / 1e6);
  const { fileKey } = await db().exportTask.findUniqueOrThrow({ where: { id: r.data.taskId } });
  if (fileKey) await evidenceStorage().delete(fileKey); // not left in .data/evidence
}
await stopJobs(5);
const child = runChild("service");
const floor = runChild("idle");
await db().$disconnect();
await bench.stop();

const b = median(bare);
printTable(
  `National export (家庭经济信息), ${N} rows, medians of ${RUNS} runs — ${summary}`,
  ["measurement", "median", "vs baseline", "target ≤ 2×"],
  [
    ["baseline: exceljs streaming write, same cells, no logic", fmtMs(b), "1.00×", ""],
    [
      "rows + validation + lib/xlsx writer (in memory)",
      fmtMs(median(logic)),
      `${(median(logic) / b).toFixed(2)}×`,
      median(logic) <= 2 * b ? "met" : "MISSED",
    ],
    [
      "downloadExport (paged DB read, decryption, validation, file, audit)",
      fmtMs(median(service)),
      `${(median(service) / b).toFixed(2)}×`,
      median(service) <= 2 * b ? "met" : "MISSED",
    ],
    [
      "export as a job: request → file ready (queue, worker, encrypted store)",
      fmtMs(median(asJob)),
      `${(median(asJob) / b).toFixed(2)}×`,
      `${(median(asJob) / median(service)).toFixed(2)}× downloadExport`,
    ],
    ["download of the job's stored file (decrypted, read to its end)", fmtMs(median(jobDownload)), "", ""],
  ],
);
console.log(
  `peak RSS of this process (in-memory part, population and service): ${peakRssMb().toFixed(0)} MB`,
);
console.log(
  `downloadExport alone in a fresh process: ${fmtMs(child.ms)}, peak RSS ${child.rssMb.toFixed(0)} MB (a process that only loads the same modules and runs one query: ${floor.rssMb.toFixed(0)} MB)`,
);
