import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { prepareRegionQueryExport } from "@/lib/services/region-queries";
import { xlsxResponse } from "@/lib/xlsx";

/**
 * The filtered list of a region query as .xlsx (every row, read in keyset pages and streamed out). The
 * filter and whether full ID numbers are included come from the address; a refusal (another county's school,
 * a bad filter) is plain Chinese text with its status, never a broken file.
 */
export async function GET(request: Request, { params }: { params: Promise<{ query: string }> }) {
  const auth = await authorize("region_query.export");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const { query } = await params;
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const prepared = await prepareRegionQueryExport(auth.user, query, filter, await requestIp());
  if (!prepared.ok)
    return new Response(prepared.message, {
      status: FAILURE_STATUS[prepared.code],
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return xlsxResponse(prepared.data.filename, prepared.data.sheet, async (writer) => {
    await prepared.data.fill(writer);
  });
}
