"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { changeFeeWaiverList } from "@/lib/services/fee-waiver-list";

/** 主管部门审核 of a 普高 免学杂费 list: pass, or refuse with a reason (back to the school for editing). */
export async function supervisorReviewAction(
  listId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "fee_waiver_list.supervise",
    input: {
      kind: "SUPERVISOR_REVIEW" as const,
      pass: form.get("pass") !== "false",
      comment: String(form.get("comment") ?? "").trim() || undefined,
    },
    run: (user, input) => changeFeeWaiverList(user, listId, input),
    revalidate: [{ layout: "/console/supervisor/fee-waiver" }, "/console"],
    success: (data) => ({
      ok: true,
      message:
        data.state.supervisorReview === "PASSED" ? "主管部门审核通过。" : "审核不通过，已退回学校修改。",
    }),
  });
}
