import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { downloadExportTask } from "@/lib/services/export-task";
import { xlsxFileResponse } from "@/lib/xlsx";

/**
 * The stored file of a finished national-export task (lib/services/export-task.ts): the export, or the
 * validation report when a row has a problem. School admin of the task's school only; audit-logged. A
 * task still running, failed, or whose file is gone answers a Chinese message.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const a = await authorize("exports.download");
  if (!a.ok)
    return new Response(a.message, {
      status: a.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const { taskId } = await params;
  const r = await downloadExportTask(a.user, taskId);
  if (!r.ok)
    return new Response(r.message, {
      status: FAILURE_STATUS[r.code],
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return xlsxFileResponse(r.data.fileName, r.data.stream);
}
