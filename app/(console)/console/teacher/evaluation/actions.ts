"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import {
  moveApplicant,
  saveClassEvaluation,
  startSupplementaryEvaluation,
} from "@/lib/services/class-evaluation";

const EVALUATION_PAGE = "/console/teacher/evaluation";

export async function moveAction(
  classId: string,
  applicationId: string,
  direction: "up" | "down",
): Promise<FormState> {
  return formAction({
    access: "evaluation.submit",
    run: (user) => moveApplicant(user, classId, applicationId, direction),
    revalidate: [EVALUATION_PAGE],
  });
}

export async function evaluationAction(
  classId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const submit = form.get("intent") === "submit";
  return formAction({
    access: "evaluation.submit",
    form,
    run: (user, input) => saveClassEvaluation(user, classId, input, submit),
    revalidate: [EVALUATION_PAGE],
    success: ({ unverified }) => {
      const later = unverified.length
        ? `以下申请尚未核实，不在本次排序中：${unverified.join("、")}；核实后请进行补充评议。`
        : "";
      return { ok: true, message: submit ? `班级评议结果已提交学校。${later}` : "已保存。" };
    },
  });
}

export async function supplementAction(classId: string): Promise<FormState> {
  return formAction({
    access: "evaluation.supplement",
    run: (user) => startSupplementaryEvaluation(user, classId),
    revalidate: [EVALUATION_PAGE],
    success: ({ applicants }) => ({
      ok: true,
      message: `已开始补充评议：请把新核实的${applicants}名申请人排入顺序后重新提交。`,
    }),
  });
}
