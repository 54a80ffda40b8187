import { authorize } from "@/lib/auth/access";
import { findRejectedRowsJob, REJECTED_SHEET, writeRejectedRows } from "@/lib/services/student-roster-export";
import { xlsxResponse } from "@/lib/xlsx";

/** The rejected rows of an import: row number, reason, the row as uploaded. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorize("roster.import");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const { id } = await params;
  const found = await findRejectedRowsJob(auth.user, id);
  if (!found.ok) return new Response(found.message, { status: 404 });
  return xlsxResponse(
    `未导入的行-${found.data.fileName.replace(/\.xlsx$/i, "")}.xlsx`,
    REJECTED_SHEET,
    async (w) => {
      const r = await writeRejectedRows(auth.user, id, w);
      if (!r.ok) throw new Error(r.message);
    },
  );
}
