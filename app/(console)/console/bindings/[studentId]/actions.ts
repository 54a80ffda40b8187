"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { releaseSquattedMobile } from "@/lib/services/access-codes";

export async function releaseAction(
  studentId: string,
  guardianId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "binding.release",
    form,
    run: (user, input) => releaseSquattedMobile(user, studentId, guardianId, input),
    revalidate: [`/console/bindings/${studentId}`],
    success: ({ accountReleased, phoneMasked, unbound }) => ({
      ok: true,
      message: accountReleased
        ? `已释放手机号 ${phoneMasked}：占用该号码的账号已停用并标记${unbound ? "，已解除其与孩子的绑定" : ""}。请告知监护人用该手机号注册，并凭验证码绑定孩子。`
        : `已解除占用手机号 ${phoneMasked} 的账号与这名学生的绑定。该账号还绑定了其他学校在读的学生，本校不能停用该账号或释放其手机号；请将核实情况报上级资助管理部门处理。`,
    }),
  });
}
