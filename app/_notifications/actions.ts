"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { markRead, saveNotificationSettings } from "@/lib/services/notifications/inbox";

/*
 * The inbox's actions, the same for staff (/console/notifications) and families (/portal/notifications): each
 * person acts only on their own notifications and settings (lib/services/notifications/inbox.ts). A private
 * folder (`_notifications`): no route of its own.
 */
const REVALIDATE = [{ layout: "/console" }, { layout: "/portal" }];

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
