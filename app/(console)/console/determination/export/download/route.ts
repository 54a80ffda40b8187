import { authorize } from "@/lib/auth/access";
import { downloadExport } from "@/lib/services/national-export";
import { xlsxFileResponse } from "@/lib/xlsx";

/** The 家庭经济信息 file when it validates, else the validation report (streamed from a temporary file once every row has been checked); admin only, audit-logged. */
export async function GET() {
  const a = await authorize("exports.national");
  if (!a.ok)
    return new Response(a.message, {
      status: a.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const r = await downloadExport(a.user, "determination");
  if (!r.ok)
    return new Response(r.message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return xlsxFileResponse(r.data.fileName, r.data.stream);
}
