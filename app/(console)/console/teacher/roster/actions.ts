"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { correctGuardian, handleEnrolmentIssue } from "@/lib/services/teacher-roster";

const values = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;

export async function guardianAction(
  guardianId: string,
  studentId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const a = await authorize("guardian.correct");
  if (!a.ok) return { message: a.message };
  const r = await correctGuardian(a.user, guardianId, {
    name: String(form.get("name") ?? ""),
    relation: String(form.get("relation") ?? ""),
    mobile: String(form.get("mobile") ?? ""),
    idNumber: String(form.get("idNumber") ?? ""),
  });
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors, values: values(form) };
  revalidatePath(`/console/teacher/roster/${studentId}`);
  return { ok: true, message: "监护人信息已更正。" };
}

export async function fixIssueAction(issueId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const a = await authorize("enrolment_issue.handle");
  if (!a.ok) return { message: a.message };
  const r = await handleEnrolmentIssue(a.user, issueId, "fixed", {
    resolution: String(form.get("resolution") ?? ""),
  });
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors, values: values(form) };
  revalidatePath("/console/teacher/roster");
  return { ok: true, message: "已标记为已更正。" };
}

export async function escalateIssueAction(issueId: string): Promise<FormState> {
  const a = await authorize("enrolment_issue.handle");
  if (!a.ok) return { message: a.message };
  const r = await handleEnrolmentIssue(a.user, issueId, "escalate", {});
  if (!r.ok) return { message: r.message };
  revalidatePath("/console/teacher/roster");
  return { ok: true, message: "已转交学校资助管理员。" };
}
