"use server";

import { requestIp } from "@/lib/auth/request";
import { publicFormAction } from "@/lib/forms/action";
import { echoValues } from "@/lib/forms/read";
import type { FormState } from "@/lib/forms/state";
import { activateStudent, sendActivationCode } from "@/lib/services/applicant-accounts";

export async function activateAction(_prev: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  if (form.get("intent") === "send-sms")
    return publicFormAction({
      form,
      run: (input) => sendActivationCode(input, ip),
      success: ({ phoneMasked }) => ({
        ok: true,
        message: `短信验证码已发送至监护人手机 ${phoneMasked}，5分钟内有效。`,
        values: echoValues(form),
      }),
    });
  return publicFormAction({
    form,
    run: (input) => activateStudent(input, ip),
    redirect: "/login?notice=activated",
  });
}
