"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/action-form";
import { authorize } from "@/lib/auth/access";
import { moveApplicant, saveClassEvaluation } from "@/lib/services/class-evaluation";

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
  return { ok: true, message: submit ? "班级评议结果已提交学校。" : "已保存。" };
}
