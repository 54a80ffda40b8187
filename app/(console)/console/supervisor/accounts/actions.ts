"use server";

import { accountDisabledState } from "@/components/console/account-disabled-state";
import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import {
  createSupervisorAccount,
  resetSupervisorAccountPassword,
  setSupervisorAccountDisabled,
} from "@/lib/services/supervisor-accounts";

const PATH = "/console/supervisor/accounts";

export async function createAccountAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "supervisor_account.create",
    form,
    run: (user, input) => createSupervisorAccount(user, input),
    revalidate: [PATH],
    success: (data) => ({
      ok: true,
      message: `已为${data.unitName}创建账号“${data.username}”，初始密码：${data.password}（只显示这一次，请转交本人；首次登录须修改密码）`,
    }),
  });
}

export async function setDisabledAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "supervisor_account.disable",
    form,
    run: (user, input) => setSupervisorAccountDisabled(user, input),
    revalidate: [PATH],
    success: accountDisabledState,
  });
}

export async function resetPasswordAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "supervisor_account.reset_password",
    form,
    run: (user, input) => resetSupervisorAccountPassword(user, input),
    success: (data) => ({
      ok: true,
      message: `${data.displayName} 的新临时密码：${data.password}（只显示这一次；登录后须修改密码，原有登录已全部退出）`,
    }),
  });
}
