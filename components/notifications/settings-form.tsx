import { ServerForm } from "@/components/ui/server-form";
import type { FormState } from "@/lib/forms/state";

/** Unsubscribing from the optional kinds: a checkbox per kind, checked = receive it. */
export function NotificationSettingsForm({
  settings,
  action,
}: {
  settings: { kind: string; label: string; subscribed: boolean }[];
  action: (state: FormState, form: FormData) => Promise<FormState>;
}) {
  if (settings.length === 0) return null;
  return (
    <section aria-labelledby="notification-settings-heading" className="space-y-2">
      <h2 id="notification-settings-heading" className="font-semibold">
        通知设置
      </h2>
      <p className="text-sm text-slate-600">
        以下通知可以退订；退回修改、认定结果、资助发放等重要通知始终发送。
      </p>
      <ServerForm action={action} submitLabel="保存通知设置" variant="secondary" className="space-y-2">
        <fieldset className="space-y-1">
          <legend className="sr-only">接收以下通知</legend>
          {settings.map((item) => (
            <label key={item.kind} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="receive" value={item.kind} defaultChecked={item.subscribed} />
              接收“{item.label}”通知
            </label>
          ))}
        </fieldset>
      </ServerForm>
    </section>
  );
}
