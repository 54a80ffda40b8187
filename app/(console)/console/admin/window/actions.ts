"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { formValues } from "@/lib/forms/read";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { extendApplicationWindow } from "@/lib/services/term-window";

export async function extendWindowAction(_prev: FormState, form: FormData): Promise<FormState> {
  const auth = await authorize("term.extend_window");
  if (!auth.ok) return { ok: false, message: auth.message };
  const values = formValues(form, ["applyEnd", "reason"]);
  const r = await extendApplicationWindow(auth.user, values);
  if (!r.ok) return { ok: false, message: r.message, fieldErrors: r.fieldErrors, values };
  revalidatePath("/console/admin/window");
  return {
    ok: true,
    message: `已延长：本校申请截止时间改为 ${formatBeijingDateTime(r.data.applyEnd)}（北京时间）。`,
  };
}
