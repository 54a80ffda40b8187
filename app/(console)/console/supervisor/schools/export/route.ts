import { authorize } from "@/lib/auth/access";
import { formatBeijingDate } from "@/lib/domain/time";
import { REGISTRY_SHEET, writeRegistryExport } from "@/lib/services/school-registry";
import { xlsxResponse } from "@/lib/xlsx";

/** The school registry of the supervisor's subtree, in the layout the import reads. */
export async function GET() {
  const auth = await authorize("school_registry.export");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  return xlsxResponse(`学校名录-${formatBeijingDate(new Date())}.xlsx`, REGISTRY_SHEET, async (writer) => {
    const result = await writeRegistryExport(auth.user, writer);
    if (!result.ok) throw new Error(result.message);
  });
}
