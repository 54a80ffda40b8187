import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { loanImportStatus } from "@/lib/services/loans";

/** Progress and result of one loan or repayment import of the caller's province (polled by the page). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorize("loan.import");
  if (!auth.ok) return Response.json({ error: auth.message }, { status: auth.status });
  const result = await loanImportStatus(auth.user, (await params).id);
  if (!result.ok) return Response.json({ error: result.message }, { status: FAILURE_STATUS[result.code] });
  return Response.json(result.data, { headers: { "cache-control": "no-store" } });
}
