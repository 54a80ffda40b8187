import Link from "next/link";
import { InboxList } from "@/components/notifications/inbox-list";
import { NotificationSettingsForm } from "@/components/notifications/settings-form";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { loadInbox, loadNotificationSettings } from "@/lib/services/notifications/inbox";
import { markAllReadAction, markReadAction, saveSettingsAction } from "@/app/_notifications/actions";

export const metadata = { title: "消息通知" };

export default async function ConsoleNotificationsPage() {
  const { user } = await requirePageAccess("notifications.inbox");
  const [inbox, settings] = await Promise.all([loadInbox(user), loadNotificationSettings(user)]);
  if (!inbox.ok) return <ErrorPanel code={inbox.code} title="无法显示" message={inbox.message} />;
  return (
    <>
      <InboxList
        items={inbox.data.items}
        unread={inbox.data.unread}
        tone="console"
        markRead={(id) => markReadAction.bind(null, id)}
        markAll={markAllReadAction}
      />
      <ul className="flex flex-wrap gap-4 text-sm">
        <li>
          <Link href="/console/notifications/log" className="text-brand-700 underline">
            {isAllowed(user.role, "notifications.school_log") ? "本校发送记录" : "我的发送记录"}
          </Link>
        </li>
        {isAllowed(user.role, "notifications.templates") ? (
          <li>
            <Link href="/console/notifications/templates" className="text-brand-700 underline">
              通知模板
            </Link>
          </li>
        ) : null}
      </ul>
      {settings.ok ? <NotificationSettingsForm settings={settings.data} action={saveSettingsAction} /> : null}
    </>
  );
}
