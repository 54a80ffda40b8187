"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import {
  createAdjustmentPublicity,
  openAdjustment,
  withdrawOpenAdjustment,
} from "@/lib/services/adjustments";

/** The adjustments page and the determination pages (the adjustment joins the queue) are revalidated. */
const PAGES = ["/console/adjustments", { layout: "/console/determination" }];

export async function openAdjustmentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "adjustment.open",
    form,
    run: (user, input) => openAdjustment(user, input),
    revalidate: PAGES,
    // The form may be gone afterwards (no other student to adjust): the page shows the outcome instead.
    redirect: { replace: "/console/adjustments?opened=1" },
  });
}

export async function withdrawAdjustmentAction(
  applicationId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "adjustment.withdraw",
    form,
    run: (user, input) => withdrawOpenAdjustment(user, { ...input, applicationId }),
    revalidate: PAGES,
    success: "已撤回该动态调整，原认定等级不变。",
  });
}

export async function adjustmentPublicityAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "adjustment.publicise",
    form,
    run: (user, input) => createAdjustmentPublicity(user, input),
    revalidate: PAGES,
    success: (data) => ({
      ok: true,
      message: `已发布动态调整公示（${data.items}人），公示期至 ${data.endDate}。期满且异议处理完毕后，在“公示与异议”中确定最终结果，调整即生效。`,
    }),
  });
}
