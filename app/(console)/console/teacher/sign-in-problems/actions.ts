"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { reportSignInProblem, resolveSignInProblem } from "@/lib/services/sign-in-problems";

export async function reportProblemAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "signin_problem.report",
    form,
    run: (user, input) => reportSignInProblem(user, input),
    revalidate: ["/console/teacher/sign-in-problems"],
    success: "已报告给学校资助管理员。",
  });
}

export async function resolveProblemAction(
  problemId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "signin_problem.resolve",
    form,
    run: (user, input) => resolveSignInProblem(user, problemId, input),
    revalidate: ["/console/admin/sign-in-problems"],
    success: "已处理。",
  });
}
