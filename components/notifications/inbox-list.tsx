import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ServerForm } from "@/components/ui/server-form";
import type { FormState } from "@/lib/forms/state";
import type { InboxItem } from "@/lib/services/notifications/inbox";
import { formatBeijingDateTime } from "@/lib/domain/time";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/** The inbox: every notification, unread ones marked, each with its link and a “标为已读” button. */
export function InboxList({
  items,
  unread,
  tone,
  markRead,
  markAll,
}: {
  items: InboxItem[];
  unread: number;
  tone: "portal" | "console";
  markRead: (id: string) => Action;
  markAll: Action;
}) {
  return (
    <section aria-labelledby="inbox-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 id="inbox-heading" className="text-lg font-semibold">
          消息通知{unread > 0 ? `（${unread} 条未读）` : ""}
        </h1>
        {unread > 0 ? (
          <ServerForm action={markAll} submitLabel="全部标为已读" variant="secondary" inline />
        ) : null}
      </div>
      {items.length === 0 ? <p className="text-sm text-slate-600">暂无通知。</p> : null}
      <ul className="space-y-2">
        {items.map((item) => (
          <li key={item.id}>
            <Card
              as="article"
              tone={tone}
              padding="sm"
              data-testid="inbox-item"
              data-read={item.read ? "yes" : "no"}
            >
              <p className="flex flex-wrap items-baseline gap-2 text-xs text-slate-500">
                <span>{formatBeijingDateTime(item.createdAt)}</span>
                <span>{item.label}</span>
                {item.read ? null : <strong className="text-red-700">未读</strong>}
              </p>
              <p className={`mt-1 text-sm ${item.read ? "text-slate-700" : "font-medium"}`}>{item.body}</p>
              <div className="mt-2 flex flex-wrap items-center gap-3">
                {item.link ? (
                  <Link href={item.link} className="text-sm text-brand-700 underline">
                    查看详情
                  </Link>
                ) : null}
                {item.read ? null : (
                  <ServerForm
                    action={markRead(item.id)}
                    submitLabel={
                      <>
                        标为已读<span className="sr-only">：{item.body}</span>
                      </>
                    }
                    variant="secondary"
                    inline
                  />
                )}
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
