import { authorize } from "@/lib/auth/access";
import {
  findRejectedRowsJob,
  SPECIAL_REJECTED_SHEET,
  writeRejectedRows,
} from "@/lib/services/student-roster-export";
import { xlsxResponse } from "@/lib/xlsx";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorize("special_group.import");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const { id } = await params;
  const found = await findRejectedRowsJob(auth.user, id, "SPECIAL_GROUP");
  if (!found.ok) return new Response(found.message, { status: 404 });
  return xlsxResponse("特殊群体名单-未导入的行.xlsx", SPECIAL_REJECTED_SHEET, async (w) => {
    const r = await writeRejectedRows(auth.user, id, w, "SPECIAL_GROUP");
    if (!r.ok) throw new Error(r.message);
  });
}
