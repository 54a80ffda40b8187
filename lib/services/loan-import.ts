/**
 * 贷款信息录入 / 还款信息录入: a province operator's .xlsx of loan or repayment records (layout and rules:
 * docs/loans-import.md), run as a background job (queue `loan-import`, lib/jobs/queues.ts). The upload goes
 * to the encrypted file store, a LoanImport row records the job, and any worker runs it: it reads the file
 * in one streaming pass, validates each row (lib/domain/loans.ts) and writes in batches of
 * {@link LOAN_BATCH} rows, updating the progress after each batch (the page polls it). Modes as the
 * roster import: GOOD_ROWS commits batch by batch and skips bad rows; ALL_OR_NOTHING runs in ONE
 * transaction that is rolled back when any row is bad (every bad row is still reported). Every bad row is
 * kept with its row number and Chinese reason. Records start PENDING until the province's leader reviews them
 * (lib/services/loan-review.ts).
 *
 * A rerun after a crash writes nothing twice: records are unique per (import, row number) and inserted with
 * skipDuplicates, rejected rows likewise, and the final counts are read back from the database.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session";
import { batchSealer, lookupHash } from "@/lib/crypto/keys";
import { readAhead } from "@/lib/xlsx/read-ahead";
import { db, type Tx } from "@/lib/db/client";
import {
  addLoanRejections,
  clearLoanImportFile,
  contractsInUse,
  createLoanImport,
  failLoanImport,
  finishLoanImport,
  findLoanImport,
  hasRunningLoanImport,
  insertLoanRecords,
  insertRepaymentRecords,
  loanCapRows,
  loanImportForRun,
  loanImportTotals,
  loansForRepayment,
  repaymentKey,
  startLoanImportAttempt,
  updateLoanImportProgress,
  yearHasApprovedLoans,
  type LoanImportRow,
  type NewLoanRecord,
} from "@/lib/db/loans.repo";
import { enqueueJob } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { fenToYuan } from "@/lib/domain/household";
import {
  academicYearLabel,
  chinaTimeToDate,
  LOAN_COLUMNS,
  MISSING_LOAN_REASON,
  NATIONAL_LOAN_CAPS,
  parseAcademicYear,
  REPAYMENT_COLUMNS,
  validateLoanRow,
  validateRepaymentRow,
  type LoanCapRow,
} from "@/lib/domain/loans";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { evidenceStorage } from "@/lib/storage";
import { readTable, XlsxInputError, type ReadLimits } from "@/lib/xlsx";
import { audit } from "./audit";
import { importTempDir } from "./import-job-runner";
import { QUEUE_DOWN_MESSAGE, redactedError } from "./import-start";
import { loanContext, type LoanContext } from "./loan-context";

/** How the file is read: the reader's limits, in this process (tests), a larger file limit (benchmarks). */
export type LoanReadOptions = { limits?: ReadLimits; inProcess?: boolean; maxBytes?: number };

/** Rows per database batch. */
export const LOAN_BATCH = 1000;

export type LoanImportKind = "LOAN" | "REPAYMENT";
export type LoanImportMode = "ALL_OR_NOTHING" | "GOOD_ROWS";

/** What the `loan-import` queue's job carries: the LoanImport and who started it (no file, no secrets). */
export type LoanImportJobData = {
  importId: string;
  user: Pick<SessionUser, "id" | "role" | "schoolId" | "regionId" | "regionPath" | "personId">;
};

export type LoanUpload = {
  kind: LoanImportKind;
  mode: LoanImportMode;
  /** The academic year of a loan file, as the form sent it ("2024" or "2024-2025"). */
  academicYear?: string;
  filePath: string;
  fileName: string;
  removeFile?: boolean;
};

export const LOAN_GAVE_UP_MESSAGE =
  "导入失败：多次尝试仍未能完成（系统出错或服务器中断）。“只导入正确的行”方式下已完成的批次已保存（待审核），“全部不导入”方式则没有导入任何数据；请稍后重新导入该文件。";

const jobData = (user: SessionUser, importId: string): LoanImportJobData => {
  const { id, role, schoolId, regionId, regionPath, personId } = user;
  return { importId, user: { id, role, schoolId, regionId, regionPath, personId } };
};

/** The province's caps (its table; the national caps when it has none). */
export async function provinceCaps(regionId: string): Promise<LoanCapRow[]> {
  const rows = await loanCapRows(regionId);
  return rows.length ? rows : [...NATIONAL_LOAN_CAPS];
}

/** Checks and stores the upload and creates the LoanImport row; its id. The file is removed when asked. */
async function createImport(
  user: SessionUser,
  upload: LoanUpload,
): Promise<ActionResult<{ importId: string; ctx: LoanContext }>> {
  try {
    const ctx = await loanContext(user, "loan.import", "OPERATOR");
    if (!ctx.ok) return ctx;
    const regionId = ctx.data.regionId;
    let academicYear: number | null = null;
    if (upload.kind === "LOAN") {
      academicYear = parseAcademicYear(upload.academicYear ?? "");
      if (academicYear === null)
        return fail("INVALID", "请选择本次导入的学年。", { academicYear: "请选择学年，如 2024-2025" });
    }
    if (await hasRunningLoanImport(regionId, upload.kind))
      return fail("CONFLICT", "本省已有一个同类导入正在进行，请等它完成后再导入。");
    const scope =
      academicYear !== null && (await yearHasApprovedLoans(regionId, academicYear))
        ? "SUPPLEMENTARY"
        : "CURRENT";
    let fileKey: string;
    try {
      const file = await readFile(upload.filePath);
      fileKey = await evidenceStorage().put(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
    } catch (error) {
      console.error("loan import: could not store the upload", redactedError(error));
      return fail("UNAVAILABLE", QUEUE_DOWN_MESSAGE);
    }
    const importId = await createLoanImport({
      regionId,
      kind: upload.kind,
      academicYear,
      scope,
      mode: upload.mode,
      fileName: upload.fileName,
      createdById: user.id,
      fileKey,
    });
    return ok({ importId, ctx: ctx.data });
  } finally {
    if (upload.removeFile) await unlink(upload.filePath).catch(() => undefined);
  }
}

/** Starts an import: stored, recorded and queued for a worker; the page then polls the LoanImport row. */
export async function beginLoanImport(
  user: SessionUser,
  upload: LoanUpload,
): Promise<ActionResult<{ importId: string }>> {
  const created = await createImport(user, upload);
  if (!created.ok) return created;
  const { importId } = created.data;
  try {
    await enqueueJob(QUEUES.loanImport, jobData(user, importId));
  } catch (error) {
    console.error("loan import: could not queue", redactedError(error));
    await failLoanImport(importId, QUEUE_DOWN_MESSAGE).catch(() => undefined);
    return fail("UNAVAILABLE", QUEUE_DOWN_MESSAGE);
  }
  return ok({ importId });
}

/**
 * Runs a whole import in this process through the worker's runner and returns the finished import (tests,
 * scripts, the seed). `limits` lower the reader's bounds; `inProcess` reads without the child process.
 */
export async function importLoansHere(
  user: SessionUser,
  upload: LoanUpload,
  read: LoanReadOptions = {},
): Promise<ActionResult<LoanImportRow>> {
  const created = await createImport(user, upload);
  if (!created.ok) return created;
  const { importId, ctx } = created.data;
  await runLoanImportJob(jobData(user, importId), read).catch(async (error: unknown) => {
    console.error("loan import failed", redactedError(error));
    await failLoanImport(importId, "导入失败：系统出错，请稍后重试或联系技术支持。");
  });
  const found = await findLoanImport(ctx.regionId, importId);
  return found ? ok(found) : fail("NOT_FOUND", "导入任务不存在。");
}

/** The dead-letter side: the retries are used up. */
export async function giveUpLoanImportJob(data: LoanImportJobData): Promise<void> {
  const job = await loanImportForRun(data.importId);
  if (!job) return;
  await failLoanImport(job.id, LOAN_GAVE_UP_MESSAGE);
  if (job.fileKey) {
    await evidenceStorage().delete(job.fileKey);
    await clearLoanImportFile(job.id);
  }
}

class Rollback extends Error {}

type Rejection = { rowNumber: number; reason: string };
type RowOf<K extends LoanImportKind> = K extends "LOAN"
  ? { rowNumber: number; values: Parameters<typeof validateLoanRow>[0] }
  : { rowNumber: number; values: Parameters<typeof validateRepaymentRow>[0] };

/**
 * One run (or rerun) of a loan import job. Ends the job DONE, or FAILED for a problem of the file itself
 * (a Chinese reason); throws on anything else (the database, the store), and the queue retries it.
 */
export async function runLoanImportJob(data: LoanImportJobData, read: LoanReadOptions = {}): Promise<void> {
  const job = await loanImportForRun(data.importId);
  if (!job) return;
  const dropUpload = async () => {
    if (!job.fileKey) return;
    await evidenceStorage().delete(job.fileKey);
    await clearLoanImportFile(job.id);
  };
  if (job.state !== "RUNNING") return dropUpload();
  const user: SessionUser = { ...data.user, displayName: "", mustChangePassword: false };
  const ctx = await loanContext(user, "loan.import", "OPERATOR");
  if (!ctx.ok || ctx.data.regionId !== job.regionId) {
    await failLoanImport(job.id, `导入失败：${ctx.ok ? "导入人已不属于本省。" : ctx.message}`);
    return dropUpload();
  }
  await startLoanImportAttempt(job.id);
  const dir = importTempDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const filePath = path.join(dir, `${randomBytes(16).toString("hex")}.xlsx`);
  const bytes = job.fileKey ? await evidenceStorage().get(job.fileKey) : null;
  if (!bytes) {
    await failLoanImport(
      job.id,
      "导入失败：上传的文件已不在文件存储中（可能已被清理或存储出错），本次没有导入任何数据。请重新上传该文件。",
    );
    await clearLoanImportFile(job.id);
    return;
  }
  await writeFile(filePath, bytes, { mode: 0o600 });
  try {
    await runOverFile(ctx.data, { ...job, academicYear: job.academicYear }, filePath, read);
  } finally {
    await rm(filePath, { force: true });
  }
  await dropUpload();
}

type RunJob = {
  id: string;
  regionId: string;
  kind: LoanImportKind;
  academicYear: number | null;
  mode: LoanImportMode;
  fileName: string;
};

async function runOverFile(
  ctx: LoanContext,
  job: RunJob,
  filePath: string,
  read: LoanReadOptions,
): Promise<void> {
  const goodRows = job.mode === "GOOD_ROWS";
  const today = new Date();
  const caps = job.kind === "LOAN" ? await provinceCaps(job.regionId) : [];
  let processed = 0;
  let progress = 0;
  let rejectedSoFar = 0;
  let batch: RowOf<typeof job.kind>[] = [];
  // Duplicates within the file: contract number → first row (loans); loan+time+amount → first row (repayments).
  const firstRow = new Map<string, number>();
  // This file's accepted repayments so far, per loan (the database's totals leave out this import's rows).
  const ownRepaid = new Map<string, number>();
  const writeBatch =
    job.kind === "LOAN"
      ? (tx: Tx, rows: RowOf<"LOAN">[], write: boolean) =>
          loanBatch(tx, ctx, job, rows, caps, today, firstRow, write)
      : (tx: Tx, rows: RowOf<"REPAYMENT">[], write: boolean) =>
          repaymentBatch(tx, ctx, job, rows, today, { firstRow, ownRepaid }, write);

  const flush = async (tx: Tx | null) => {
    const rows = batch;
    batch = [];
    const run = async (client: Tx) => {
      // ALL_OR_NOTHING: after the first bad row nothing more is written (the rest is only checked).
      const write = goodRows || rejectedSoFar === 0;
      const rejections = await (
        writeBatch as (tx: Tx, rows: unknown[], write: boolean) => Promise<Rejection[]>
      )(client, rows, write);
      // Rejected rows of ALL_OR_NOTHING are kept outside its transaction, for the report.
      await addLoanRejections(goodRows ? client : db(), job.id, rejections);
      return rejections.length;
    };
    rejectedSoFar += tx ? await run(tx) : await db().$transaction(run, { timeout: 120_000 });
    await updateLoanImportProgress(job.id, { progress: Math.min(99, progress), processedRows: processed });
  };

  const readAll = async (tx: Tx | null) => {
    const columns = job.kind === "LOAN" ? LOAN_COLUMNS : REPAYMENT_COLUMNS;
    const rows = readTable(filePath, columns, {
      ...read.limits,
      inProcess: read.inProcess,
      maxBytes: read.maxBytes,
      onProgress: (done: number, total: number) => {
        progress = Math.floor((done / total) * 100);
      },
    });
    // Two batches read ahead: the reading child parses on while a batch is checked, sealed and written.
    for await (const row of readAhead(rows, 2 * LOAN_BATCH)) {
      processed++;
      batch.push(row as RowOf<typeof job.kind>);
      if (batch.length >= LOAN_BATCH) await flush(tx);
    }
    if (batch.length) await flush(tx);
  };

  const what = job.kind === "LOAN" ? "贷款" : "还款";
  try {
    if (goodRows) await readAll(null);
    else
      await db()
        .$transaction(
          async (tx) => {
            await readAll(tx);
            if (rejectedSoFar > 0) throw new Rollback();
          },
          { timeout: 60 * 60_000, maxWait: 30_000 },
        )
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
  } catch (error) {
    if (!(error instanceof XlsxInputError)) throw error;
    const end = async (tx: Tx) => {
      const totals = goodRows ? await loanImportTotals(tx, job.id, job.kind) : { imported: 0, rejected: 0 };
      const kept = totals.imported > 0;
      const message = kept
        ? `${error.message}（出错前已完成的批次已保存：已导入 ${totals.imported} 条${what}记录，待审核。）`
        : `${error.message}本次没有导入任何数据。`;
      if (
        !(await finishLoanImport(tx, job.id, {
          ...totals,
          state: "FAILED",
          committed: kept,
          message,
          processedRows: processed,
        }))
      )
        return;
      await audit(
        ctx,
        job.kind === "LOAN" ? "loan.import" : "loan.repayment_import",
        { type: "LoanImport", id: job.id },
        {
          fileName: job.fileName,
          mode: job.mode,
          failed: message,
        },
        { tx },
      );
    };
    await db().$transaction(end);
    return;
  }

  await db().$transaction(async (tx) => {
    const totals = await loanImportTotals(tx, job.id, job.kind);
    const committed = goodRows || totals.rejected === 0;
    const imported = committed ? totals.imported : 0;
    const yearText = job.academicYear !== null ? `${academicYearLabel(job.academicYear)}` : "";
    const message = committed
      ? `导入完成：${yearText}导入${what}记录 ${imported} 条（待审核），未导入 ${totals.rejected} 行。`
      : `发现 ${totals.rejected} 行有错误。按“有错误则全部不导入”的方式，本次没有导入任何数据；请按行号改正后重新导入。`;
    const ended = await finishLoanImport(tx, job.id, {
      state: "DONE",
      imported,
      rejected: totals.rejected,
      committed,
      message,
      processedRows: processed,
    });
    if (!ended) return;
    await audit(
      ctx,
      job.kind === "LOAN" ? "loan.import" : "loan.repayment_import",
      { type: "LoanImport", id: job.id },
      {
        fileName: job.fileName,
        mode: job.mode,
        academicYear: job.academicYear,
        committed,
        rows: processed,
        imported,
        rejected: totals.rejected,
      },
      { tx },
    );
  });
}

/** Validates and (when `write`) inserts one batch of loan rows; its rejected rows. */
async function loanBatch(
  tx: Tx,
  ctx: LoanContext,
  job: RunJob,
  rows: RowOf<"LOAN">[],
  caps: LoanCapRow[],
  today: Date,
  firstRow: Map<string, number>,
  write: boolean,
): Promise<Rejection[]> {
  const rejections: Rejection[] = [];
  const valid: {
    rowNumber: number;
    row: Extract<ReturnType<typeof validateLoanRow>, { ok: true }>["row"];
  }[] = [];
  for (const { rowNumber, values } of rows) {
    const checked = validateLoanRow(values, { year: job.academicYear!, caps, today });
    if (!checked.ok) {
      rejections.push({ rowNumber, reason: checked.reason });
      continue;
    }
    const first = firstRow.get(checked.row.contractNo);
    if (first !== undefined) {
      rejections.push({
        rowNumber,
        reason: `合同编号 ${checked.row.contractNo} 与第 ${first} 行重复，同一合同只能导入一次`,
      });
      continue;
    }
    firstRow.set(checked.row.contractNo, rowNumber);
    valid.push({ rowNumber, row: checked.row });
  }
  const inUse = await contractsInUse(
    tx,
    ctx.regionId,
    [...new Set(valid.map((item) => item.row.contractNo))],
    job.id,
  );
  const records: NewLoanRecord[] = [];
  const sealId = batchSealer();
  for (const { rowNumber, row } of valid) {
    const state = inUse.get(row.contractNo);
    if (state === "APPROVED")
      rejections.push({
        rowNumber,
        reason: `合同编号 ${row.contractNo} 已有审核通过的贷款记录，不能重复导入`,
      });
    else if (state === "PENDING")
      rejections.push({
        rowNumber,
        reason: `合同编号 ${row.contractNo} 已在另一次导入中待审核，请等审核后再导入（审核不通过的记录改正后可重新导入）`,
      });
    else if (write) {
      const sealed = sealId(row.idNumber, "idNumber");
      records.push({
        rowNumber,
        academicYear: row.academicYear,
        studentName: row.studentName,
        idType: row.idType,
        idNumberCipher: sealed.cipher,
        idNumberHash: sealed.hash,
        idNumberMasked: sealed.masked,
        institutionCode: row.institutionCode,
        institutionName: row.institutionName,
        institutionCategory: row.institutionCategory,
        level: row.level,
        contractNo: row.contractNo,
        bank: row.bank,
        amountFen: row.amountFen,
        grantedOn: new Date(`${row.grantedOn}T00:00:00Z`),
        loanType: row.loanType,
      });
    }
  }
  if (write && (job.mode === "GOOD_ROWS" || rejections.length === 0) && records.length)
    await insertLoanRecords(tx, ctx.regionId, job.id, records);
  return rejections;
}

/**
 * Validates and (when `write`) inserts one batch of repayment rows. The loans are locked (FOR UPDATE) and
 * their repaid totals read in this transaction; the batch's own rows are added as they are accepted, so
 * two repayments of one loan in a file, or in two files, never exceed the loan (the trigger of migration
 * 560 checks the same).
 */
async function repaymentBatch(
  tx: Tx,
  ctx: LoanContext,
  job: RunJob,
  rows: RowOf<"REPAYMENT">[],
  today: Date,
  seen: { firstRow: Map<string, number>; ownRepaid: Map<string, number> },
  write: boolean,
): Promise<Rejection[]> {
  const { firstRow, ownRepaid } = seen;
  const rejections: Rejection[] = [];
  const valid: {
    rowNumber: number;
    row: Extract<ReturnType<typeof validateRepaymentRow>, { ok: true }>["row"];
  }[] = [];
  for (const { rowNumber, values } of rows) {
    const checked = validateRepaymentRow(values, today);
    if (checked.ok) valid.push({ rowNumber, row: checked.row });
    else rejections.push({ rowNumber, reason: checked.reason });
  }
  const { loans, repaymentKeys } = await loansForRepayment(
    tx,
    ctx.regionId,
    [...new Set(valid.map((item) => item.row.contractNo))],
    job.id,
  );
  const accepted: { rowNumber: number; loanId: string; amountFen: number; repaidAt: Date }[] = [];
  for (const { rowNumber, row } of valid) {
    const loan = loans.get(row.contractNo);
    if (!loan || loan.reviewState === "REFUSED") {
      rejections.push({ rowNumber, reason: `${MISSING_LOAN_REASON}（合同编号 ${row.contractNo}）` });
      continue;
    }
    if (loan.reviewState !== "APPROVED") {
      rejections.push({
        rowNumber,
        reason: `合同编号 ${row.contractNo} 的贷款信息尚未审核通过，请待审核通过后再录入还款`,
      });
      continue;
    }
    if (lookupHash(row.idNumber, "idNumber") !== loan.idNumberHash) {
      rejections.push({ rowNumber, reason: `证件号码与合同编号 ${row.contractNo} 的借款学生不一致，请核对` });
      continue;
    }
    const repaidAt = chinaTimeToDate(row.repaidAt);
    const key = repaymentKey(loan.id, repaidAt, row.amountFen);
    const first = firstRow.get(key);
    if (first !== undefined) {
      rejections.push({ rowNumber, reason: `与第 ${first} 行重复（合同编号、还款时间和金额均相同）` });
      continue;
    }
    if (repaymentKeys.has(key)) {
      rejections.push({ rowNumber, reason: "该笔还款（合同编号、还款时间和金额均相同）已经导入过" });
      continue;
    }
    const repaid = loan.repaidFen + (ownRepaid.get(loan.id) ?? 0);
    if (repaid + row.amountFen > loan.amountFen) {
      rejections.push({
        rowNumber,
        reason: `还款金额超出贷款余额：贷款 ${fenToYuan(loan.amountFen)} 元，已还（含待审核）${fenToYuan(repaid)} 元，本次 ${fenToYuan(row.amountFen)} 元`,
      });
      continue;
    }
    firstRow.set(key, rowNumber);
    ownRepaid.set(loan.id, (ownRepaid.get(loan.id) ?? 0) + row.amountFen);
    accepted.push({ rowNumber, loanId: loan.id, amountFen: row.amountFen, repaidAt });
  }
  if (write && (job.mode === "GOOD_ROWS" || rejections.length === 0) && accepted.length)
    await insertRepaymentRecords(tx, ctx.regionId, job.id, accepted);
  return rejections;
}
