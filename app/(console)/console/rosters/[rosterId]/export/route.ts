import { authorize } from "@/lib/auth/access";
import { xlsxResponse } from "@/lib/export/response";
import { downloadExport } from "@/lib/services/national-export";

/** The 资助名册 when it validates (and the roster is approved), else the validation report; admin only, audit-logged. */
export async function GET(_req: Request, { params }: { params: Promise<{ rosterId: string }> }) {
  const a = await authorize("exports.national");
  if (!a.ok) return new Response(a.message, { status: a.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { rosterId } = await params;
  const r = await downloadExport(a.user, "roster", rosterId);
  if (!r.ok) return new Response(r.message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return xlsxResponse(r.data.fileName, r.data.body);
}
