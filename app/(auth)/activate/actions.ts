"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/forms/state";
import { echoValues, formValues } from "@/lib/auth/form-data";
import { requestIp } from "@/lib/auth/request";
import { activateStudent, sendActivationCode } from "@/lib/services/applicant-accounts";

export async function activateAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["name", "idNumber", "accessCode", "smsCode", "password", "confirm"]);
  if (form.get("intent") === "send-sms") {
    const sent = await sendActivationCode(values, await requestIp());
    return sent.ok
      ? {
          ok: true,
          message: `短信验证码已发送至监护人手机 ${sent.data.phoneMasked}，5分钟内有效。`,
          values: echoValues(values),
        }
      : { message: sent.message, fieldErrors: sent.fieldErrors, values: echoValues(values) };
  }
  const result = await activateStudent(values, await requestIp());
  if (!result.ok)
    return { message: result.message, fieldErrors: result.fieldErrors, values: echoValues(values) };
  redirect("/login?notice=activated");
}
