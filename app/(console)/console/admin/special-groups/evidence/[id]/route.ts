/**
 * The evidence file of a special-group entry, for the school's admin and
 * leader only (another school's file is 404, like a missing one). Every view
 * is audited. Served like applicants' evidence: verified type, nosniff, a
 * sandboxing CSP; images inline, PDFs as attachments.
 */
import { requestIp } from "@/lib/auth/request";
import { getSessionUser } from "@/lib/auth/session";
import { fileResponse } from "@/lib/http/file-response";
import { openSpecialGroupEvidence } from "@/lib/services/special-groups";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return fileResponse(await openSpecialGroupEvidence(await getSessionUser(), id, await requestIp()));
}
