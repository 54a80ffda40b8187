"use server";

import type { FormState } from "@/components/ui/action-form";
import { echoValues, formValues } from "@/lib/auth/form-data";
import { requestIp } from "@/lib/auth/request";
import { requireUser } from "@/lib/auth/session";
import { bindChildToParent } from "@/lib/services/applicant-accounts";

export async function bindChildAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(["PARENT"]);
  const values = formValues(form, ["childName", "childIdNumber"]);
  const result = await bindChildToParent(user.id, values, await requestIp());
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: echoValues(values) };
  return { ok: true, message: `已绑定：${result.data.name}。返回首页即可为孩子申请。` };
}
