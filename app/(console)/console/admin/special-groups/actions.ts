"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { formValues } from "@/lib/forms/read";
import { recordNoAidReason } from "@/lib/services/special-groups";

const PATH = "/console/admin/special-groups";

export async function noAidAction(_p: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize("no_aid_reason.record");
  if (!auth.ok) return { ok: false, message: auth.message };
  const r = await recordNoAidReason(auth.user, formValues(form, ["studentId", "reason", "detail"]));
  if (!r.ok) return { ok: false, message: r.message, fieldErrors: r.fieldErrors };
  revalidatePath(PATH);
  return { ok: true, message: `已保存 ${r.data.name} 的未资助原因。` };
}
