/**
 * Authorised evidence download: the applicant, their class teacher and the
 * school's admin and leader. Anyone else gets 401/403 (role not allowed) or
 * 404 (not in their scope, same as a missing file) and nothing of the file.
 * Served with the verified type, nosniff and a sandboxing CSP; images inline,
 * PDFs as attachments.
 */
import { requestIp } from "@/lib/auth/request";
import { getSessionUser } from "@/lib/auth/session";
import { fileResponse } from "@/lib/http/file-response";
import { openEvidence } from "@/lib/services/evidence";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return fileResponse(await openEvidence(await getSessionUser(), id, await requestIp()));
}
