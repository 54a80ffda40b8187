/**
 * 国家助学贷款 of a province: the cap table, loan and repayment imports, their records and reviews.
 * Every query takes the province's region id (the caller's, from lib/services/loan-context.ts), so one
 * province never reads or changes another's rows.
 */
import "server-only";
import { db, type Tx } from "./client";
import { Prisma } from "./generated/client";
import type {
  IdType,
  ImportMode,
  LoanImportKind,
  LoanImportScope,
  LoanInstitutionCategory,
  LoanLevel,
  LoanReviewState,
  LoanType,
  SupervisorDuty,
  RegionLevel,
} from "./generated/client";
import type { LoanCapRow } from "@/lib/domain/loans";

/** The supervisor's duty and the level of their region (the session carries neither). */
export async function supervisorPost(
  userId: string,
): Promise<{ duty: SupervisorDuty | null; level: RegionLevel | null; regionId: string | null } | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { supervisorDuty: true, regionId: true, region: { select: { level: true } } },
  });
  return user && { duty: user.supervisorDuty, level: user.region?.level ?? null, regionId: user.regionId };
}

export async function loanCapRows(regionId: string) {
  return db().loanCap.findMany({
    where: { regionId },
    orderBy: [{ level: "asc" }, { fromYear: "asc" }],
    select: { id: true, level: true, fromYear: true, capFen: true, updatedAt: true },
  });
}

/** The province's cap from `fromYear` on for `level` (added, or changed when that year has a row). */
export async function saveLoanCap(regionId: string, cap: LoanCapRow, userId: string): Promise<string> {
  const saved = await db().loanCap.upsert({
    where: { regionId_level_fromYear: { regionId, level: cap.level, fromYear: cap.fromYear } },
    create: { regionId, ...cap, updatedById: userId },
    update: { capFen: cap.capFen, updatedById: userId, updatedAt: new Date() },
    select: { id: true },
  });
  return saved.id;
}

// ───────────── imports (jobs) ─────────────

export async function createLoanImport(data: {
  regionId: string;
  kind: LoanImportKind;
  academicYear: number | null;
  scope: LoanImportScope;
  mode: ImportMode;
  fileName: string;
  createdById: string;
  fileKey: string;
}): Promise<string> {
  const created = await db().loanImport.create({
    data: { ...data, fileName: data.fileName.slice(0, 200) },
    select: { id: true },
  });
  return created.id;
}

const IMPORT_SELECT = {
  id: true,
  kind: true,
  academicYear: true,
  scope: true,
  mode: true,
  fileName: true,
  state: true,
  progress: true,
  processedRows: true,
  imported: true,
  rejected: true,
  committed: true,
  message: true,
  attempts: true,
  createdAt: true,
  finishedAt: true,
  updatedAt: true,
} as const satisfies Prisma.LoanImportSelect;
export type LoanImportRow = Prisma.LoanImportGetPayload<{ select: typeof IMPORT_SELECT }>;

export async function findLoanImport(regionId: string, importId: string): Promise<LoanImportRow | null> {
  return db().loanImport.findFirst({ where: { id: importId, regionId }, select: IMPORT_SELECT });
}

export async function listLoanImports(regionId: string, take = 20): Promise<LoanImportRow[]> {
  return db().loanImport.findMany({
    where: { regionId },
    orderBy: { createdAt: "desc" },
    take,
    select: IMPORT_SELECT,
  });
}

/** Review counts of the records of the given imports: importId → state → count. */
export async function importReviewCounts(
  importIds: string[],
): Promise<Map<string, Partial<Record<LoanReviewState, number>>>> {
  const result = new Map<string, Partial<Record<LoanReviewState, number>>>();
  if (!importIds.length) return result;
  const [loans, repayments] = await Promise.all([
    db().loanRecord.groupBy({
      by: ["importId", "reviewState"],
      where: { importId: { in: importIds } },
      _count: true,
    }),
    db().repaymentRecord.groupBy({
      by: ["importId", "reviewState"],
      where: { importId: { in: importIds } },
      _count: true,
    }),
  ]);
  for (const row of [...loans, ...repayments]) {
    const counts = result.get(row.importId) ?? {};
    counts[row.reviewState] = (counts[row.reviewState] ?? 0) + row._count;
    result.set(row.importId, counts);
  }
  return result;
}

/** A loan import of this kind still running in the province (one at a time per province and kind). */
export async function hasRunningLoanImport(regionId: string, kind: LoanImportKind): Promise<boolean> {
  const running = await db().loanImport.count({
    where: {
      regionId,
      kind,
      state: "RUNNING",
      OR: [{ attempts: 0 }, { updatedAt: { gt: new Date(Date.now() - 10 * 60_000) } }],
    },
  });
  return running > 0;
}

export async function loanImportForRun(importId: string) {
  return db().loanImport.findUnique({
    where: { id: importId },
    select: {
      id: true,
      regionId: true,
      kind: true,
      academicYear: true,
      mode: true,
      fileName: true,
      state: true,
      fileKey: true,
    },
  });
}

export async function startLoanImportAttempt(importId: string): Promise<void> {
  await db().loanImport.update({ where: { id: importId }, data: { attempts: { increment: 1 } } });
}

export async function updateLoanImportProgress(
  importId: string,
  data: { progress: number; processedRows: number },
): Promise<void> {
  await db().loanImport.update({ where: { id: importId }, data });
}

export async function clearLoanImportFile(importId: string): Promise<void> {
  await db().loanImport.updateMany({ where: { id: importId }, data: { fileKey: null } });
}

/** Ends a running import (in the caller's transaction with its audit entry); false when already ended. */
export async function finishLoanImport(
  tx: Tx,
  importId: string,
  data: {
    state: "DONE" | "FAILED";
    imported: number;
    rejected: number;
    committed: boolean;
    message: string;
    processedRows: number;
  },
): Promise<boolean> {
  const ended = await tx.loanImport.updateMany({
    where: { id: importId, state: "RUNNING" },
    data: { ...data, progress: 100, finishedAt: new Date() },
  });
  return ended.count > 0;
}

export async function failLoanImport(importId: string, message: string): Promise<boolean> {
  const ended = await db().loanImport.updateMany({
    where: { id: importId, state: "RUNNING" },
    data: { state: "FAILED", message, progress: 100, finishedAt: new Date() },
  });
  return ended.count > 0;
}

export async function addLoanRejections(
  client: Tx | ReturnType<typeof db>,
  importId: string,
  rows: { rowNumber: number; reason: string }[],
): Promise<void> {
  if (rows.length)
    await client.loanImportRejection.createMany({
      data: rows.map((row) => ({ importId, ...row })),
      skipDuplicates: true,
    });
}

export async function loanImportRejections(importId: string) {
  return db().loanImportRejection.findMany({
    where: { importId },
    orderBy: { rowNumber: "asc" },
    select: { rowNumber: true, reason: true },
  });
}

/** How many records and rejected rows an import has written (its counts, whatever attempt wrote them). */
export async function loanImportTotals(tx: Tx, importId: string, kind: LoanImportKind) {
  const [imported, rejected] = await Promise.all([
    kind === "LOAN"
      ? tx.loanRecord.count({ where: { importId } })
      : tx.repaymentRecord.count({ where: { importId } }),
    tx.loanImportRejection.count({ where: { importId } }),
  ]);
  return { imported, rejected };
}

/** Whether the province already has approved loans of the academic year (a new import is supplementary). */
export async function yearHasApprovedLoans(regionId: string, academicYear: number): Promise<boolean> {
  return (
    (await db().loanRecord.count({ where: { regionId, academicYear, reviewState: "APPROVED" }, take: 1 })) > 0
  );
}

// ───────────── loan records ─────────────

/**
 * The approved or pending records of the province with one of these contract numbers, outside this import
 * (a rerun of the same import finds its own rows by row number instead).
 */
export async function contractsInUse(
  tx: Tx,
  regionId: string,
  contractNos: string[],
  importId: string,
): Promise<Map<string, LoanReviewState>> {
  const rows = await tx.loanRecord.findMany({
    where: {
      regionId,
      contractNo: { in: contractNos },
      reviewState: { in: ["APPROVED", "PENDING"] },
      importId: { not: importId },
    },
    select: { contractNo: true, reviewState: true },
  });
  const found = new Map<string, LoanReviewState>();
  for (const row of rows)
    if (found.get(row.contractNo) !== "APPROVED") found.set(row.contractNo, row.reviewState);
  return found;
}

export type NewLoanRecord = {
  rowNumber: number;
  academicYear: number;
  studentName: string;
  idType: IdType;
  idNumberCipher: string;
  idNumberHash: string;
  idNumberMasked: string;
  institutionCode: string;
  institutionName: string;
  institutionCategory: LoanInstitutionCategory | null;
  level: LoanLevel;
  contractNo: string;
  bank: string;
  amountFen: number;
  grantedOn: Date;
  loanType: LoanType;
};

/**
 * One INSERT … SELECT FROM unnest per batch (bench/loans-import.ts: Prisma's createMany binds every value
 * of every row as its own parameter); a row already written by an earlier attempt is skipped.
 */
export async function insertLoanRecords(
  tx: Tx,
  regionId: string,
  importId: string,
  rows: NewLoanRecord[],
): Promise<void> {
  if (!rows.length) return;
  const column = <K extends keyof NewLoanRecord>(key: K) => rows.map((row) => row[key]);
  await tx.$executeRaw`
    INSERT INTO "LoanRecord" ("id", "regionId", "importId", "rowNumber", "academicYear", "studentName", "idType",
      "idNumberCipher", "idNumberHash", "idNumberMasked", "institutionCode", "institutionName",
      "institutionCategory", "level", "contractNo", "bank", "amountFen", "grantedOn", "loanType")
    SELECT 'lr' || replace(gen_random_uuid()::text, '-', ''), ${regionId}, ${importId}, r, y, n, it::"IdType", c, h, m,
           ic, iname, cat::"LoanInstitutionCategory", lv::"LoanLevel", k, b, a, d::date, lt::"LoanType"
    FROM unnest(${column("rowNumber")}::int[], ${column("academicYear")}::int[], ${column("studentName")}::text[],
                ${column("idType")}::text[], ${column("idNumberCipher")}::text[], ${column("idNumberHash")}::text[],
                ${column("idNumberMasked")}::text[], ${column("institutionCode")}::text[],
                ${column("institutionName")}::text[], ${column("institutionCategory")}::text[],
                ${column("level")}::text[], ${column("contractNo")}::text[], ${column("bank")}::text[],
                ${column("amountFen")}::int[], ${rows.map((row) => row.grantedOn.toISOString().slice(0, 10))}::text[],
                ${column("loanType")}::text[])
      AS v(r, y, n, it, c, h, m, ic, iname, cat, lv, k, b, a, d, lt)
    ON CONFLICT ("importId", "rowNumber") DO NOTHING`;
}

export type LoanForRepayment = {
  id: string;
  contractNo: string;
  idNumberHash: string;
  amountFen: number;
  reviewState: LoanReviewState;
  /** Repayments not refused, of other imports (the running import counts its own rows itself). */
  repaidFen: number;
};

/**
 * The province's loans with these contract numbers (approved ones first), the approved ones locked FOR
 * UPDATE so a concurrent repayment import of the same loan waits for this transaction, with what has been
 * repaid of them; and the keys (loan, time, amount) of their repayments not refused.
 */
export async function loansForRepayment(
  tx: Tx,
  regionId: string,
  contractNos: string[],
  importId: string,
): Promise<{ loans: Map<string, LoanForRepayment>; repaymentKeys: Set<string> }> {
  const loans = new Map<string, LoanForRepayment>();
  const repaymentKeys = new Set<string>();
  if (!contractNos.length) return { loans, repaymentKeys };
  const rows = await tx.$queryRaw<Omit<LoanForRepayment, "repaidFen">[]>`
    SELECT "id", "contractNo", "idNumberHash", "amountFen", "reviewState"::text AS "reviewState"
    FROM "LoanRecord"
    WHERE "regionId" = ${regionId} AND "contractNo" = ANY(${contractNos}::text[])
    ORDER BY "id"
    FOR UPDATE`;
  const approvedIds: string[] = [];
  for (const row of rows) {
    const known = loans.get(row.contractNo);
    if (row.reviewState === "APPROVED") approvedIds.push(row.id);
    if (!known || (known.reviewState !== "APPROVED" && row.reviewState !== "REFUSED"))
      loans.set(row.contractNo, { ...row, repaidFen: 0 });
  }
  if (approvedIds.length) {
    const repayments = await tx.repaymentRecord.findMany({
      where: { loanId: { in: approvedIds }, reviewState: { not: "REFUSED" }, importId: { not: importId } },
      select: { loanId: true, amountFen: true, repaidAt: true },
    });
    const byId = new Map([...loans.values()].map((loan) => [loan.id, loan]));
    for (const repayment of repayments) {
      const loan = byId.get(repayment.loanId);
      if (loan) loan.repaidFen += repayment.amountFen;
      repaymentKeys.add(repaymentKey(repayment.loanId, repayment.repaidAt, repayment.amountFen));
    }
  }
  return { loans, repaymentKeys };
}

export const repaymentKey = (loanId: string, repaidAt: Date, amountFen: number) =>
  `${loanId}|${repaidAt.getTime()}|${amountFen}`;

export async function insertRepaymentRecords(
  tx: Tx,
  regionId: string,
  importId: string,
  rows: { rowNumber: number; loanId: string; amountFen: number; repaidAt: Date }[],
): Promise<void> {
  if (rows.length)
    await tx.repaymentRecord.createMany({
      data: rows.map((row) => ({ ...row, regionId, importId })),
      skipDuplicates: true,
    });
}

// ───────────── review ─────────────

export type ReviewDecision = { state: "APPROVED" | "REFUSED"; comment: string | null; userId: string };

/**
 * Decides the PENDING loan records of the province among `where` (a whole import or chosen records) in the
 * caller's transaction; the number decided. Approving a contract number that is already approved violates
 * the partial unique index (the caller reports it).
 */
export async function decideLoans(
  tx: Tx,
  regionId: string,
  where: { importId?: string; ids?: string[] },
  decision: ReviewDecision,
): Promise<number> {
  const decided = await tx.loanRecord.updateMany({
    where: {
      regionId,
      reviewState: "PENDING",
      importId: where.importId,
      id: where.ids ? { in: where.ids } : undefined,
    },
    data: {
      reviewState: decision.state,
      reviewComment: decision.comment,
      reviewedById: decision.userId,
      reviewedAt: new Date(),
    },
  });
  return decided.count;
}

export async function decideRepayments(
  tx: Tx,
  regionId: string,
  where: { importId?: string; ids?: string[] },
  decision: ReviewDecision,
): Promise<number> {
  const decided = await tx.repaymentRecord.updateMany({
    where: {
      regionId,
      reviewState: "PENDING",
      importId: where.importId,
      id: where.ids ? { in: where.ids } : undefined,
    },
    data: {
      reviewState: decision.state,
      reviewComment: decision.comment,
      reviewedById: decision.userId,
      reviewedAt: new Date(),
    },
  });
  return decided.count;
}

/** Contract numbers among the PENDING loans to approve that appear twice, or are already approved. */
export async function approvalClashes(
  tx: Tx,
  regionId: string,
  where: { importId?: string; ids?: string[] },
): Promise<string[]> {
  const pending = await tx.loanRecord.findMany({
    where: {
      regionId,
      reviewState: "PENDING",
      importId: where.importId,
      id: where.ids ? { in: where.ids } : undefined,
    },
    select: { contractNo: true },
  });
  const contractNos = pending.map((row) => row.contractNo);
  const twice = contractNos.filter((no, index) => contractNos.indexOf(no) !== index);
  const approved = await tx.loanRecord.findMany({
    where: { regionId, reviewState: "APPROVED", contractNo: { in: contractNos } },
    select: { contractNo: true },
  });
  return [...new Set([...twice, ...approved.map((row) => row.contractNo)])];
}

// ───────────── lists and totals ─────────────

export type LoanFilter = {
  academicYear?: number;
  reviewState?: LoanReviewState;
  level?: LoanLevel;
  bank?: string;
  contractNo?: string;
  idNumberHash?: string;
  importId?: string;
};

const loanWhere = (regionId: string, filter: LoanFilter): Prisma.LoanRecordWhereInput => ({
  regionId,
  academicYear: filter.academicYear,
  reviewState: filter.reviewState,
  level: filter.level,
  bank: filter.bank ? { contains: filter.bank } : undefined,
  contractNo: filter.contractNo,
  idNumberHash: filter.idNumberHash,
  importId: filter.importId,
});

const LOAN_LIST_SELECT = {
  id: true,
  importId: true,
  rowNumber: true,
  academicYear: true,
  studentName: true,
  idType: true,
  idNumberMasked: true,
  institutionCode: true,
  institutionName: true,
  institutionCategory: true,
  level: true,
  contractNo: true,
  bank: true,
  amountFen: true,
  grantedOn: true,
  loanType: true,
  reviewState: true,
  reviewComment: true,
} as const satisfies Prisma.LoanRecordSelect;
export type LoanListRow = Prisma.LoanRecordGetPayload<{ select: typeof LOAN_LIST_SELECT }>;

export async function listLoanRecords(
  regionId: string,
  filter: LoanFilter,
  page: { skip: number; take: number },
): Promise<{ rows: LoanListRow[]; total: number }> {
  const where = loanWhere(regionId, filter);
  const [rows, total] = await Promise.all([
    db().loanRecord.findMany({
      where,
      orderBy: [{ academicYear: "desc" }, { contractNo: "asc" }, { id: "asc" }],
      skip: page.skip,
      take: page.take,
      select: LOAN_LIST_SELECT,
    }),
    db().loanRecord.count({ where }),
  ]);
  return { rows, total };
}

/** Every record of the filter in list order, page by page (for the export). */
export async function* eachLoanRecord(regionId: string, filter: LoanFilter): AsyncGenerator<LoanListRow> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().loanRecord.findMany({
      where: loanWhere(regionId, filter),
      orderBy: { id: "asc" },
      take: 2000,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: LOAN_LIST_SELECT,
    });
    yield* rows;
    if (rows.length < 2000) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

export async function listRepaymentRecords(
  regionId: string,
  filter: { reviewState?: LoanReviewState; importId?: string; contractNo?: string },
  page: { skip: number; take: number },
) {
  const where: Prisma.RepaymentRecordWhereInput = {
    regionId,
    reviewState: filter.reviewState,
    importId: filter.importId,
    loan: filter.contractNo ? { contractNo: filter.contractNo } : undefined,
  };
  const [rows, total] = await Promise.all([
    db().repaymentRecord.findMany({
      where,
      orderBy: [{ repaidAt: "desc" }, { id: "asc" }],
      skip: page.skip,
      take: page.take,
      select: {
        id: true,
        importId: true,
        rowNumber: true,
        amountFen: true,
        repaidAt: true,
        reviewState: true,
        reviewComment: true,
        loan: { select: { contractNo: true, studentName: true, idNumberMasked: true, amountFen: true } },
      },
    }),
    db().repaymentRecord.count({ where }),
  ]);
  return { rows, total };
}

export async function loanIdCipher(regionId: string, loanId: string) {
  return db().loanRecord.findFirst({
    where: { id: loanId, regionId },
    select: { id: true, idNumberCipher: true, studentName: true },
  });
}

export type LoanYearTotal = {
  academicYear: number;
  loans: number;
  students: number;
  amountFen: number;
  repaidFen: number;
};

/**
 * Per academic year: APPROVED loans (count, distinct students, amount) and their APPROVED repayments, from
 * the loan statistics rollup (lib/db/rollups/loan-stats.ts).
 */
export async function approvedYearTotals(regionId: string): Promise<LoanYearTotal[]> {
  const rows = await approvedLoanTotals(regionId, "year", {});
  return rows.map(({ key, loans, students, amountFen, repaidFen }) => ({
    academicYear: Number(key),
    loans,
    students,
    amountFen,
    repaidFen,
  }));
}

// ───────────── statistics (approved records only; the rollup of migration 665) ─────────────

export type LoanGrouping = "year" | "bank" | "category" | "institution";

export type LoanGroupTotal = {
  key: string;
  /** The institution's name as imported (grouping "institution"), else null. */
  name: string | null;
  loans: number;
  students: number;
  amountFen: number;
  repaidFen: number;
};

/**
 * APPROVED loans of the province grouped by year, bank, institution category or institution (optionally of
 * one academic year and one category; "" = no category given): count, distinct borrowers (blind index),
 * amount, and their APPROVED repayments — as of the rollup's last refresh (`loanStatsAsOf`). Largest amount
 * first; years newest first.
 */
export async function approvedLoanTotals(
  regionId: string,
  by: LoanGrouping,
  filter: { academicYear?: number; category?: string },
): Promise<LoanGroupTotal[]> {
  const year =
    by === "year"
      ? Prisma.sql`"academicYear" <> 0`
      : Prisma.sql`"academicYear" = ${filter.academicYear ?? 0}`;
  const category =
    by === "institution" && filter.category !== undefined
      ? Prisma.sql`AND "category" = ${filter.category}`
      : Prisma.empty;
  const rows = await db().$queryRaw<
    {
      key: string;
      name: string | null;
      loans: number;
      students: number;
      amountFen: bigint;
      repaidFen: bigint;
    }[]
  >`
    SELECT "key", "name", "loans", "students", "amountFen", "repaidFen"
      FROM "LoanStat"
     WHERE "regionId" = ${regionId} AND ${year} AND "grouping" = ${by} ${category}
     ORDER BY ${by === "year" ? Prisma.sql`"academicYear" DESC` : Prisma.sql`"amountFen" DESC, "key"`}`;
  return rows.map((row) => ({
    key: row.key,
    name: row.name,
    loans: row.loans,
    students: row.students,
    amountFen: Number(row.amountFen),
    repaidFen: Number(row.repaidFen),
  }));
}

export type LoanFlowRow = { calendarYear: number; issuedFen: number; repaidFen: number };

/**
 * Per calendar year (Beijing time): the APPROVED loans granted that year and the APPROVED repayments made
 * that year, oldest first (the time axis of the cumulative repayment rate), from the rollup.
 */
export async function loanFlowByCalendarYear(regionId: string): Promise<LoanFlowRow[]> {
  const rows = await db().$queryRaw<{ key: string; issuedFen: bigint; repaidFen: bigint }[]>`
    SELECT "key", sum("amountFen")::bigint AS "issuedFen", sum("repaidFen")::bigint AS "repaidFen"
      FROM "LoanStat"
     WHERE "regionId" = ${regionId} AND "academicYear" <> 0 AND "grouping" = 'flow'
     GROUP BY "key"
     ORDER BY "key"::int`;
  return rows.map((row) => ({
    calendarYear: Number(row.key),
    issuedFen: Number(row.issuedFen),
    repaidFen: Number(row.repaidFen),
  }));
}

export type EntryProgressRow = {
  institutionCode: string;
  institutionName: string;
  imported: number;
  pending: number;
  approved: number;
  refused: number;
};

/** 录入进展: per institution, the loan records imported and how many are pending, approved, refused (rollup). */
export async function loanEntryProgress(
  regionId: string,
  academicYear?: number,
): Promise<EntryProgressRow[]> {
  const rows = await db().$queryRaw<
    { key: string; name: string | null; loans: number; pending: number; refused: number }[]
  >`
    SELECT "key", "name", "loans", "pending", "refused"
      FROM "LoanStat"
     WHERE "regionId" = ${regionId} AND "academicYear" = ${academicYear ?? 0} AND "grouping" = 'progress'
     ORDER BY "key"`;
  return rows.map((row) => ({
    institutionCode: row.key,
    institutionName: row.name ?? "",
    imported: row.loans + row.pending + row.refused,
    pending: row.pending,
    approved: row.loans,
    refused: row.refused,
  }));
}
