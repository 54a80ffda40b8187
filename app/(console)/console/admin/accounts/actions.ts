"use server";

import type { FormState } from "@/lib/forms/state";
import { accountDisabledState } from "@/components/console/account-disabled-state";
import { formAction } from "@/lib/forms/action";
import { ROLE_LABELS } from "@/lib/domain/codes";
import {
  assignTeacherToClass,
  createStaffAccount,
  resetAccountPassword,
  setStaffDisabled,
} from "@/lib/services/staff-accounts";

const PATH = "/console/admin/accounts";

export async function createStaffAction(_prev: FormState, form: FormData): Promise<FormState> {
  const role = form.get("role");
  return formAction({
    access: "account.create",
    form,
    run: createStaffAccount,
    revalidate: [PATH],
    success: (created) => ({
      ok: true,
      message: `已创建${ROLE_LABELS[role as "TEACHER"] ?? ""}账号“${created.username}”，初始密码：${created.password}（只显示这一次，请转交本人；首次登录须修改密码）`,
    }),
  });
}

export async function setDisabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "account.disable",
    form,
    run: setStaffDisabled,
    revalidate: [{ layout: PATH }],
    success: accountDisabledState,
  });
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "account.reset_password",
    form,
    run: resetAccountPassword,
    success: (account) => ({
      ok: true,
      message: `${account.displayName} 的新临时密码：${account.password}（只显示这一次；登录后须修改密码，原有登录已全部退出）`,
    }),
  });
}

export async function assignAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "class.assign_teacher",
    form,
    run: assignTeacherToClass,
    revalidate: [{ layout: PATH }],
    success: (assignment) => ({ ok: true, message: assignment.assigned ? "已分配班级。" : "已取消分配。" }),
  });
}
