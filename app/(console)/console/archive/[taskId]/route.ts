import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { downloadTermArchive } from "@/lib/services/term-archive";

/**
 * The stored zip of a finished term archive (lib/services/term-archive.ts): school admin of the task's
 * school only; audit-logged. A task still running, failed, or whose file is gone answers a Chinese message.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const decision = await authorize("archive.term");
  if (!decision.ok)
    return new Response(decision.message, {
      status: decision.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const { taskId } = await params;
  const result = await downloadTermArchive(decision.user, taskId);
  if (!result.ok)
    return new Response(result.message, {
      status: FAILURE_STATUS[result.code],
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  // The stored bytes as they are (a Buffer is a Uint8Array over an ArrayBuffer): no second copy of the zip.
  return new Response(result.data.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(result.data.bytes.length),
      "Content-Disposition": `attachment; filename="archive.zip"; filename*=UTF-8''${encodeURIComponent(result.data.fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
