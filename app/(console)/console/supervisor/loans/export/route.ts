import type { NextRequest } from "next/server";
import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { LOAN_EXPORT_SHEET, loanExport } from "@/lib/services/loans";
import { xlsxResponse } from "@/lib/xlsx";

/** The filtered loan records of the province as .xlsx (masked ID numbers); audited by the service. */
export async function GET(request: NextRequest) {
  const auth = await authorize("loan.export");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const result = await loanExport(auth.user, Object.fromEntries(request.nextUrl.searchParams));
  if (!result.ok)
    return new Response(result.message, {
      status: FAILURE_STATUS[result.code],
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return xlsxResponse(result.data.filename, LOAN_EXPORT_SHEET, async (writer) => {
    for await (const row of result.data.rows) {
      writer.addRow(row);
      await writer.ready?.();
    }
  });
}
