import Link from "next/link";
import { NotificationLog } from "@/components/notifications/notification-log";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { loadNotificationLog } from "@/lib/services/notifications/inbox";

export const metadata = { title: "发送记录" };

export default async function PortalNotificationLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("notifications.inbox");
  const log = await loadNotificationLog(user, await searchParams, false);
  if (!log.ok) return <ErrorPanel code={log.code} title="无法显示" message={log.message} />;
  return (
    <>
      <h1 className="text-lg font-semibold">发送记录</h1>
      <p className="text-sm">
        <Link href="/portal/notifications" className="text-brand-700 underline">
          返回消息通知
        </Link>
      </p>
      <NotificationLog
        rows={log.data.rows}
        query={log.data.query}
        school={false}
        action="/portal/notifications/log"
      />
    </>
  );
}
