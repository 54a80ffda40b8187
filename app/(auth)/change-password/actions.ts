"use server";

import { redirect } from "next/navigation";
import { clearSessionCookies } from "@/lib/auth/cookies";
import { requestIp } from "@/lib/auth/request";
import { requireUser } from "@/lib/auth/session";
import { failureState } from "@/lib/forms/action";
import { formFields } from "@/lib/forms/read";
import type { FormState } from "@/lib/forms/state";
import { changeOwnPassword } from "@/lib/services/password-change";

/**
 * Changing one's own password is the one action open to a signed-in user whatever the matrix says (an
 * initial or expired password must be changed before anything else), so it asks `requireUser` instead of
 * `formAction`'s matrix check; the rest of the pipeline is the same.
 */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(undefined, { allowPasswordChange: true });
  const changed = await changeOwnPassword(user, formFields(form), await requestIp());
  if (!changed.ok) return failureState(changed);
  await clearSessionCookies();
  redirect("/login?notice=password-changed");
}
