"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { reportSignInProblem, resolveProblem } from "@/lib/services/sign-in-problems";

const values = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;

export async function reportProblemAction(_prev: FormState, form: FormData): Promise<FormState> {
  const a = await authorize("signin_problem.report");
  if (!a.ok) return { message: a.message };
  const r = await reportSignInProblem(a.user, values(form));
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors, values: values(form) };
  revalidatePath("/console/teacher/sign-in-problems");
  return { ok: true, message: "已报告给学校资助管理员。" };
}

export async function resolveProblemAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const a = await authorize("signin_problem.resolve");
  if (!a.ok) return { message: a.message };
  const r = await resolveProblem(a.user, id, { resolution: String(form.get("resolution") ?? "") });
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors, values: values(form) };
  revalidatePath("/console/admin/sign-in-problems");
  return { ok: true, message: "已处理。" };
}
