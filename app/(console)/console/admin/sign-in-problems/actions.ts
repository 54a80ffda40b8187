"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { convertSignInProblem } from "@/lib/services/support-desk";

export async function convertSignInProblemAction(signInProblemId: string, _prev: FormState, form: FormData) {
  return formAction({
    access: "support.convert_sign_in_problem",
    form,
    run: (user, input) => convertSignInProblem(user, signInProblemId, input),
    revalidate: ["/console/admin/sign-in-problems", "/console/support"],
    redirect: (data) => `/console/support/${data.id}`,
  });
}
