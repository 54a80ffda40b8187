"use server";

import type { FormState } from "@/lib/forms/state";
import { formAction } from "@/lib/forms/action";
import type { FormFields } from "@/lib/forms/read";
import { changeMonthlyList, type ListCommand } from "@/lib/services/vocational-roster";

/** Every change shows on the supervisor's and the school's list pages. */
const REVALIDATE = [{ layout: "/console/supervisor/vocational" }, { layout: "/console/rosters/vocational" }];

const commentOf = (input: FormFields) => String(input.comment ?? "");

/** One decision of the school's supervisor (主管部门审核, 名单公示确认, 公示退回审核). */
function decide(
  rosterId: string,
  command: (input: FormFields) => ListCommand,
  success: string,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "vocational_list.supervise",
    form,
    run: (user, input) => changeMonthlyList(user, rosterId, command(input)),
    revalidate: REVALIDATE,
    success,
  });
}

export async function reviewPassAction(rosterId: string, _prev: FormState, form: FormData) {
  return decide(
    rosterId,
    (input) => ({ kind: "SUPERVISOR_REVIEW", pass: true, comment: commentOf(input) }),
    "主管部门审核通过，学校可以公示名单。",
    form,
  );
}
export async function reviewRefuseAction(rosterId: string, _prev: FormState, form: FormData) {
  return decide(
    rosterId,
    (input) => ({ kind: "SUPERVISOR_REVIEW", pass: false, comment: commentOf(input) }),
    "主管部门审核不通过，已退回学校修改。",
    form,
  );
}
export async function confirmAction(rosterId: string, _prev: FormState, form: FormData) {
  return decide(
    rosterId,
    (input) => ({ kind: "CONFIRM", comment: commentOf(input) }),
    "已确认公示通过。",
    form,
  );
}
export async function refusePublicityAction(rosterId: string, _prev: FormState, form: FormData) {
  return decide(
    rosterId,
    (input) => ({ kind: "REFUSE_PUBLICITY", comment: commentOf(input) }),
    "公示不通过：学校公示状态已回到学校未公示，两级审核回到待审核，学校可修改名单。",
    form,
  );
}
export async function grantWithdrawalAction(rosterId: string, _prev: FormState, form: FormData) {
  return decide(
    rosterId,
    (input) => ({ kind: "DECIDE_WITHDRAWAL", grant: true, comment: commentOf(input) }),
    "已同意公示退回：已发放金额清零（发放记录保留），名单回到待审核。",
    form,
  );
}
export async function refuseWithdrawalAction(rosterId: string, _prev: FormState, form: FormData) {
  return decide(
    rosterId,
    (input) => ({ kind: "DECIDE_WITHDRAWAL", grant: false, comment: commentOf(input) }),
    "已不同意公示退回。",
    form,
  );
}
