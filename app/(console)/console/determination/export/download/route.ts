import { authorize } from "@/lib/auth/access";
import { xlsxResponse } from "@/lib/export/response";
import { downloadExport } from "@/lib/services/national-export";

/** The 家庭经济信息 file when it validates, else the validation report; admin only, audit-logged. */
export async function GET() {
  const a = await authorize("exports.national");
  if (!a.ok) return new Response(a.message, { status: a.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const r = await downloadExport(a.user, "determination");
  if (!r.ok) return new Response(r.message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return xlsxResponse(r.data.fileName, r.data.body);
}
