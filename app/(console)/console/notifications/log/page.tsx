import Link from "next/link";
import { NotificationLog } from "@/components/notifications/notification-log";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { loadNotificationLog } from "@/lib/services/notifications/inbox";

export const metadata = { title: "发送记录" };

/** 发送记录: the school admin's covers the whole school, everyone else's their own notifications. */
export default async function ConsoleNotificationLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("notifications.inbox");
  const school = isAllowed(user.role, "notifications.school_log");
  const log = await loadNotificationLog(user, await searchParams, school);
  if (!log.ok) return <ErrorPanel code={log.code} title="无法显示" message={log.message} />;
  return (
    <>
      <h1 className="text-xl font-semibold">{school ? "本校发送记录" : "我的发送记录"}</h1>
      <p className="text-sm">
        <Link href="/console/notifications" className="text-brand-700 underline">
          返回消息通知
        </Link>
      </p>
      <NotificationLog
        rows={log.data.rows}
        query={log.data.query}
        school={log.data.school}
        action="/console/notifications/log"
      />
    </>
  );
}
