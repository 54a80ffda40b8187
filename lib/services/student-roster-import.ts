/**
 * 在校生信息导入 (file layout and rules: docs/student-roster-import.md).
 *
 * The file is read in one streaming pass that reads, validates (pure, in
 * lib/domain/student-roster-row.ts) and writes in batches of {@link ROSTER_BATCH}
 * rows, so memory stays flat whatever the row count. Modes:
 * - ALL_OR_NOTHING ("有错误则全部不导入"): the whole import runs in ONE
 *   transaction; after the first bad row writing stops (the rest is only
 *   validated, so every bad row is still reported) and the transaction is
 *   rolled back at the end.
 * - GOOD_ROWS ("只导入正确的行"): each batch is its own transaction; bad rows
 *   are skipped and reported.
 * Progress (share of the file read, rows processed, counts) is written to the
 * ImportJob row after every batch; the page polls it. Rejected rows are kept
 * with their row number, Chinese reason and their cells (encrypted) for the
 * downloadable rejected-rows file.
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { encryptField } from "@/lib/crypto/field-crypto";
import { fieldKeys, lookupHash, seal } from "@/lib/crypto/keys";
import { db, type Tx } from "@/lib/db/client";
import {
  addRejections,
  committedBatches,
  recordBatch,
  updateImportJob,
  ZERO_COUNTS,
  type ImportBatchRecord,
  type ImportCounts,
  type ImportJobView,
} from "@/lib/db/import-jobs.repo";
import { rematchSchool } from "@/lib/db/special-groups.repo";
import {
  listGradeRefs,
  refreshRosterStatistics,
  upsertRosterBatch,
  type PreparedRow,
  type RowOutcome,
} from "@/lib/db/student-roster.repo";
import {
  RosterDuplicates,
  rosterCells,
  ROSTER_COLUMNS,
  ROSTER_KEYS,
  validateRosterRow,
  type GradeRef,
  type RosterValues,
} from "@/lib/domain/student-roster-row";
import { queueImport } from "@/lib/services/import-queue";
import { readTable, XlsxInputError } from "@/lib/xlsx";
import type { ActionResult } from "@/lib/domain/result";
import { audit } from "./audit";
import { endImportJob } from "./import-finish";
import { importJobContext, mayStartImport, queuedOrRefused, runImportHere } from "./import-start";
import type { ImportKindRunner, ReadInput } from "./import-job-runner";

/** Rows per database batch (one lookup query per table and one INSERT per table each). */
export const ROSTER_BATCH = 2000;
export type ImportMode = "ALL_OR_NOTHING" | "GOOD_ROWS";
/** How the file is read: limits of the reading child process and the file (defaults in lib/xlsx; tests lower them). */
export type RosterImportInput = {
  filePath: string;
  fileName: string;
  mode: ImportMode;
  /** delete the file when done (uploads) */ removeFile?: boolean;
} & ReadInput;

class Rollback extends Error {}

/**
 * True for a unique violation (PostgreSQL 23505), however the driver reports it: two schools importing
 * the same new person at once collide on Person's ID-number index or the one-enrolment index
 * (prisma/migrations/213.do.student-one-enrolled.sql).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const err = error as { code?: unknown; meta?: Record<string, unknown>; cause?: unknown; message?: unknown };
  if (err.code === "P2002" || err.code === "23505") return true;
  if (
    err.meta &&
    (err.meta.code === "23505" ||
      (err.meta.driverAdapterError as { cause?: { originalCode?: string } })?.cause?.originalCode === "23505")
  )
    return true;
  if (typeof err.message === "string" && /\b23505\b|unique constraint/i.test(err.message)) return true;
  return err.cause !== undefined && err.cause !== error && isUniqueViolation(err.cause);
}

const CONCURRENT_IMPORT_MESSAGE =
  "导入失败：另一所学校正在同时导入同一名学生（身份证件号相同），本次导入与其冲突。请稍后重新导入本文件；" +
  "若该学生已在其他学校有学籍记录，对应行会在错误行中说明。";

const EMPTY_VALUES = Object.fromEntries(ROSTER_KEYS.map((k) => [k, ""])) as RosterValues;

/**
 * The blind index now (the upsert looks people up by it); the encryption only
 * when the repository reads `cipher`/`masked`, i.e. for a row that is written.
 * A re-import of an unchanged roster encrypts nothing (bench/import.ts).
 */
function lazySeal(value: string, kind: "idNumber" | "phone"): PreparedRow["id"] {
  let sealed: ReturnType<typeof seal> | undefined;
  const full = () => (sealed ??= seal(value, kind));
  return {
    hash: lookupHash(value, kind),
    get cipher() {
      return full().cipher;
    },
    get masked() {
      return full().masked;
    },
  };
}

function prepare(
  rowNumber: number,
  valid: Extract<ReturnType<typeof validateRosterRow>, { ok: true }>["row"],
): PreparedRow {
  return {
    ...valid,
    rowNumber,
    id: lazySeal(valid.idNumber, "idNumber"),
    guardianPhone: valid.guardian ? lazySeal(valid.guardian.phone, "phone") : null,
    guardianId: valid.guardian?.idNumber ? lazySeal(valid.guardian.idNumber, "idNumber") : null,
  };
}

const sealCells = (v: RosterValues) => encryptField(fieldKeys(), JSON.stringify(rosterCells(v)));

/**
 * Queues a roster import: the upload goes to the encrypted file store and a worker runs the job
 * (lib/services/import-job-runner.ts); the page polls the ImportJob row.
 */
export async function beginRosterImport(
  user: SessionUser,
  input: RosterImportInput,
): Promise<ActionResult<{ jobId: string }>> {
  const allowed = await mayStart(user, input);
  if (!allowed.ok) return allowed;
  return queuedOrRefused(queueRoster(user, allowed.data, input, true), "roster import");
}

const mayStart = (user: SessionUser, input: RosterImportInput) =>
  mayStartImport(
    user,
    "roster.import",
    "ROSTER",
    input,
    "本校已有一个名册导入正在进行，请等它完成后再导入。",
  );

const queueRoster = (user: SessionUser, schoolId: string, input: RosterImportInput, enqueue: boolean) =>
  queueImport({
    user,
    schoolId,
    kind: "ROSTER",
    mode: input.mode,
    fileName: input.fileName,
    filePath: input.filePath,
    removeFile: input.removeFile,
    enqueue,
  });

/**
 * Runs a whole import in this process, through the same job runner a worker uses, and returns the
 * finished job (tests, scripts, benchmarks). A failure the queue would retry ends the job FAILED here.
 */
export async function importRoster(
  user: SessionUser,
  input: RosterImportInput,
): Promise<ActionResult<ImportJobView>> {
  const allowed = await mayStart(user, input);
  if (!allowed.ok) return allowed;
  const jobId = await queueRoster(user, allowed.data, input, false);
  return runImportHere(
    user,
    "roster.import",
    jobId,
    { ROSTER: rosterImportRunner },
    { limits: input.limits, maxBytes: input.maxBytes },
    (error) =>
      isUniqueViolation(error) ? CONCURRENT_IMPORT_MESSAGE : "导入失败：系统出错，请稍后重试或联系技术支持。",
  );
}

/** The roster kind's runner for the import-job runner (lib/services/import-runners.ts). */
export const rosterImportRunner: ImportKindRunner = (user, input, job) =>
  runRosterImportJob(user, { ...input, mode: job.mode as ImportMode });

export type RosterJobInput = {
  jobId: string;
  filePath: string;
  fileName: string;
  mode: ImportMode;
} & ReadInput;

/**
 * One run (or a resumed run) of a roster import job over the file at `filePath`.
 *
 * Rows are taken in batches of {@link ROSTER_BATCH} rows of the file (row k is in batch
 * floor(k / ROSTER_BATCH) whatever happened before), so a re-run cuts the file exactly as the first run
 * did. GOOD_ROWS: each batch's rows, rejected rows and counts are written in one transaction together
 * with its ImportBatch record; a re-run reads and validates the whole file again (the duplicate checks
 * need every row) but skips the recorded batches and adds up their recorded counts. ALL_OR_NOTHING: one
 * transaction for the file (see docs/student-roster-import.md), so an interrupted run has written nothing and
 * the re-run starts from the beginning.
 *
 * Ends the job DONE, or FAILED for a problem of the file (a Chinese reason). Throws on anything else
 * (the database, the store): the queue retries the job, which resumes.
 */
export async function runRosterImportJob(user: SessionUser, input: RosterJobInput): Promise<void> {
  const { jobId } = input;
  const ctx = await importJobContext(user, "roster.import", jobId);
  if (!ctx) return;
  const { schoolId } = ctx;
  const counts: ImportCounts = { ...ZERO_COUNTS };
  let processed = 0;
  let progress = 0;
  let grades: GradeRef[] = [];
  const dups = new RosterDuplicates();
  const today = new Date();
  const goodRows = input.mode === "GOOD_ROWS";
  const done = goodRows ? await committedBatches(jobId) : new Map<number, ImportBatchRecord>();

  // The current batch: rows to write, their cells (for rows the database step rejects), rejected rows.
  let batch: PreparedRow[] = [];
  let cells = new Map<number, RosterValues>();
  let rejects: { rowNumber: number; reason: string; valuesCipher: string }[] = [];
  let batchCounts: ImportCounts = { ...ZERO_COUNTS };
  let batchNo = 0;
  let batchRows = 0;
  const skipping = () => done.has(batchNo);
  const reject = (rowNumber: number, values: RosterValues, reason: string) => {
    batchCounts.rejected++;
    if (!skipping()) rejects.push({ rowNumber, reason, valuesCipher: sealCells(values) });
  };

  // Planner statistics after the created rows first pass 2,000, 8,000, 32,000, … (see refreshRosterStatistics).
  let analyzeAt = 2000;
  const maybeAnalyze = async (tx: Tx) => {
    if (counts.created < analyzeAt) return;
    analyzeAt *= 4;
    await refreshRosterStatistics(tx);
  };

  // Other schools' students this import tried to take over: each school is told after the import (audit).
  const elsewhere: { rowNumber: number; schoolId: string; studentId: string }[] = [];
  const applyOutcomes = (rows: PreparedRow[], outcomes: RowOutcome[], into: typeof elsewhere) => {
    outcomes.forEach((outcome, index) => {
      const row = rows[index]!;
      if (typeof outcome === "string") batchCounts[outcome]++;
      else {
        reject(row.rowNumber, cells.get(row.rowNumber) ?? EMPTY_VALUES, outcome.rejected);
        if (outcome.elsewhere) into.push({ rowNumber: row.rowNumber, ...outcome.elsewhere });
      }
    });
  };
  const addCounts = (added: ImportCounts) => {
    for (const key of Object.keys(counts) as (keyof ImportCounts)[]) counts[key] += added[key];
  };
  const tellOtherSchools = async (tx: Tx) => {
    for (const other of elsewhere)
      await audit(
        { user, schoolId: other.schoolId },
        "roster.import_enrolled_elsewhere",
        { type: "Student", id: other.studentId },
        { importingSchoolId: schoolId, importJobId: jobId, rowNumber: other.rowNumber },
        { tx },
      );
  };

  /** Writes the current batch (or takes its recorded result) and starts the next one. */
  const flush = async (write: (rows: PreparedRow[]) => Promise<void>) => {
    const rows = batch;
    const recorded = done.get(batchNo);
    if (recorded) {
      addCounts(recorded);
      if (Array.isArray(recorded.elsewhere)) elsewhere.push(...(recorded.elsewhere as typeof elsewhere));
    } else {
      await write(rows);
    }
    batch = [];
    cells = new Map();
    rejects = [];
    batchCounts = { ...ZERO_COUNTS };
    batchNo++;
    batchRows = 0;
    await updateImportJob(jobId, { ...counts, processedRows: processed, progress: Math.min(99, progress) });
  };

  /** GOOD_ROWS: the batch's rows, rejected rows, counts and checkpoint in one transaction. */
  const writeBatch = async (rows: PreparedRow[]) => {
    const attempt = () =>
      db().$transaction(
        async (tx) => {
          const startCounts = { ...batchCounts };
          const found: typeof elsewhere = [];
          const before = rejects.length;
          try {
            if (rows.length) applyOutcomes(rows, await upsertRosterBatch(tx, schoolId, rows), found);
            await recordBatch(
              tx,
              jobId,
              { ...batchCounts, batchNo, processedRows: batchRows, elsewhere: found },
              rejects,
            );
          } catch (error) {
            batchCounts = startCounts; // the transaction is rolled back: so are this attempt's outcomes
            rejects.length = before;
            throw error;
          }
          return found;
        },
        { timeout: 120_000 },
      );
    // A unique violation means a concurrent import inserted one of these people first: once it has
    // committed, this batch's retry finds them, locks them and decides each row (upsertRosterBatch).
    const found = await attempt().catch((error: unknown) => {
      if (isUniqueViolation(error)) return attempt();
      throw error;
    });
    elsewhere.push(...found);
    addCounts(batchCounts);
    await maybeAnalyze(db());
  };

  const readAll = async (write: (rows: PreparedRow[]) => Promise<void>) => {
    const onProgress = (read: number, total: number) => {
      progress = Math.floor((read / total) * 100);
    };
    for await (const row of readTable(input.filePath, ROSTER_COLUMNS, {
      ...input.limits,
      maxBytes: input.maxBytes,
      onProgress,
    })) {
      processed++;
      batchRows++;
      const validated = validateRosterRow(row.values, grades, today, row.numeric);
      if (!validated.ok) reject(row.rowNumber, row.values, validated.reason);
      else {
        const prepared = prepare(row.rowNumber, validated.row);
        const dup = dups.check(row.rowNumber, prepared.id.hash, validated.row.studentNo);
        if (dup) reject(row.rowNumber, row.values, dup);
        else if (!skipping()) {
          batch.push(prepared);
          cells.set(row.rowNumber, row.values);
        }
      }
      if (batchRows >= ROSTER_BATCH) await flush(write);
    }
    if (batchRows > 0 || batchNo === 0) await flush(write);
  };

  try {
    grades = await listGradeRefs(ctx.scope);
    if (goodRows) await readAll(writeBatch);
    else {
      try {
        await db().$transaction(
          async (tx) => {
            await readAll(async (rows) => {
              // Rejected rows are kept outside the transaction (idempotent by row number), for the report.
              if (counts.rejected === 0 && batchCounts.rejected === 0 && rows.length)
                applyOutcomes(rows, await upsertRosterBatch(tx, schoolId, rows), elsewhere);
              await addRejections(jobId, rejects);
              addCounts(batchCounts);
              if (counts.rejected === 0) await maybeAnalyze(tx);
            });
            if (counts.rejected > 0) throw new Rollback();
          },
          { timeout: 60 * 60_000, maxWait: 30_000 },
        );
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
      }
    }
  } catch (error) {
    if (!(error instanceof XlsxInputError)) throw error;
    // The file itself is unreadable: no retry helps. Batches committed before stay (GOOD_ROWS).
    const kept = goodRows && counts.created + counts.updated > 0;
    const message = kept
      ? `${error.message}（出错前已完成的批次已保存：新增 ${counts.created} 人，更新 ${counts.updated} 人；重新导入同一文件即可补齐。）`
      : `${error.message}本次没有导入任何数据。`;
    const end = {
      ...(goodRows ? counts : ZERO_COUNTS),
      state: "FAILED" as const,
      committed: kept,
      message,
      processedRows: processed,
    };
    await endImportJob(jobId, end, async (tx) => {
      await tellOtherSchools(tx);
      await audit(
        ctx,
        "roster.import",
        { type: "ImportJob", id: jobId },
        { fileName: input.fileName, mode: input.mode, failed: message },
        { tx },
      );
    });
    return;
  }
  const committed = goodRows || counts.rejected === 0;
  const final = committed ? counts : { ...ZERO_COUNTS, rejected: counts.rejected };
  const message = committed
    ? `导入完成：新增 ${final.created} 人，更新 ${final.updated} 人，无变化 ${final.unchanged} 人，未导入 ${final.rejected} 行。`
    : `发现 ${counts.rejected} 行有错误。按“有错误则全部不导入”的方式，本次没有导入任何数据；请下载错误行，改正后重新导入。`;
  // Students new to the school may be on special-group lists imported earlier (大数据比对).
  if (committed) await rematchSchool(schoolId);
  const end = { ...final, state: "DONE" as const, committed, message, processedRows: processed };
  await endImportJob(jobId, end, async (tx) => {
    await tellOtherSchools(tx);
    await audit(
      ctx,
      "roster.import",
      { type: "ImportJob", id: jobId },
      { fileName: input.fileName, mode: input.mode, committed, rows: processed, ...final },
      { tx },
    );
  });
}
