"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import {
  moveApplicant,
  saveClassEvaluation,
  startSupplementaryEvaluation,
} from "@/lib/services/class-evaluation";

export async function moveAction(
  classId: string,
  applicationId: string,
  direction: "up" | "down",
): Promise<FormState> {
  const a = await authorize("evaluation.submit");
  if (!a.ok) return { message: a.message };
  const r = await moveApplicant(a.user, classId, applicationId, direction);
  if (!r.ok) return { message: r.message };
  revalidatePath("/console/teacher/evaluation");
  return { ok: true };
}

export async function evaluationAction(
  classId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const a = await authorize("evaluation.submit");
  if (!a.ok) return { message: a.message };
  const submit = form.get("intent") === "submit";
  const input = {
    members: String(form.get("members") ?? ""),
    representatives: String(form.get("representatives") ?? ""),
    report: String(form.get("report") ?? ""),
  };
  const r = await saveClassEvaluation(a.user, classId, input, submit);
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors, values: input };
  revalidatePath("/console/teacher/evaluation");
  const later = r.data.unverified.length
    ? `以下申请尚未核实，不在本次排序中：${r.data.unverified.join("、")}；核实后请进行补充评议。`
    : "";
  return { ok: true, message: submit ? `班级评议结果已提交学校。${later}` : "已保存。" };
}

export async function supplementAction(classId: string): Promise<FormState> {
  const a = await authorize("evaluation.supplement");
  if (!a.ok) return { message: a.message };
  const r = await startSupplementaryEvaluation(a.user, classId);
  if (!r.ok) return { message: r.message };
  revalidatePath("/console/teacher/evaluation");
  return {
    ok: true,
    message: `已开始补充评议：请把新核实的${r.data.applicants}名申请人排入顺序后重新提交。`,
  };
}
