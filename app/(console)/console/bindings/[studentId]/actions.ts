"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { releaseSquattedMobile } from "@/lib/services/access-codes";

export async function releaseAction(
  studentId: string,
  guardianId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const a = await authorize("binding.release");
  if (!a.ok) return { message: a.message };
  const reason = String(form.get("reason") ?? "");
  const r = await releaseSquattedMobile(a.user, studentId, guardianId, { reason });
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors, values: { reason } };
  revalidatePath(`/console/bindings/${studentId}`);
  if (!r.data.accountReleased)
    return {
      ok: true,
      message: `已解除占用手机号 ${r.data.phoneMasked} 的账号与这名学生的绑定。该账号还绑定了其他学校在读的学生，本校不能停用该账号或释放其手机号；请将核实情况报上级资助管理部门处理。`,
    };
  return {
    ok: true,
    message: `已释放手机号 ${r.data.phoneMasked}：占用该号码的账号已停用并标记${r.data.unbound ? "，已解除其与孩子的绑定" : ""}。请告知监护人用该手机号注册，并凭验证码绑定孩子。`,
  };
}
