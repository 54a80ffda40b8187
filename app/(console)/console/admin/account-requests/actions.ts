"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { fileRequest } from "@/lib/services/account-requests";

export async function fileSchoolRequestAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "account_request.file",
    form,
    run: (user, input) => fileRequest(user, input),
    revalidate: ["/console/admin/account-requests"],
    success: "申请已提交，等待区县主管部门审批。",
  });
}
