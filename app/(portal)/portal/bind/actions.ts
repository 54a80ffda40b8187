"use server";

import type { FormState } from "@/lib/forms/state";
import { echoValues, formValues } from "@/lib/auth/form-data";
import { requestIp } from "@/lib/auth/request";
import { authorize } from "@/lib/auth/access";
import { bindChildAsUser, sendBindCode } from "@/lib/services/applicant-accounts";

export async function bindChildAction(_prev: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize("child.bind");
  const values = formValues(form, ["childName", "childIdNumber", "accessCode", "smsCode"]);
  if (!auth.ok) return { message: auth.message, values: echoValues(values) };
  if (form.get("intent") === "send-sms") {
    const sent = await sendBindCode(auth.user, await requestIp());
    return sent.ok
      ? {
          ok: true,
          message: `短信验证码已发送至 ${sent.data.phoneMasked}，5分钟内有效。`,
          values: echoValues(values),
        }
      : { message: sent.message, values: echoValues(values) };
  }
  const result = await bindChildAsUser(auth.user, values, await requestIp());
  if (!result.ok)
    return { message: result.message, fieldErrors: result.fieldErrors, values: echoValues(values) };
  return { ok: true, message: `已绑定：${result.data.name}。返回首页即可为孩子申请。` };
}
