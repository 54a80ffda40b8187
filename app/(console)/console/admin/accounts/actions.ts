"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { formValues } from "@/lib/forms/read";
import { ROLE_LABELS } from "@/lib/domain/codes";
import type { ActionResult } from "@/lib/services/result";
import {
  assignTeacherToClass,
  createStaffAccount,
  resetAccountPassword,
  setStaffDisabled,
} from "@/lib/services/staff-accounts";

const PATH = "/console/admin/accounts";
const refused = (r: { message: string }): FormState => ({ ok: false, message: r.message });
const failed = <T>(
  r: Extract<ActionResult<T>, { ok: false }>,
  values?: Record<string, string>,
): FormState => ({ ok: false, message: r.message, fieldErrors: r.fieldErrors, values });

export async function createStaffAction(_p: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize("account.create");
  if (!auth.ok) return refused(auth);
  const values = formValues(form, ["role", "displayName", "username"]);
  const r = await createStaffAccount(auth.user, values);
  if (!r.ok) return failed(r, values);
  revalidatePath(PATH);
  return {
    ok: true,
    message: `已创建${ROLE_LABELS[values.role as "TEACHER"] ?? ""}账号“${r.data.username}”，初始密码：${r.data.password}（只显示这一次，请转交本人；首次登录须修改密码）`,
  };
}

export async function setDisabledAction(_p: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize("account.disable");
  if (!auth.ok) return refused(auth);
  const r = await setStaffDisabled(auth.user, formValues(form, ["id", "disabled"]));
  if (!r.ok) return failed(r);
  revalidatePath(PATH);
  return {
    ok: true,
    message: r.data.disabled
      ? `已停用 ${r.data.displayName} 的账号，该账号已无法登录。`
      : `已恢复 ${r.data.displayName} 的账号。`,
  };
}

export async function resetPasswordAction(_p: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize("account.reset_password");
  if (!auth.ok) return refused(auth);
  const r = await resetAccountPassword(auth.user, formValues(form, ["id"]));
  if (!r.ok) return failed(r);
  return {
    ok: true,
    message: `${r.data.displayName} 的新临时密码：${r.data.password}（只显示这一次；登录后须修改密码，原有登录已全部退出）`,
  };
}

export async function assignAction(_p: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize("class.assign_teacher");
  if (!auth.ok) return refused(auth);
  const r = await assignTeacherToClass(auth.user, formValues(form, ["teacherId", "classId", "assigned"]));
  if (!r.ok) return failed(r);
  revalidatePath(PATH);
  return { ok: true, message: r.data.assigned ? "已分配班级。" : "已取消分配。" };
}
