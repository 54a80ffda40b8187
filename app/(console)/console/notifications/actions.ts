"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import {
  markRead,
  saveNotificationSettings,
  saveNotificationTemplate,
} from "@/lib/services/notifications/inbox";

const REVALIDATE = [{ layout: "/console" }];

export async function markReadAction(id: string) {
  return formAction({
    access: "notifications.inbox",
    input: { id },
    run: (user, input) => markRead(user, input),
    revalidate: REVALIDATE,
    success: "已标为已读。",
  });
}

export async function markAllReadAction() {
  return formAction({
    access: "notifications.inbox",
    input: { id: "all" },
    run: (user, input) => markRead(user, input),
    revalidate: REVALIDATE,
    success: (data) => ({ ok: true, message: `已将 ${data.marked} 条通知标为已读。` }),
  });
}

export async function saveSettingsAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "notifications.inbox",
    input: { receive: form.getAll("receive").map(String) },
    run: (user, input) => saveNotificationSettings(user, input),
    revalidate: REVALIDATE,
    success: "通知设置已保存。",
  });
}

export async function saveTemplateAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "notifications.templates",
    form,
    run: (user, input) => saveNotificationTemplate(user, input),
    revalidate: ["/console/notifications/templates"],
    success: (data) => ({ ok: true, message: data.reset ? "已恢复默认内容。" : "通知模板已保存。" }),
  });
}
