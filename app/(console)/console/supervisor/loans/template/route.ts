import type { NextRequest } from "next/server";
import { authorize } from "@/lib/auth/access";
import { FAILURE_STATUS } from "@/lib/domain/result";
import { mayImportLoans } from "@/lib/services/loans";
import { LOAN_TEMPLATE_SHEET, REPAYMENT_TEMPLATE_SHEET } from "@/lib/services/loan-sheets";
import { xlsxResponse } from "@/lib/xlsx";

/** The empty loan (or, with ?kind=repayment, repayment) template: the header row (docs/loans-import.md). */
export async function GET(request: NextRequest) {
  const auth = await authorize("loan.import");
  if (!auth.ok) return new Response(auth.message, { status: auth.status });
  const allowed = await mayImportLoans(auth.user);
  if (!allowed.ok)
    return new Response(allowed.message, {
      status: FAILURE_STATUS[allowed.code],
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const repayment = request.nextUrl.searchParams.get("kind") === "repayment";
  return repayment
    ? xlsxResponse("还款信息导入模板.xlsx", REPAYMENT_TEMPLATE_SHEET, async () => undefined)
    : xlsxResponse("贷款信息导入模板.xlsx", LOAN_TEMPLATE_SHEET, async () => undefined);
}
