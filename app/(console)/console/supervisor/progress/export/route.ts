import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { PROGRESS_SHEET, prepareProgressExport } from "@/lib/services/work-progress";
import { xlsxResponse } from "@/lib/xlsx";

/** The work-progress table of the page with the same `region` / `school` parameters, as .xlsx (audited). */
export async function GET(request: Request) {
  const auth = await authorize("work_progress.export");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const params = new URL(request.url).searchParams;
  const prepared = await prepareProgressExport(auth.user, {
    region: params.get("region") ?? undefined,
    school: params.get("school") ?? undefined,
  });
  if (!prepared.ok) return new Response(prepared.message, { status: FAILURE_STATUS[prepared.code] });
  return xlsxResponse(prepared.data.filename, PROGRESS_SHEET, async (writer) => {
    await prepared.data.write(writer);
  });
}
