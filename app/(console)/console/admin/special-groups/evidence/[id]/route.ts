/**
 * The evidence file of a special-group entry, for the school's admin and
 * leader only (another school's file is 404, like a missing one). Every view
 * is audited. Served like applicants' evidence: verified type, nosniff, a
 * sandboxing CSP; images inline, PDFs as attachments.
 */
import { requestIp } from "@/lib/auth/request";
import { getSessionUser } from "@/lib/auth/session";
import { openSpecialGroupEvidence } from "@/lib/services/special-groups";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "private, no-store",
};

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const r = await openSpecialGroupEvidence(await getSessionUser(), id, await requestIp());
  if (!r.ok) return new Response(r.message, { status: r.status, headers: { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" } });
  const { bytes, mimeType, fileName } = r.data;
  const disposition = mimeType === "application/pdf" ? "attachment" : "inline";
  return new Response(Buffer.from(bytes), {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      "Content-Type": mimeType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `${disposition}; filename="evidence${fileName.slice(fileName.lastIndexOf("."))}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  });
}
