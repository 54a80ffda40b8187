"use server";

import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import type { ActionResult } from "@/lib/domain/result";
import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { revealLoanIdNumber, saveProvinceLoanCap } from "@/lib/services/loans";
import { reviewLoanImport, reviewLoanRecords } from "@/lib/services/loan-review";

const PATHS = ["/console/supervisor/loans", "/console/supervisor/loans/records"];

const decided = (data: { decided: number }) => ({ ok: true, message: `已审核 ${data.decided} 条记录。` });

/** 审核 a whole import: every pending record approved, or refused with the comment. */
export async function reviewImportAction(importId: string, _prev: FormState, form: FormData) {
  return formAction({
    access: "loan.review",
    form,
    run: (user, input) => reviewLoanImport(user, importId, input),
    revalidate: PATHS,
    success: decided,
  });
}

/** 审核 one loan or repayment record. */
export async function reviewRecordAction(
  kind: "LOAN" | "REPAYMENT",
  recordId: string,
  _prev: FormState,
  form: FormData,
) {
  return formAction({
    access: "loan.review",
    input: {
      kind,
      ids: [recordId],
      decision: form.get("decision"),
      comment: form.get("comment") ?? undefined,
    },
    form,
    run: (user, input) => reviewLoanRecords(user, input),
    revalidate: PATHS,
    success: decided,
  });
}

/** 额度标准: the cap of a level from an academic year on. */
export async function saveCapAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "loan.cap_edit",
    form,
    run: (user, input) => saveProvinceLoanCap(user, input),
    revalidate: PATHS,
    success: "额度标准已保存，此后导入的记录按新标准检查。",
  });
}

/** One loan record's full ID number (decrypted and audited by the service), shown in place. */
export async function revealLoanIdAction(loanId: string): Promise<ActionResult<{ idNumber: string }>> {
  const auth = await authorize("loan.reveal_id");
  if (!auth.ok) return auth;
  return revealLoanIdNumber(auth.user, loanId, await requestIp());
}
