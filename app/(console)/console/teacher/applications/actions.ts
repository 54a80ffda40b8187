"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { recordHomeVisit, returnApplication, verifyApplication } from "@/lib/services/teacher-verification";

const values = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;

export async function verifyAction(applicationId: string, version: number): Promise<FormState> {
  const a = await authorize("application.verify");
  if (!a.ok) return { message: a.message };
  const r = await verifyApplication(a.user, applicationId, version);
  if (!r.ok) return { message: r.message };
  revalidatePath(`/console/teacher/applications/${applicationId}`);
  return { ok: true, message: "已核实。" };
}

export async function returnAction(
  applicationId: string,
  version: number,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const a = await authorize("application.return");
  if (!a.ok) return { message: a.message };
  const r = await returnApplication(
    a.user,
    applicationId,
    { reason: String(form.get("reason") ?? ""), deadline: String(form.get("deadline") ?? "") },
    version,
  );
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors, values: values(form) };
  revalidatePath(`/console/teacher/applications/${applicationId}`);
  return { ok: true, message: "已退回申请人修改。" };
}

export async function homeVisitAction(
  applicationId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const a = await authorize("homevisit.record");
  if (!a.ok) return { message: a.message };
  const scores: Record<string, string> = {};
  for (const [k, v] of form.entries())
    if (k.startsWith("score.") && typeof v === "string") scores[k.slice(6)] = v;
  const r = await recordHomeVisit(a.user, applicationId, {
    visitDate: String(form.get("visitDate") ?? ""),
    visitors: String(form.get("visitors") ?? ""),
    findings: String(form.get("findings") ?? ""),
    scores,
  });
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors, values: values(form) };
  redirect(`/console/teacher/applications/${applicationId}?visit=1`);
}
