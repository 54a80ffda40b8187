import { authorize } from "@/lib/auth/access";
import { ROSTER_SHEET, writeRosterExport } from "@/lib/services/student-roster-export";
import { xlsxResponse } from "@/lib/xlsx";
import { formatBeijingDate } from "@/lib/domain/time";

/** The school's roster in the template's columns (audited in the service). */
export async function GET() {
  const auth = await authorize("roster.export");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  return xlsxResponse(`在校生名册-${formatBeijingDate(new Date())}.xlsx`, ROSTER_SHEET, async (w) => {
    const r = await writeRosterExport(auth.user, w);
    if (!r.ok) throw new Error(r.message);
  });
}
