import { Readable } from "node:stream";
import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { exportMonitor } from "@/lib/services/teacher-export";

/** A download opened in the browser: a refusal is shown as plain Chinese text with the failure's status. */
const refusal = (message: string, status: number) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** GET ?classId=&state= → the class's application list as .xlsx (streamed). */
export async function GET(req: Request): Promise<Response> {
  const auth = await authorize("application.export");
  if (!auth.ok) return refusal(auth.message, auth.status);
  const url = new URL(req.url);
  const exported = await exportMonitor(auth.user, {
    classId: url.searchParams.get("classId") ?? undefined,
    state: url.searchParams.get("state") || undefined,
    page: 1,
  });
  if (!exported.ok) return refusal(exported.message, FAILURE_STATUS[exported.code]);
  return new Response(Readable.toWeb(exported.data.stream) as ReadableStream, {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(exported.data.filename)}`,
      "cache-control": "no-store",
    },
  });
}
