/**
 * 国家助学贷款 pages of a province: the imports with their review counts, the records list (masked, with
 * filters), per-year totals of APPROVED records, the cap table and its edit, an import's progress and
 * rejected rows, one record's full ID number (audited) and the export of the filtered list (audited).
 * Every function takes the caller through lib/services/loan-context.ts (province supervisors only).
 */
import "server-only";
import { reveal } from "@/lib/crypto/keys";
import {
  approvedYearTotals,
  eachLoanRecord,
  findLoanImport,
  importReviewCounts,
  listLoanImports,
  listLoanRecords,
  listRepaymentRecords,
  loanCapRows,
  loanIdCipher,
  loanImportRejections,
  saveLoanCap,
  type LoanFilter,
  type LoanImportRow,
  type LoanListRow,
} from "@/lib/db/loans.repo";
import { lookupHash } from "@/lib/crypto/keys";
import {
  ID_TYPE_LABELS,
  LOAN_INSTITUTION_CATEGORY_LABELS,
  LOAN_LEVEL_LABELS,
  LOAN_REVIEW_STATE_LABELS,
  LOAN_TYPE_LABELS,
  LOAN_LEVELS,
  type LoanReviewState,
  type LoanLevel,
} from "@/lib/domain/codes";
import { normaliseIdNumber } from "@/lib/domain/id-number";
import { fenToYuan, yuanToFen } from "@/lib/domain/household";
import { academicYearLabel, parseAcademicYear } from "@/lib/domain/loans";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { parseInput } from "@/lib/forms/field-errors";
import { loanCapSchema } from "@/lib/schemas/loans";
import type { SheetSpec, XlsxCell } from "@/lib/xlsx";
import { audit } from "./audit";
import { loanContext } from "./loan-context";
import { provinceCaps } from "./loan-import";

export const LOAN_PAGE_SIZE = 50;

export type LoanImportView = LoanImportRow & {
  pending: number;
  approved: number;
  refused: number;
  /** Still RUNNING but not touched for 10 minutes: its worker died and the queue has not resumed it yet. */
  stale: boolean;
};

const text = (raw: unknown) => (typeof raw === "string" ? raw.trim() : "");

/** The list filters from the query string; anything unknown is ignored. */
export function loanFilterOf(raw: Record<string, unknown>): { filter: LoanFilter; page: number } {
  const state = text(raw.state);
  const level = text(raw.level);
  const year = parseAcademicYear(text(raw.year));
  const idNumber = normaliseIdNumber(text(raw.idNumber));
  const page = Number(text(raw.page));
  const filter: LoanFilter = {
    academicYear: year ?? undefined,
    reviewState: state in LOAN_REVIEW_STATE_LABELS ? (state as LoanReviewState) : undefined,
    level: (LOAN_LEVELS as readonly string[]).includes(level) ? (level as LoanLevel) : undefined,
    bank: text(raw.bank).slice(0, 50) || undefined,
    contractNo: text(raw.contractNo).slice(0, 60) || undefined,
    idNumberHash: idNumber ? lookupHash(idNumber, "idNumber") : undefined,
    importId: /^[a-z0-9]{20,40}$/.test(text(raw.importId)) ? text(raw.importId) : undefined,
  };
  return { filter, page: Number.isInteger(page) && page > 0 ? page : 1 };
}

/** The loans overview: the caller's duty, imports, per-year totals of approved records, the cap table. */
export async function viewLoanOverview(user: SessionUser) {
  const ctx = await loanContext(user, "loan.view");
  if (!ctx.ok) return ctx;
  const { regionId } = ctx.data;
  const [imports, totals, caps] = await Promise.all([
    listLoanImports(regionId, 30),
    approvedYearTotals(regionId),
    loanCapRows(regionId),
  ]);
  const counts = await importReviewCounts(imports.map((row) => row.id));
  const now = Date.now();
  return ok({
    duty: ctx.data.duty,
    imports: imports.map((row): LoanImportView => ({
      ...row,
      pending: counts.get(row.id)?.PENDING ?? 0,
      approved: counts.get(row.id)?.APPROVED ?? 0,
      refused: counts.get(row.id)?.REFUSED ?? 0,
      stale: row.state === "RUNNING" && row.attempts > 0 && now - row.updatedAt.getTime() > 10 * 60_000,
    })),
    totals,
    caps,
  });
}

/** One page of loan records (masked) and, for the same import or contract, the repayments. */
export async function viewLoanRecords(user: SessionUser, raw: Record<string, unknown>) {
  const ctx = await loanContext(user, "loan.view");
  if (!ctx.ok) return ctx;
  const { filter, page } = loanFilterOf(raw);
  const skip = (page - 1) * LOAN_PAGE_SIZE;
  const [loans, repayments] = await Promise.all([
    listLoanRecords(ctx.data.regionId, filter, { skip, take: LOAN_PAGE_SIZE }),
    listRepaymentRecords(
      ctx.data.regionId,
      { reviewState: filter.reviewState, importId: filter.importId, contractNo: filter.contractNo },
      { skip: 0, take: LOAN_PAGE_SIZE },
    ),
  ]);
  return ok({
    duty: ctx.data.duty,
    filter,
    page,
    pages: Math.max(1, Math.ceil(loans.total / LOAN_PAGE_SIZE)),
    loans,
    repayments,
  });
}

/** An import's progress and counts, for the page's progress bar (the shape of ImportUpload's job). */
export async function loanImportStatus(user: SessionUser, importId: string) {
  const ctx = await loanContext(user, "loan.import", "OPERATOR");
  if (!ctx.ok) return ctx;
  const found = await findLoanImport(ctx.data.regionId, importId);
  if (!found) return fail("NOT_FOUND", "导入任务不存在。");
  return ok({
    id: found.id,
    state: found.state,
    queued: found.state === "RUNNING" && found.attempts === 0,
    progress: found.progress,
    processedRows: found.processedRows,
    committed: found.committed,
    message: found.message,
    created: found.imported,
    updated: 0,
    unchanged: 0,
    rejected: found.rejected,
    matched: 0,
    unmatched: 0,
    newlyMatched: 0,
  });
}

/** The rejected rows of an import (row number, reason), for their download. */
export async function loanImportRejectedRows(user: SessionUser, importId: string) {
  const ctx = await loanContext(user, "loan.import", "OPERATOR");
  if (!ctx.ok) return ctx;
  const found = await findLoanImport(ctx.data.regionId, importId);
  if (!found) return fail("NOT_FOUND", "导入任务不存在。");
  return ok({ fileName: found.fileName, rows: await loanImportRejections(importId) });
}

/** The operator may download a template (and start imports). */
export async function mayImportLoans(user: SessionUser): Promise<ActionResult<undefined>> {
  const ctx = await loanContext(user, "loan.import", "OPERATOR");
  return ctx.ok ? ok(undefined) : ctx;
}

/** Sets the cap of a level from an academic year on (added, or changed when that year has a row). */
export async function saveProvinceLoanCap(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await loanContext(user, "loan.cap_edit", "OPERATOR");
  if (!ctx.ok) return ctx;
  const input = parseInput(loanCapSchema, raw);
  if (!input.ok) return input;
  const capFen = yuanToFen(input.data.capYuan);
  if (!capFen || capFen <= 0) return fail("INVALID", "请按提示修改后再提交。", { capYuan: "额度应大于 0" });
  const before = (await provinceCaps(ctx.data.regionId)).find(
    (cap) => cap.level === input.data.level && cap.fromYear === input.data.fromYear,
  );
  const id = await saveLoanCap(
    ctx.data.regionId,
    { level: input.data.level, fromYear: input.data.fromYear, capFen },
    user.id,
  );
  await audit(
    ctx.data,
    "loan.cap_change",
    { type: "LoanCap", id },
    { level: input.data.level, fromYear: input.data.fromYear, capFen, beforeFen: before?.capFen ?? null },
  );
  return ok(undefined);
}

/** One loan record's full ID number, on the supervisor's click; audited. */
export async function revealLoanIdNumber(
  user: SessionUser,
  loanId: string,
  ip: string | null = null,
): Promise<ActionResult<{ idNumber: string }>> {
  const ctx = await loanContext(user, "loan.reveal_id");
  if (!ctx.ok) return ctx;
  if (!/^[a-z0-9]{20,40}$/.test(loanId)) return fail("NOT_FOUND", "贷款记录不存在。");
  const found = await loanIdCipher(ctx.data.regionId, loanId);
  if (!found) return fail("NOT_FOUND", "贷款记录不存在。");
  await audit(ctx.data, "loan.id_revealed", { type: "LoanRecord", id: loanId }, {}, { ip });
  return ok({ idNumber: reveal(found.idNumberCipher) });
}

export const LOAN_EXPORT_SHEET: SheetSpec = {
  name: "贷款信息",
  columns: [
    { header: "学年" },
    { header: "借款学生姓名" },
    { header: "证件类型" },
    { header: "证件号码（脱敏）", text: true, width: 22 },
    { header: "学校标识码", text: true },
    { header: "学校名称", width: 24 },
    { header: "院校类型" },
    { header: "培养层次" },
    { header: "合同编号", text: true, width: 20 },
    { header: "经办银行", width: 24 },
    { header: "发放金额（元）", money: true },
    { header: "发放日期" },
    { header: "贷款类型" },
    { header: "审核状态" },
    { header: "审核意见", width: 30 },
  ],
};

const exportRow = (row: LoanListRow): XlsxCell[] => [
  academicYearLabel(row.academicYear),
  row.studentName,
  ID_TYPE_LABELS[row.idType],
  row.idNumberMasked,
  row.institutionCode,
  row.institutionName,
  row.institutionCategory ? LOAN_INSTITUTION_CATEGORY_LABELS[row.institutionCategory] : "",
  LOAN_LEVEL_LABELS[row.level],
  row.contractNo,
  row.bank,
  row.amountFen / 100,
  row.grantedOn.toISOString().slice(0, 10),
  LOAN_TYPE_LABELS[row.loanType],
  LOAN_REVIEW_STATE_LABELS[row.reviewState],
  row.reviewComment ?? "",
];

/** The filtered loan records as .xlsx rows (masked ID numbers), streamed page by page; audited first. */
export async function loanExport(
  user: SessionUser,
  raw: Record<string, unknown>,
): Promise<ActionResult<{ filename: string; rows: AsyncGenerator<XlsxCell[]> }>> {
  const ctx = await loanContext(user, "loan.export");
  if (!ctx.ok) return ctx;
  const { filter } = loanFilterOf(raw);
  await audit(ctx.data, "loan.export", null, {
    academicYear: filter.academicYear ?? null,
    reviewState: filter.reviewState ?? null,
    level: filter.level ?? null,
    bank: filter.bank ?? null,
    byContract: Boolean(filter.contractNo),
    byIdNumber: Boolean(filter.idNumberHash),
  });
  const regionId = ctx.data.regionId;
  async function* rows() {
    for await (const row of eachLoanRecord(regionId, filter)) yield exportRow(row);
  }
  const year = filter.academicYear !== undefined ? `-${academicYearLabel(filter.academicYear)}` : "";
  return ok({ filename: `贷款信息${year}.xlsx`, rows: rows() });
}

/** "20000.00" for a cap row. */
export const capYuan = (fen: number) => fenToYuan(fen);
