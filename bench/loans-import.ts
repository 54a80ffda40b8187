/**
 * A province's loan import of N (default 300,000) records from one .xlsx through the real import code
 * (lib/services/loan-import.ts `importLoansHere`, GOOD_ROWS mode, as the province's operator: the
 * file read by the bounded reading child, each row validated, the cap checked, contract numbers checked
 * against the province's records per batch, the ID number sealed, batches inserted) against the baseline:
 * lib/xlsx's bare streaming read (readSheetRows) of the same file + one bulk INSERT … SELECT FROM unnest per
 * 1,000 rows into LoanRecord, without validation or encryption. Each measurement runs in its own child
 * process, so its peak RSS (VmHWM) is its own; the records are deleted between runs. The bar
 * (issue 20 §7): the import ≤ 2× the baseline and peak RSS ≤ 400 MB.
 *
 *   npx tsx --import ./scripts/server-only-stub.mjs bench/loans-import.ts [rows runs]
 */
import { spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { buildResidentId } from "@/lib/domain/id-number";
import { LOAN_COLUMNS } from "@/lib/domain/loans";
import { importJobNodeArgs } from "@/lib/services/import-job-isolated";
import { importLoansHere } from "@/lib/services/loan-import";
import { lastReaderPeak } from "@/lib/xlsx/isolated-read";
import { createSheetWriter, readSheetRows } from "@/lib/xlsx";
import { BENCH_DIR, freshDatabase } from "./support/database";
import { fmtMs, machine, median, peakRssMb, printTable } from "./support/stats";

const DB_NAME = "bench_loans";
const FILE = path.join(BENCH_DIR, "loans-import.xlsx");
const MAX_BYTES = 200 * 1024 * 1024;

type ChildResult = { ms: number; rssMb: number; detail: string };

async function operator(): Promise<SessionUser> {
  const user = await db().user.findFirstOrThrow({ where: { username: "bench_loans_operator" } });
  return {
    id: user.id,
    role: "SUPERVISOR",
    displayName: user.displayName,
    schoolId: null,
    regionId: user.regionId,
    personId: null,
    regionPath: "/440000/",
    mustChangePassword: false,
  };
}

async function child(kind: string): Promise<void> {
  const started = process.hrtime.bigint();
  let detail = "";
  if (kind === "real") {
    const result = await importLoansHere(
      await operator(),
      { kind: "LOAN", mode: "GOOD_ROWS", academicYear: "2024", filePath: FILE, fileName: "loans.xlsx" },
      { maxBytes: MAX_BYTES },
    );
    if (!result.ok) throw new Error(result.message);
    if (result.data.state !== "DONE") throw new Error(result.data.message ?? result.data.state);
    detail = `${result.data.message ?? ""} reading child's peak RSS ${(lastReaderPeak.maxRssKb / 1024).toFixed(0)} MB`;
  } else detail = await baseline();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await db().$disconnect();
  process.stdout.write(
    `RESULT ${JSON.stringify({ ms, rssMb: peakRssMb(), detail } satisfies ChildResult)}\n`,
  );
}

/** Streaming read + bulk insert, no validation, no encryption (the ID number stored as is). */
async function baseline(): Promise<string> {
  const user = await operator();
  const loanImport = await db().loanImport.create({
    data: {
      regionId: user.regionId!,
      kind: "LOAN",
      academicYear: 2024,
      mode: "GOOD_ROWS",
      fileName: "baseline.xlsx",
      createdById: user.id,
    },
  });
  let batch: { rowNumber: number; cells: string[] }[] = [];
  let count = 0;
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    const column = (index: number) => rows.map((row) => row.cells[index] ?? "");
    await db().$executeRawUnsafe(
      `INSERT INTO "LoanRecord" ("id", "regionId", "importId", "rowNumber", "academicYear", "studentName", "idType",
         "idNumberCipher", "idNumberHash", "idNumberMasked", "institutionCode", "institutionName", "level",
         "contractNo", "bank", "amountFen", "grantedOn", "loanType")
       SELECT gen_random_uuid()::text, $1, $2, r, 2024, n, 'RESIDENT_ID', i, i, i, c, s, 'UNDERGRADUATE',
              k, b, (a::numeric * 100)::int, d::date, 'ORIGIN'
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         AS t(r, n, i, c, s, k, b, a, d)`,
      user.regionId,
      loanImport.id,
      rows.map((row) => row.rowNumber),
      column(1),
      column(3),
      column(4),
      column(5),
      column(8),
      column(9),
      column(10),
      column(11),
    );
  };
  for await (const row of readSheetRows(FILE, { maxBytes: MAX_BYTES })) {
    if (row.rowNumber === 1) continue;
    batch.push({ rowNumber: row.rowNumber, cells: row.cells });
    count++;
    if (batch.length >= 1000) await flush();
  }
  await flush();
  return `${count} rows`;
}

function runChild(kind: string): ChildResult {
  const result = spawnSync(
    process.execPath,
    [
      // The import runs with the heap flags of the worker's job child (lib/services/loan-import-isolated.ts).
      ...(kind === "real" ? importJobNodeArgs() : []),
      // BENCH_NODE_ARGS: extra Node flags for both children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
      ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      "--import",
      "tsx",
      "--import",
      "./scripts/server-only-stub.mjs",
      "bench/loans-import.ts",
      "--child",
      kind,
    ],
    { env: process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const line = result.stdout.split("\n").find((text) => text.startsWith("RESULT "));
  if (result.status !== 0 || !line)
    throw new Error(`child ${kind} failed:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(line.slice(7)) as ChildResult;
}

/** The loan file: N valid rows of 2024-2025 (unique contract numbers and borrowers). */
async function writeLoanFile(rows: number): Promise<void> {
  const out = createWriteStream(FILE);
  const writer = createSheetWriter(out, {
    name: "贷款信息",
    columns: LOAN_COLUMNS.map((column) => ({ header: column.names[0], text: true })),
  });
  const banks = ["国家开发银行广东省分行", "中国银行广东省分行", "中国农业银行广东省分行"];
  for (let index = 0; index < rows; index++) {
    const day = new Date(Date.UTC(2003, 0, 1) + (index % 700) * 86_400_000).toISOString().slice(0, 10);
    const id = buildResidentId("440103", day, Math.floor(index / 700) % 1000, index % 2 ? "MALE" : "FEMALE");
    writer.addRow([
      "2024-2025",
      `借款学生${index}`,
      "居民身份证",
      id,
      "4144010561",
      "华南理工大学",
      "本科院校",
      "本专科",
      `GD2024${String(index).padStart(8, "0")}`,
      banks[index % banks.length]!,
      String(8000 + (index % 12) * 1000),
      "2024-10-15",
      "生源地",
    ]);
    if (index % 5000 === 0) await writer.ready?.();
  }
  await writer.finish();
  if (!out.writableFinished) await once(out, "finish");
}

async function clearLoans() {
  await db().$executeRawUnsafe(`DELETE FROM "LoanRecord"`);
  await db().$executeRawUnsafe(`DELETE FROM "LoanImport"`);
  await db().$executeRawUnsafe(`VACUUM ANALYZE "LoanRecord"`);
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 300_000);
  const runs = Number(process.argv[3] ?? 3);
  console.log(`machine: ${machine()}; ${new Date().toISOString()}`);
  const bench = await freshDatabase(DB_NAME);
  const province = await db().region.create({
    data: { code: "440000", name: "广东省", level: "PROVINCE", path: "/440000/" },
  });
  const { NATIONAL_LOAN_CAPS } = await import("@/lib/domain/loans");
  await db().loanCap.createMany({
    data: NATIONAL_LOAN_CAPS.map((cap) => ({ regionId: province.id, ...cap })),
  });
  await db().user.create({
    data: {
      username: "bench_loans_operator",
      role: "SUPERVISOR",
      displayName: "基准测试操作员",
      passwordHash: "x",
      regionId: province.id,
      supervisorDuty: "OPERATOR",
    },
  });
  await writeLoanFile(rows);
  console.log(`${rows} rows, file ${((await stat(FILE)).size / 1048576).toFixed(1)} MB`);
  const base: ChildResult[] = [];
  const real: ChildResult[] = [];
  for (let run = 0; run < runs; run++) {
    await clearLoans();
    base.push(runChild("baseline"));
    await clearLoans();
    real.push(runChild("real"));
    console.log(
      `run ${run + 1}: baseline ${fmtMs(base[run]!.ms)} (${base[run]!.detail}), import ${fmtMs(real[run]!.ms)} (${real[run]!.detail})`,
    );
  }
  const baseMs = median(base.map((result) => result.ms));
  const line = (name: string, results: ChildResult[]) => {
    const ms = median(results.map((result) => result.ms));
    return [
      name,
      fmtMs(ms),
      `${(ms / baseMs).toFixed(2)}×`,
      `${Math.max(...results.map((result) => result.rssMb)).toFixed(0)} MB`,
      `${Math.round(rows / (ms / 1000))}/s`,
    ];
  };
  printTable(
    `Loan import, ${rows} rows, median of ${runs} (GOOD_ROWS mode)`,
    ["measurement", "median", "vs baseline", "peak RSS (max)", "rows/s"],
    [line("baseline: exceljs read + bulk insert", base), line("importLoansHere", real)],
  );
  await db().$disconnect();
  await bench.stop();
}

if (process.argv[2] === "--child") await child(process.argv[3]!);
else await main();
