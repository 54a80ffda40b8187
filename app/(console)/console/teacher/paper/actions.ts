"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import {
  savePaperHousehold,
  savePaperProgrammes,
  startPaperApplication,
  submitPaperApplication,
} from "@/lib/services/paper-application";

export async function startPaperAction(personId: string): Promise<FormState> {
  const a = await authorize("paper.enter");
  if (!a.ok) return { message: a.message };
  const r = await startPaperApplication(a.user, personId);
  if (!r.ok) return { message: r.message };
  redirect(`/console/teacher/paper/${personId}`);
}

export async function paperProgrammesAction(
  personId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const a = await authorize("paper.enter");
  if (!a.ok) return { message: a.message };
  const r = await savePaperProgrammes(a.user, personId, {
    programmeIds: form.getAll("programmeId").map(String),
    version: form.get("version"),
  });
  if (!r.ok) return { message: r.message };
  revalidatePath(`/console/teacher/paper/${personId}`);
  return { ok: true, message: "资助项目已保存。" };
}

export async function paperHouseholdAction(personId: string, payload: unknown): Promise<FormState> {
  const a = await authorize("paper.enter");
  if (!a.ok) return { message: a.message };
  const r = await savePaperHousehold(a.user, personId, payload);
  // The page's other forms carry the draft's version: re-render them with the new one.
  if (r.ok) revalidatePath(`/console/teacher/paper/${personId}`);
  return r.ok
    ? { ok: true, message: "家庭经济情况已保存。", values: { version: String(r.data.version) } }
    : { message: r.message, fieldErrors: r.fieldErrors };
}

export async function submitPaperAction(personId: string): Promise<FormState> {
  const a = await authorize("paper.enter");
  if (!a.ok) return { message: a.message };
  const r = await submitPaperApplication(a.user, personId);
  if (!r.ok) return { message: r.message };
  revalidatePath(`/console/teacher/paper/${personId}`);
  return { ok: true, message: "纸质申请已提交，进入待核实。" };
}
