"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { saveNotificationTemplate } from "@/lib/services/notifications/inbox";

export async function saveTemplateAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "notifications.templates",
    form,
    run: (user, input) => saveNotificationTemplate(user, input),
    revalidate: ["/console/notifications/templates"],
    success: (data) => ({ ok: true, message: data.reset ? "已恢复默认内容。" : "通知模板已保存。" }),
  });
}
