/** Provinces, province supervisors and loan / repayment .xlsx files for the loan tests. */
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { SupervisorDuty } from "@/lib/domain/codes";
import { buildResidentId } from "@/lib/domain/id-number";
import {
  LOAN_COLUMNS,
  REPAYMENT_COLUMNS,
  type LoanRowValues,
  type RepaymentRowValues,
} from "@/lib/domain/loans";
import { importLoansHere, type LoanUpload } from "@/lib/services/loan-import";
import { makeStaff } from "./fixtures";
import { sessionUser } from "./session-user";
import { writeXlsx } from "./student-roster-file";

let seq = 0;

/** A valid resident ID of someone born in 2004–2006, unique for i in 0..99,999. */
export function borrowerId(i: number): string {
  const day = new Date(Date.UTC(2004, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
  return buildResidentId("440103", day, (Math.floor(i / 700) * 2) % 1000, i % 2 ? "MALE" : "FEMALE");
}

/** A province region (created once per code) with the national caps, as migration 560 gives existing ones. */
export async function makeProvince(code = "440000", name = "广东省") {
  const province = await db().region.upsert({
    where: { code },
    update: {},
    create: { code, name, level: "PROVINCE", path: `/${code}/` },
  });
  const caps = await db().loanCap.count({ where: { regionId: province.id } });
  if (!caps) {
    const { NATIONAL_LOAN_CAPS } = await import("@/lib/domain/loans");
    await db().loanCap.createMany({
      data: NATIONAL_LOAN_CAPS.map((cap) => ({ regionId: province.id, ...cap })),
    });
  }
  return province;
}

/** A supervisor of the region with the duty, as a session user. */
export async function makeSupervisor(
  region: { id: string; path: string },
  duty: SupervisorDuty,
): Promise<SessionUser> {
  const { user } = await makeStaff("SUPERVISOR", { regionId: region.id });
  const updated = await db().user.update({ where: { id: user.id }, data: { supervisorDuty: duty } });
  return sessionUser(updated, { regionPath: region.path });
}

/** A unique contract number. */
export const contractNo = () => `HT${Date.now().toString(36).toUpperCase()}${String(++seq).padStart(4, "0")}`;

/** A valid loan row of 2024-2025 (本专科, 8,000 yuan), unique by `i`. */
export function loanRow(i: number, over: Partial<LoanRowValues> = {}): LoanRowValues {
  return {
    academicYear: "2024-2025",
    studentName: `借款学生${i}`,
    idType: "居民身份证",
    idNumber: borrowerId(i),
    institutionCode: "4144010561",
    institutionName: "华南理工大学",
    institutionCategory: "本科院校",
    level: "本专科",
    contractNo: contractNo(),
    bank: "国家开发银行广东省分行",
    amount: "8000",
    grantedOn: "2024-10-15",
    loanType: "生源地",
    ...over,
  };
}

export function writeLoanFile(rows: LoanRowValues[]): Promise<string> {
  return writeXlsx(
    `loans-${++seq}.xlsx`,
    LOAN_COLUMNS.map((column) => column.names[0]),
    rows.map((row) => LOAN_COLUMNS.map((column) => row[column.key])),
  );
}

export function writeRepaymentFile(rows: RepaymentRowValues[]): Promise<string> {
  return writeXlsx(
    `repayments-${++seq}.xlsx`,
    REPAYMENT_COLUMNS.map((column) => column.names[0]),
    rows.map((row) => REPAYMENT_COLUMNS.map((column) => row[column.key])),
  );
}

/** Runs an import of `rows` to its end in this process (reading in-process: fast). */
export async function importRows(
  user: SessionUser,
  kind: "LOAN" | "REPAYMENT",
  rows: LoanRowValues[] | RepaymentRowValues[],
  options: Partial<LoanUpload> = {},
) {
  const filePath =
    kind === "LOAN"
      ? await writeLoanFile(rows as LoanRowValues[])
      : await writeRepaymentFile(rows as RepaymentRowValues[]);
  const result = await importLoansHere(
    user,
    { kind, mode: "GOOD_ROWS", academicYear: "2024-2025", filePath, fileName: "测试.xlsx", ...options },
    { inProcess: true },
  );
  if (!result.ok) throw new Error(`import refused: ${result.message}`);
  return result.data;
}

export async function rejectionsOf(importId: string) {
  return db().loanImportRejection.findMany({ where: { importId }, orderBy: { rowNumber: "asc" } });
}

export const repayment = (
  loan: LoanRowValues,
  amount: string,
  repaidAt = "2025-03-01 10:00:00",
): RepaymentRowValues => ({
  contractNo: loan.contractNo,
  studentName: loan.studentName,
  idType: loan.idType,
  idNumber: loan.idNumber,
  amount,
  repaidAt,
});
