"use server";

import type { FormState } from "@/lib/forms/state";
import { formAction } from "@/lib/forms/action";
import type { FormFields } from "@/lib/forms/read";
import { buildMonthlyList, changeMonthlyList, type ListCommand } from "@/lib/services/vocational-roster";
import { addListEntry, removeListEntry, setListEntryAmount } from "@/lib/services/vocational-roster-entries";

/** Every change shows on the school's and the supervisor's list pages. */
const REVALIDATE = [{ layout: "/console/rosters/vocational" }, { layout: "/console/supervisor/vocational" }];

const commentOf = (input: FormFields) => String(input.comment ?? "");

/** 生成本月名单: builds (or extends) the month's list of a programme, then opens it. */
export async function buildListAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "vocational_list.edit",
    form,
    run: buildMonthlyList,
    revalidate: REVALIDATE,
    redirect: (built) =>
      `/console/rosters/vocational/${built.rosterId}?built=${built.added}-${built.flagged}`,
  });
}

/** One state change of the list by the school (学校审核, 资助名单公示, 资金发放, 申请公示退回). */
function change(
  access: "vocational_list.edit" | "vocational_list.school_review",
  rosterId: string,
  command: (input: FormFields) => ListCommand,
  success: string,
  form?: FormData,
): Promise<FormState> {
  return formAction({
    access,
    form,
    run: (user, input) => changeMonthlyList(user, rosterId, command(input)),
    revalidate: REVALIDATE,
    success,
  });
}

export async function schoolPassAction(rosterId: string, _prev: FormState, form: FormData) {
  return change(
    "vocational_list.school_review",
    rosterId,
    (input) => ({ kind: "SCHOOL_REVIEW", pass: true, comment: commentOf(input) }),
    "学校审核通过，已提交主管部门审核。",
    form,
  );
}
export async function schoolRefuseAction(rosterId: string, _prev: FormState, form: FormData) {
  return change(
    "vocational_list.school_review",
    rosterId,
    (input) => ({ kind: "SCHOOL_REVIEW", pass: false, comment: commentOf(input) }),
    "学校审核不通过，经办人员可修改名单后重新提交。",
    form,
  );
}
export async function publiciseAction(rosterId: string): Promise<FormState> {
  return change(
    "vocational_list.edit",
    rosterId,
    () => ({ kind: "PUBLICISE" }),
    "名单已公示，等待主管部门确认。",
  );
}
export async function payAction(rosterId: string): Promise<FormState> {
  return change("vocational_list.edit", rosterId, () => ({ kind: "RECORD_PAYMENT" }), "已登记资金发放。");
}
export async function withdrawAction(rosterId: string, _prev: FormState, form: FormData) {
  return change(
    "vocational_list.edit",
    rosterId,
    (input) => ({ kind: "REQUEST_WITHDRAWAL", comment: commentOf(input) }),
    "已申请公示退回，等待主管部门审核。",
    form,
  );
}

export async function removeEntryAction(rosterId: string, entryId: string): Promise<FormState> {
  return formAction({
    access: "vocational_list.edit",
    input: undefined,
    run: (user) => removeListEntry(user, rosterId, entryId),
    revalidate: REVALIDATE,
    success: (done) => ({ ok: true, message: `已${done.comment}。名单需重新审核。` }),
  });
}
export async function addEntryAction(rosterId: string, _prev: FormState, form: FormData) {
  return formAction({
    access: "vocational_list.edit",
    form,
    run: (user, input) => addListEntry(user, rosterId, input),
    revalidate: REVALIDATE,
    success: (done) => ({ ok: true, message: `已${done.comment}。名单需重新审核。` }),
  });
}
export async function amountAction(rosterId: string, _prev: FormState, form: FormData) {
  return formAction({
    access: "vocational_list.edit",
    form,
    run: (user, input) => setListEntryAmount(user, rosterId, input),
    revalidate: REVALIDATE,
    success: (done) => ({ ok: true, message: `已修改：${done.comment}。名单需重新审核。` }),
  });
}
