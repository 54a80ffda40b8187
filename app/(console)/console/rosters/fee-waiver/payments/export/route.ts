import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { prepareFeeWaiverExport } from "@/lib/services/fee-waiver-payments";
import { xlsxResponse } from "@/lib/xlsx";

/**
 * 资金发放查看 of the 普高 免学杂费 lists as .xlsx, for the school (own lists) and the supervisors (subtree): every
 * filtered row, read in keyset pages and streamed out; a refusal is plain Chinese text with its status.
 */
export async function GET(request: Request) {
  const auth = await authorize("fee_waiver_payments.export");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const filter = Object.fromEntries(new URL(request.url).searchParams);
  const prepared = await prepareFeeWaiverExport(auth.user, filter, await requestIp());
  if (!prepared.ok)
    return new Response(prepared.message, {
      status: FAILURE_STATUS[prepared.code],
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return xlsxResponse(prepared.data.filename, prepared.data.sheet, async (writer) => {
    await prepared.data.fill(writer);
  });
}
