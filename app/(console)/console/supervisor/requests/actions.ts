"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { approveAccountRequest, fileRequest, refuseAccountRequest } from "@/lib/services/account-requests";

const PATH = "/console/supervisor/requests";

export async function approveRequestAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "account_request.decide",
    form,
    run: (user, input) => approveAccountRequest(user, input),
    // No revalidation: the row, and with it the one-time password, must stay on screen until it was copied.
    success: (data) => ({
      ok: true,
      message: `已同意，已为${data.unitName}创建账号“${data.username}”，初始密码：${data.password}（只显示这一次，请转交本人；首次登录须修改密码）`,
    }),
  });
}

export async function refuseRequestAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "account_request.decide",
    form,
    run: (user, input) => refuseAccountRequest(user, input),
    revalidate: [PATH],
    success: "已不同意该申请，申请单位可看到理由。",
  });
}

export async function fileRequestAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "account_request.file",
    form,
    run: (user, input) => fileRequest(user, input),
    revalidate: [PATH],
    success: "申请已提交，等待上一级主管部门审批。",
  });
}
