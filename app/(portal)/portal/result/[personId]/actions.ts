"use server";

import { requestIp } from "@/lib/auth/request";
import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { isId } from "@/lib/schemas/id";
import { requestReview } from "@/lib/services/publicity";
import { confirmPaymentReceipt } from "@/lib/services/aid-roster";

const resultPages = (personId: string) => (isId(personId) ? [`/portal/result/${personId}`] : []);

export async function reviewRequestAction(
  personId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const ip = await requestIp();
  return formAction({
    access: "result.review_request",
    form,
    run: (user, input) => requestReview(user, { ...input, personId }, ip),
    revalidate: resultPages(personId),
    success: "复议申请已提交，学校将在公示结束前答复。",
  });
}

export async function receiptAction(personId: string, entryId: string): Promise<FormState> {
  return formAction({
    access: "result.confirm_receipt",
    run: (user) => confirmPaymentReceipt(user, entryId),
    revalidate: resultPages(personId),
    success: "已确认签收。",
  });
}
