/**
 * Loan and repayment imports of a province (lib/services/loan-import.ts) on the real database: every bad
 * row reported with its row number and reason (bad ID, over the cap of its own year, unknown level,
 * duplicate contract in the file and against approved records), both modes, historical years and
 * supplementary imports; repayments in fen and to the second, the missing-loan reason, never over-repaid
 * within one file or across files (and the database refuses it too); records pending until reviewed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { MISSING_LOAN_REASON } from "@/lib/domain/loans";
import { importLoansHere } from "@/lib/services/loan-import";
import { reviewLoanImport } from "@/lib/services/loan-review";
import { saveProvinceLoanCap } from "@/lib/services/loans";
import { writeXlsx } from "../support/student-roster-file";
import {
  importRows,
  loanRow,
  makeProvince,
  makeSupervisor,
  rejectionsOf,
  repayment,
} from "../support/loan-fixtures";

let operator: SessionUser;
let leader: SessionUser;
let rowSeq = 1000;
const nextRow = (over: Parameters<typeof loanRow>[1] = {}) => loanRow(++rowSeq, over);

beforeAll(async () => {
  const province = await makeProvince();
  operator = await makeSupervisor(province, "OPERATOR");
  leader = await makeSupervisor(province, "LEADER");
});

const reasons = async (importId: string) =>
  (await rejectionsOf(importId)).map((row) => [row.rowNumber, row.reason] as const);

async function approve(importId: string) {
  const result = await reviewLoanImport(leader, importId, { decision: "APPROVE" });
  expect(result.ok).toBe(true);
}

describe("loan import", () => {
  it("imports the good rows as pending and reports every bad row with its row number", async () => {
    const dup = nextRow();
    const rows = [
      nextRow(),
      nextRow({ idNumber: "4401032004010100" }),
      nextRow({ amount: "20000.01" }),
      nextRow({ level: "博士后" }),
      dup,
      { ...nextRow(), contractNo: dup.contractNo },
      nextRow({ level: "研究生", amount: "25000", institutionCategory: "科研院所" }),
    ];
    const job = await importRows(operator, "LOAN", rows);
    expect(job).toMatchObject({ state: "DONE", committed: true, imported: 3, rejected: 4, processedRows: 7 });
    const found = await reasons(job.id);
    expect(found.map(([row]) => row)).toEqual([3, 4, 5, 7]);
    expect(found[0]![1]).toContain("证件号码");
    expect(found[1]![1]).toContain("超过2024-2025学年本专科每人每年最高 20000.00 元");
    expect(found[2]![1]).toContain("培养层次“博士后”无法识别");
    expect(found[3]![1]).toContain(`合同编号 ${dup.contractNo} 与第 6 行重复`);
    const records = await db().loanRecord.findMany({
      where: { importId: job.id },
      orderBy: { rowNumber: "asc" },
    });
    expect(records.map((record) => record.reviewState)).toEqual(["PENDING", "PENDING", "PENDING"]);
    expect(records[0]).toMatchObject({ amountFen: 800_000, level: "UNDERGRADUATE", loanType: "ORIGIN" });
    expect(records[2]).toMatchObject({ level: "GRADUATE", institutionCategory: "RESEARCH_INSTITUTE" });
    // The ID number is stored encrypted with a blind index and a masked copy, never in clear.
    expect(records[0]!.idNumberCipher).not.toContain(rows[0]!.idNumber);
    expect(records[0]!.idNumberMasked).toMatch(/^\d{4}\*+\d{4}$/);
  });

  it("imports nothing in all-or-nothing mode when one row is bad, and still reports every bad row", async () => {
    const rows = [nextRow(), nextRow({ loanType: "助学" }), nextRow(), nextRow({ grantedOn: "2024-02-30" })];
    const job = await importRows(operator, "LOAN", rows, { mode: "ALL_OR_NOTHING" });
    expect(job).toMatchObject({ state: "DONE", committed: false, imported: 0, rejected: 2 });
    expect((await reasons(job.id)).map(([row]) => row)).toEqual([3, 5]);
    expect(await db().loanRecord.count({ where: { importId: job.id } })).toBe(0);
    const clean = await importRows(operator, "LOAN", [nextRow(), nextRow()], { mode: "ALL_OR_NOTHING" });
    expect(clean).toMatchObject({ committed: true, imported: 2, rejected: 0 });
  });

  it("checks a historical year against its own cap and refuses rows of another year", async () => {
    const year = { academicYear: "2020-2021", grantedOn: "2020-10-10" };
    const job = await importRows(
      operator,
      "LOAN",
      [nextRow({ ...year, amount: "8000" }), nextRow({ ...year, amount: "8000.01" }), nextRow()],
      { academicYear: "2020" },
    );
    expect(job).toMatchObject({ academicYear: 2020, imported: 1, rejected: 2 });
    const found = await reasons(job.id);
    expect(found[0]![1]).toContain("超过2020-2021学年本专科每人每年最高 8000.00 元");
    expect(found[1]![1]).toContain("与本次导入的学年（2020-2021学年）不一致");
  });

  it("follows the province's edited cap table from the year it applies", async () => {
    const year = { academicYear: "2026-2027", grantedOn: "2026-10-10" };
    const before = await importRows(operator, "LOAN", [nextRow({ ...year, amount: "21000" })], {
      academicYear: "2026",
    });
    expect(before).toMatchObject({ imported: 0, rejected: 1 });
    const saved = await saveProvinceLoanCap(operator, {
      level: "UNDERGRADUATE",
      fromYear: "2026",
      capYuan: "22000",
    });
    expect(saved.ok).toBe(true);
    const invalid = await saveProvinceLoanCap(operator, { level: "本科", fromYear: "20x6", capYuan: "-1" });
    expect(invalid).toMatchObject({ code: "INVALID" });
    expect(Object.keys(invalid.ok ? {} : (invalid.fieldErrors ?? {})).sort()).toEqual([
      "capYuan",
      "fromYear",
      "level",
    ]);
    const after = await importRows(operator, "LOAN", [nextRow({ ...year, amount: "21000" })], {
      academicYear: "2026",
    });
    expect(after).toMatchObject({ imported: 1, rejected: 0 });
    // 2025-2026 keeps the national cap.
    const earlier = await importRows(
      operator,
      "LOAN",
      [nextRow({ academicYear: "2025-2026", grantedOn: "2025-10-10", amount: "21000" })],
      { academicYear: "2025" },
    );
    expect(earlier).toMatchObject({ imported: 0, rejected: 1 });
  });

  it("ends FAILED with a Chinese reason for a file without the template's columns, importing nothing", async () => {
    const filePath = await writeXlsx("wrong-columns.xlsx", ["姓名", "金额"], [["张三", "8000"]]);
    const result = await importLoansHere(
      operator,
      { kind: "LOAN", mode: "GOOD_ROWS", academicYear: "2024", filePath, fileName: "错误的文件.xlsx" },
      { inProcess: true },
    );
    expect(result.ok && result.data).toMatchObject({ state: "FAILED", committed: false, imported: 0 });
    expect(result.ok && result.data.message).toContain("表头缺少必需的列");
    const noYear = await importLoansHere(operator, {
      kind: "LOAN",
      mode: "GOOD_ROWS",
      filePath,
      fileName: "x.xlsx",
    });
    expect(noYear).toMatchObject({ code: "INVALID", fieldErrors: { academicYear: expect.any(String) } });
  });

  it("never imports an approved contract twice; a supplementary import adds the corrected records", async () => {
    const first = [nextRow({ academicYear: "2023-2024", grantedOn: "2023-10-10" })];
    const job = await importRows(operator, "LOAN", first, { academicYear: "2023" });
    expect(job.scope).toBe("CURRENT");
    // While pending, the same contract in another file is refused too (it would clash at approval).
    const pendingAgain = await importRows(operator, "LOAN", first, { academicYear: "2023" });
    expect((await reasons(pendingAgain.id))[0]![1]).toContain("已在另一次导入中待审核");
    await approve(job.id);
    const again = await importRows(
      operator,
      "LOAN",
      [first[0]!, nextRow({ academicYear: "2023-2024", grantedOn: "2023-11-01" })],
      { academicYear: "2023" },
    );
    expect(again).toMatchObject({ scope: "SUPPLEMENTARY", imported: 1, rejected: 1 });
    expect(await reasons(again.id)).toEqual([
      [2, `合同编号 ${first[0]!.contractNo} 已有审核通过的贷款记录，不能重复导入`],
    ]);
  });

  it("refuses a second approval of one contract number (partial unique index and the review's check)", async () => {
    const row = nextRow();
    const a = await importRows(operator, "LOAN", [row]);
    await reviewLoanImport(leader, a.id, { decision: "REFUSE", comment: "金额有误" });
    const b = await importRows(operator, "LOAN", [row]);
    await approve(b.id);
    const record = await db().loanRecord.findFirstOrThrow({ where: { importId: a.id } });
    expect(record.reviewState).toBe("REFUSED");
    // The database itself refuses a second approved copy (and a reviewed record stays final).
    await expect(
      db().loanRecord.update({ where: { id: record.id }, data: { reviewState: "PENDING" } }),
    ).rejects.toThrow();
    const copy = await importRows(operator, "LOAN", [{ ...nextRow(), contractNo: `${row.contractNo}X` }]);
    const copyRecord = await db().loanRecord.findFirstOrThrow({ where: { importId: copy.id } });
    await db().loanRecord.update({ where: { id: copyRecord.id }, data: { contractNo: row.contractNo } });
    const clash = await reviewLoanImport(leader, copy.id, { decision: "APPROVE" });
    expect(clash).toMatchObject({ ok: false, code: "CONFLICT" });
    await expect(
      db().loanRecord.update({
        where: { id: copyRecord.id },
        data: { reviewState: "APPROVED", reviewedById: leader.id, reviewedAt: new Date() },
      }),
    ).rejects.toThrow();
  });
});

describe("repayment import", () => {
  let loan: ReturnType<typeof nextRow>;
  beforeAll(async () => {
    loan = nextRow({ amount: "10000" });
    const job = await importRows(operator, "LOAN", [loan]);
    await approve(job.id);
  });

  it("stores fen and the time to the second, 00:00:00 allowed; missing and unapproved loans are refused", async () => {
    const pending = nextRow();
    await importRows(operator, "LOAN", [pending]);
    const job = await importRows(operator, "REPAYMENT", [
      repayment(loan, "1000.55", "2025-03-01 10:30:15"),
      repayment(loan, "999.45", "2025-04-01 00:00:00"),
      { ...repayment(loan, "10"), contractNo: "NO-SUCH-CONTRACT" },
      repayment(pending, "10"),
      repayment(loan, "10.001"),
      repayment(loan, "10", "2025-04-01"),
    ]);
    expect(job).toMatchObject({ kind: "REPAYMENT", imported: 2, rejected: 4 });
    const records = await db().repaymentRecord.findMany({
      where: { importId: job.id },
      orderBy: { rowNumber: "asc" },
    });
    expect(records.map((record) => record.amountFen)).toEqual([100_055, 99_945]);
    expect(records.map((record) => record.repaidAt.toISOString())).toEqual([
      "2025-03-01T02:30:15.000Z",
      "2025-03-31T16:00:00.000Z",
    ]);
    const found = await reasons(job.id);
    expect(found.map(([row]) => row)).toEqual([4, 5, 6, 7]);
    expect(found[0]![1]).toContain(MISSING_LOAN_REASON);
    expect(found[1]![1]).toContain("尚未审核通过");
    expect(found[2]![1]).toContain("还款金额");
    expect(found[3]![1]).toContain("还款时间");
  });

  it("never lets repayments exceed the loan: two in one file, and across files", async () => {
    // 2,000 repaid so far (pending counts); 8,000 left.
    const one = await importRows(operator, "REPAYMENT", [
      repayment(loan, "5000", "2025-05-01 08:00:00"),
      repayment(loan, "3000.01", "2025-05-02 08:00:00"),
      repayment(loan, "3000", "2025-05-03 08:00:00"),
    ]);
    expect(one).toMatchObject({ imported: 2, rejected: 1 });
    expect((await reasons(one.id))[0]).toEqual([
      3,
      "还款金额超出贷款余额：贷款 10000.00 元，已还（含待审核）7000.00 元，本次 3000.01 元",
    ]);
    const two = await importRows(operator, "REPAYMENT", [repayment(loan, "0.01", "2025-06-01 08:00:00")]);
    expect(two).toMatchObject({ imported: 0, rejected: 1 });
    expect((await reasons(two.id))[0]![1]).toContain("已还（含待审核）10000.00 元");
    // A repeated row is reported, not counted twice.
    const three = await importRows(operator, "REPAYMENT", [repayment(loan, "5000", "2025-05-01 08:00:00")]);
    expect((await reasons(three.id))[0]![1]).toContain("已经导入过");
    // The database refuses an over-repayment written around the service.
    const record = await db().loanRecord.findFirstOrThrow({ where: { contractNo: loan.contractNo } });
    await expect(
      db().repaymentRecord.create({
        data: {
          regionId: record.regionId,
          importId: one.id,
          rowNumber: 99,
          loanId: record.id,
          amountFen: 1,
          repaidAt: new Date("2025-07-01T00:00:00Z"),
        },
      }),
    ).rejects.toThrow(/exceed/);
  });

  it("frees the amount of a refused repayment", async () => {
    const small = nextRow({ amount: "100" });
    await approve((await importRows(operator, "LOAN", [small])).id);
    const first = await importRows(operator, "REPAYMENT", [repayment(small, "100", "2025-05-01 08:00:00")]);
    expect(first.imported).toBe(1);
    await reviewLoanImport(leader, first.id, { decision: "REFUSE", comment: "银行流水不符" });
    const second = await importRows(operator, "REPAYMENT", [repayment(small, "100", "2025-05-01 08:00:00")]);
    expect(second).toMatchObject({ imported: 1, rejected: 0 });
  });
});
