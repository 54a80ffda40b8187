/**
 * The .xlsx layouts of the loan and repayment imports (docs/loans-import.md): the downloadable templates
 * (header row in the order of lib/domain/loans.ts, every column text so ID numbers, contract numbers and
 * times stay as typed) and the sheet of an import's rejected rows.
 */
import "server-only";
import { LOAN_COLUMNS, REPAYMENT_COLUMNS } from "@/lib/domain/loans";
import type { SheetSpec } from "@/lib/xlsx";

export const LOAN_TEMPLATE_SHEET: SheetSpec = {
  name: "贷款信息",
  columns: LOAN_COLUMNS.map((column) => ({ header: column.names[0], text: true, width: 18 })),
};

export const REPAYMENT_TEMPLATE_SHEET: SheetSpec = {
  name: "还款信息",
  columns: REPAYMENT_COLUMNS.map((column) => ({ header: column.names[0], text: true, width: 22 })),
};

export const LOAN_REJECTED_SHEET: SheetSpec = {
  name: "未导入的行",
  columns: [
    { header: "行号", width: 8 },
    { header: "原因", width: 100 },
  ],
};
