import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { SessionUser } from "@/lib/domain/session-user";
import { formatBeijingShort } from "@/lib/domain/time";
import { loadInbox } from "@/lib/services/notifications/inbox";

/** The home page's block: unread count and the newest notifications, each linking to the thing it is about. */
export async function InboxSummary({
  user,
  basePath,
  tone,
}: {
  user: SessionUser;
  /** "/portal/notifications" or "/console/notifications" */
  basePath: string;
  tone: "portal" | "console";
}) {
  const inbox = await loadInbox(user, 3);
  if (!inbox.ok) return null;
  const { unread, items } = inbox.data;
  return (
    <Card as="section" tone={tone} aria-labelledby="inbox-summary-heading" data-testid="inbox-summary">
      <div className="flex items-baseline justify-between">
        <h2 id="inbox-summary-heading" className="font-semibold">
          消息通知
          {unread > 0 ? (
            <span
              className="ml-2 rounded-full bg-red-600 px-2 py-0.5 text-xs text-white"
              data-testid="unread-count"
            >
              {unread} 条未读
            </span>
          ) : null}
        </h2>
        <Link href={basePath} className="text-sm text-brand-700 underline">
          全部通知
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">暂无通知。</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {items.map((item) => (
            <li key={item.id} className={item.read ? "text-slate-600" : "font-medium"}>
              <span className="mr-1 text-xs text-slate-500">{formatBeijingShort(item.createdAt)}</span>
              {item.read ? null : <span className="sr-only">未读：</span>}
              {item.link ? (
                <Link href={item.link} className="text-brand-700 underline">
                  {item.body}
                </Link>
              ) : (
                item.body
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
