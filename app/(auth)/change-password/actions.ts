"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/forms/state";
import { clearSessionCookies } from "@/lib/auth/cookies";
import { formValues } from "@/lib/auth/form-data";
import { requestIp } from "@/lib/auth/request";
import { requireUser } from "@/lib/auth/session";
import { changeOwnPassword } from "@/lib/services/password-change";

export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(undefined, { allowPasswordChange: true });
  const result = await changeOwnPassword(
    user,
    formValues(form, ["current", "password", "confirm"]),
    await requestIp(),
  );
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors };
  await clearSessionCookies();
  redirect("/login?notice=password-changed");
}
