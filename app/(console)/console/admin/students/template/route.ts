import { authorize } from "@/lib/auth/access";
import { ROSTER_SHEET } from "@/lib/services/student-roster-export";
import { xlsxResponse } from "@/lib/xlsx";

/** The empty roster template (header row only). */
export async function GET() {
  const auth = await authorize("roster.import");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  return xlsxResponse("在校生信息导入模板.xlsx", ROSTER_SHEET, async () => undefined);
}
