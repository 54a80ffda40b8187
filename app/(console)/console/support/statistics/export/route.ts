import type { NextRequest } from "next/server";
import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { supportStatisticsExport } from "@/lib/services/support-statistics";
import { xlsxResponse } from "@/lib/xlsx";

/** One support-desk statistics table (same region and year) as .xlsx; audited by the service. */
export async function GET(request: NextRequest) {
  const auth = await authorize("support.statistics");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const params = request.nextUrl.searchParams;
  const result = await supportStatisticsExport(auth.user, {
    table: params.get("table") ?? undefined,
    region: params.get("region") ?? undefined,
    year: params.get("year") ?? undefined,
  });
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
