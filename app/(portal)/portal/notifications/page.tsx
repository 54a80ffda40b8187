import Link from "next/link";
import { InboxList } from "@/components/notifications/inbox-list";
import { NotificationSettingsForm } from "@/components/notifications/settings-form";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { loadInbox, loadNotificationSettings } from "@/lib/services/notifications/inbox";
import { markAllReadAction, markReadAction, saveSettingsAction } from "@/app/_notifications/actions";

export const metadata = { title: "消息通知" };

export default async function PortalNotificationsPage() {
  const { user } = await requirePageAccess("notifications.inbox");
  const [inbox, settings] = await Promise.all([loadInbox(user), loadNotificationSettings(user)]);
  if (!inbox.ok) return <ErrorPanel code={inbox.code} title="无法显示" message={inbox.message} />;
  return (
    <>
      <InboxList
        items={inbox.data.items}
        unread={inbox.data.unread}
        tone="portal"
        markRead={(id) => markReadAction.bind(null, id)}
        markAll={markAllReadAction}
      />
      <p className="text-sm">
        <Link href="/portal/notifications/log" className="text-brand-700 underline">
          我的发送记录（站内信、短信）
        </Link>
      </p>
      {settings.ok ? <NotificationSettingsForm settings={settings.data} action={saveSettingsAction} /> : null}
    </>
  );
}
