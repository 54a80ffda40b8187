import { Readable } from "node:stream";
import { authorize } from "@/lib/auth/access";
import { exportMonitor } from "@/lib/services/teacher-export";

/** GET ?classId=&state= → the class's application list as .xlsx (streamed). */
export async function GET(req: Request): Promise<Response> {
  const a = await authorize("application.export");
  if (!a.ok)
    return new Response(a.message, {
      status: a.status,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const url = new URL(req.url);
  const r = await exportMonitor(a.user, {
    classId: url.searchParams.get("classId") ?? undefined,
    state: url.searchParams.get("state") || undefined,
    page: 1,
  });
  if (!r.ok)
    return new Response(r.message, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(Readable.toWeb(r.data.stream) as ReadableStream, {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(r.data.filename)}`,
      "cache-control": "no-store",
    },
  });
}
