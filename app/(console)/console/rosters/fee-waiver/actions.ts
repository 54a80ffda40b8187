"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { buildFeeWaiverList, changeFeeWaiverList } from "@/lib/services/fee-waiver-list";

const PATH = "/console/rosters/fee-waiver";
const reviewInput = (form: FormData) => ({
  pass: form.get("pass") !== "false",
  comment: String(form.get("comment") ?? "").trim() || undefined,
});

/** 资助名单录入: build (or extend) the school's list of the current 学年学期 for the programme. */
export async function buildFeeWaiverAction(programmeId: string): Promise<FormState> {
  return formAction({
    access: "fee_waiver_list.edit",
    run: (user) => buildFeeWaiverList(user, { programmeId }),
    revalidate: [{ layout: PATH }, "/console"],
    redirect: (data) => `${PATH}/${data.listId}`,
  });
}

/** 移出 one student of the list (the list goes back to 待审核 at both levels). */
export async function removeFeeWaiverEntryAction(listId: string, entryId: string): Promise<FormState> {
  return formAction({
    access: "fee_waiver_list.edit",
    input: { kind: "REMOVE_ENTRY" as const, entryId },
    run: (user, input) => changeFeeWaiverList(user, listId, input),
    revalidate: [{ layout: PATH }, "/console"],
    success: "已移出名单；名单需重新审核。",
  });
}

/** 学校审核 by the school's leader: pass, or refuse with a reason. */
export async function schoolReviewAction(
  listId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "fee_waiver_list.school_review",
    input: { kind: "SCHOOL_REVIEW" as const, ...reviewInput(form) },
    run: (user, input) => changeFeeWaiverList(user, listId, input),
    revalidate: [{ layout: PATH }, "/console"],
    success: (data) => ({
      ok: true,
      message: data.state.schoolReview === "PASSED" ? "学校审核通过，已提交主管部门审核。" : "已退回修改。",
    }),
  });
}
