"use server";

import { requestIp } from "@/lib/auth/request";
import { formAction } from "@/lib/forms/action";
import { echoValues } from "@/lib/forms/read";
import type { FormState } from "@/lib/forms/state";
import { bindChildAsUser, sendBindCode } from "@/lib/services/applicant-accounts";

export async function bindChildAction(_prev: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  if (form.get("intent") === "send-sms")
    return formAction({
      access: "child.bind",
      form,
      run: (user) => sendBindCode(user, ip),
      success: ({ phoneMasked }) => ({
        ok: true,
        message: `短信验证码已发送至 ${phoneMasked}，5分钟内有效。`,
        values: echoValues(form),
      }),
    });
  return formAction({
    access: "child.bind",
    form,
    run: (user, input) => bindChildAsUser(user, input, ip),
    success: ({ name }) => ({ ok: true, message: `已绑定：${name}。返回首页即可为孩子申请。` }),
  });
}
