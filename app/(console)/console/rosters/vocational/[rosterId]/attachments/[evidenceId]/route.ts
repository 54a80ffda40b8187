/**
 * A publicity attachment of a 中职 monthly list, for the school's staff and the supervisors of its region and
 * above (a list outside the caller's school or subtree is 404, like a missing file). Every view is audited.
 * Served like other evidence (lib/http/file-response.ts): verified type, nosniff, a sandboxing CSP.
 */
import { requestIp } from "@/lib/auth/request";
import { getSessionUser } from "@/lib/auth/session";
import { fileResponse } from "@/lib/http/file-response";
import { openListAttachment } from "@/lib/services/vocational-list-pages";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(
  _req: Request,
  { params }: { params: Promise<{ rosterId: string; evidenceId: string }> },
): Promise<Response> {
  const { rosterId, evidenceId } = await params;
  return fileResponse(
    await openListAttachment(await getSessionUser(), rosterId, evidenceId, await requestIp()),
  );
}
