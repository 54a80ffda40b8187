import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { loanImportRejectedRows } from "@/lib/services/loans";
import { LOAN_REJECTED_SHEET } from "@/lib/services/loan-sheets";
import { xlsxResponse } from "@/lib/xlsx";

/** The rejected rows of a loan or repayment import: row number and reason. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorize("loan.import");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const result = await loanImportRejectedRows(auth.user, (await params).id);
  if (!result.ok)
    return new Response(result.message, {
      status: FAILURE_STATUS[result.code],
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return xlsxResponse(
    `未导入的行-${result.data.fileName.replace(/\.xlsx$/i, "")}.xlsx`,
    LOAN_REJECTED_SHEET,
    async (writer) => {
      for (const row of result.data.rows) writer.addRow([row.rowNumber, row.reason]);
    },
  );
}
