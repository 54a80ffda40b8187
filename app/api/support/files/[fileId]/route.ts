/**
 * A support desk file (screenshot or PDF): to the problem's filer (not the files of internal notes) and the
 * handlers in scope; anyone else 401/403 or 404 (same as a missing file). Served like evidence files.
 */
import { getSessionUser } from "@/lib/auth/session";
import { fileResponse } from "@/lib/http/file-response";
import { openSupportFile } from "@/lib/services/support-desk";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(
  _req: Request,
  { params }: { params: Promise<{ fileId: string }> },
): Promise<Response> {
  const { fileId } = await params;
  return fileResponse(await openSupportFile(await getSessionUser(), fileId));
}
