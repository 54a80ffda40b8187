"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { resolveEnrolmentIssue } from "@/lib/services/teacher-roster";

export async function resolveIssueAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const a = await authorize("enrolment_issue.resolve");
  if (!a.ok) return { message: a.message };
  const resolution = String(form.get("resolution") ?? "");
  const r = await resolveEnrolmentIssue(a.user, id, { resolution });
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors, values: { resolution } };
  revalidatePath("/console/admin/enrolment-issues");
  return { ok: true, message: "已处理。" };
}
