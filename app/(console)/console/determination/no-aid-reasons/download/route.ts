import { authorize } from "@/lib/auth/access";
import { formatBeijingDate } from "@/lib/domain/time";
import { NO_AID_SHEET, writeNoAidReasonsExport } from "@/lib/services/no-aid-reasons";
import { xlsxResponse } from "@/lib/xlsx";

/** 未资助原因上报: this term's special-group students without aid and the reasons recorded. */
export async function GET() {
  const auth = await authorize("no_aid_reason.export");
  if (!auth.ok)
    return new Response(auth.message, {
      status: auth.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return xlsxResponse(
    `未资助原因上报-${formatBeijingDate(new Date())}.xlsx`,
    NO_AID_SHEET,
    async (writer) => {
      const result = await writeNoAidReasonsExport(auth.user, writer);
      if (!result.ok) throw new Error(result.message);
    },
  );
}
