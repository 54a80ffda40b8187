import { authorize } from "@/lib/auth/access";
import { NO_AID_SHEET, writeNoAidExport } from "@/lib/services/special-groups";
import { xlsxResponse } from "@/lib/xlsx";
import { formatBeijingDate } from "@/lib/domain/time";

/** 未资助原因上报: this term's special-group students without aid and the reasons. */
export async function GET() {
  const auth = await authorize("no_aid_reason.export");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  return xlsxResponse(`未资助原因上报-${formatBeijingDate(new Date())}.xlsx`, NO_AID_SHEET, async (w) => {
    const r = await writeNoAidExport(auth.user, w);
    if (!r.ok) throw new Error(r.message);
  });
}
