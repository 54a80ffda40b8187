"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/action-form";
import { authorize } from "@/lib/auth/access";
import { formValues } from "@/lib/auth/form-data";
import { addSpecialGroupEntry, recordNoAidReason } from "@/lib/services/special-groups";

const PATH = "/console/admin/special-groups";

export async function addEntryAction(_p: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize("special_group.add");
  if (!auth.ok) return { ok: false, message: auth.message };
  const values = formValues(form, ["category", "name", "idNumber", "listYear", "note"]);
  const r = await addSpecialGroupEntry(auth.user, values);
  if (!r.ok) return { ok: false, message: r.message, fieldErrors: r.fieldErrors, values };
  revalidatePath(PATH);
  return { ok: true, message: r.data.matched ? "已添加，并已比对到本校学生。" : "已添加；该身份证件号不是本校学生，暂未比对上（导入名册后会自动再比对）。" };
}

export async function noAidAction(_p: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize("no_aid_reason.record");
  if (!auth.ok) return { ok: false, message: auth.message };
  const r = await recordNoAidReason(auth.user, formValues(form, ["studentId", "reason", "detail"]));
  if (!r.ok) return { ok: false, message: r.message, fieldErrors: r.fieldErrors };
  revalidatePath(PATH);
  return { ok: true, message: `已保存 ${r.data.name} 的未资助原因。` };
}
