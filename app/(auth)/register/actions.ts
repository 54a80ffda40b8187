"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/forms/state";
import { echoValues, formValues } from "@/lib/auth/form-data";
import { requestIp } from "@/lib/auth/request";
import { registerParent } from "@/lib/services/applicant-accounts";

export async function registerAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["name", "phone", "password", "confirm"]);
  const result = await registerParent(values, await requestIp());
  if (!result.ok)
    return { message: result.message, fieldErrors: result.fieldErrors, values: echoValues(values) };
  redirect("/login?notice=registered");
}
