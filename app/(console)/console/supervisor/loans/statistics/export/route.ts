import type { NextRequest } from "next/server";
import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { loanStatisticsExport } from "@/lib/services/loan-statistics";
import { xlsxResponse } from "@/lib/xlsx";

/** One loan statistics table (same year and category filters as the page) as .xlsx; audited by the service. */
export async function GET(request: NextRequest) {
  const auth = await authorize("loan.export");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const result = await loanStatisticsExport(auth.user, Object.fromEntries(request.nextUrl.searchParams));
  if (!result.ok)
    return new Response(result.message, {
      status: FAILURE_STATUS[result.code],
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const { filename, sheet, rows } = result.data;
  return xlsxResponse(filename, sheet, async (writer) => {
    for (const row of rows) writer.addRow(row);
  });
}
