"use server";

import type { FormState } from "@/lib/forms/state";
import { formAction } from "@/lib/forms/action";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { extendApplicationWindow } from "@/lib/services/term-window";

export async function extendWindowAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "term.extend_window",
    form,
    run: (user, input) => extendApplicationWindow(user, input),
    revalidate: ["/console/admin/window"],
    success: (extended) => ({
      ok: true,
      message: `已延长：本校申请截止时间改为 ${formatBeijingDateTime(extended.applyEnd)}（北京时间）。`,
    }),
  });
}
