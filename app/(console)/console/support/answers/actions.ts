"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { answerFromProblem, deleteSupportAnswer, saveSupportAnswer } from "@/lib/services/support-answers";

const PATH = "/console/support/answers";

export async function saveAnswerAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "support_answer.manage",
    form,
    run: (user, input) => saveSupportAnswer(user, input),
    revalidate: [PATH],
    success: "已保存，全省用户提交问题时会看到相近的常见问题。",
  });
}

export async function deleteAnswerAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "support_answer.manage",
    form,
    run: (user, input) => deleteSupportAnswer(user, input),
    revalidate: [PATH],
    success: "已删除。",
  });
}

export async function answerFromProblemAction(problemId: string, _prev: FormState, form: FormData) {
  return formAction({
    access: "support_answer.manage",
    form,
    run: (user, input) => answerFromProblem(user, problemId, input),
    revalidate: [PATH, `/console/support/${problemId}`],
    success: "已转为常见问题。",
  });
}
