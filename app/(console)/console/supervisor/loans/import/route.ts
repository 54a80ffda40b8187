import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { receiveXlsx } from "@/lib/http/upload";
import { beginLoanImport } from "@/lib/services/loan-import";

/** Queues a loan or repayment import of the province (a worker runs it); the page then polls ../jobs/[id]. */
export async function POST(request: Request) {
  const auth = await authorize("loan.import");
  if (!auth.ok) return Response.json({ error: auth.message }, { status: auth.status });
  const up = await receiveXlsx(request);
  if (!up.ok) return Response.json({ error: up.message }, { status: up.status });
  const result = await beginLoanImport(auth.user, {
    kind: up.form.get("kind") === "REPAYMENT" ? "REPAYMENT" : "LOAN",
    mode: up.form.get("mode") === "ALL_OR_NOTHING" ? "ALL_OR_NOTHING" : "GOOD_ROWS",
    academicYear: String(up.form.get("academicYear") ?? ""),
    filePath: up.filePath,
    fileName: up.fileName,
    removeFile: true,
  });
  if (!result.ok) return Response.json({ error: result.message }, { status: FAILURE_STATUS[result.code] });
  return Response.json({ jobId: result.data.importId });
}
