import { authorize } from "@/lib/auth/access";
import { downloadExport } from "@/lib/services/national-export";
import { xlsxFileResponse } from "@/lib/xlsx";

/** The 资助名册 when it validates (and the roster is approved), else the validation report (streamed from a temporary file once every row has been checked); admin only, audit-logged. */
export async function GET(_req: Request, { params }: { params: Promise<{ rosterId: string }> }) {
  const a = await authorize("exports.national");
  if (!a.ok)
    return new Response(a.message, {
      status: a.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const { rosterId } = await params;
  const r = await downloadExport(a.user, "roster", rosterId);
  if (!r.ok)
    return new Response(r.message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return xlsxFileResponse(r.data.fileName, r.data.stream);
}
