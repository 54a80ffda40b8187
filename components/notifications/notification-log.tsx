import { DataTable, Td, Tr } from "@/components/ui/table";
import { Field, Select, TextInput } from "@/components/ui/form";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { NOTIFICATION_CATALOGUE, NOTIFICATION_KINDS } from "@/lib/domain/notifications/catalogue";
import { formatBeijingDateTime } from "@/lib/domain/time";
import type { LogQuery, LogRow } from "@/lib/services/notifications/inbox";

const CHANNEL_LABELS = { INBOX: "站内信", SMS: "短信" } as const;
const STATUS_LABELS = { PENDING: "待发送", DELIVERED: "已送达", FAILED: "发送失败" } as const;

function Deliveries({ row }: { row: LogRow }) {
  if (!row.dispatchedAt) return <span className="text-slate-500">排队中</span>;
  return (
    <ul className="space-y-1">
      {row.deliveries.map((delivery) => (
        <li key={delivery.channel}>
          {CHANNEL_LABELS[delivery.channel]}：
          <span className={delivery.status === "FAILED" ? "font-medium text-red-700" : ""}>
            {STATUS_LABELS[delivery.status]}
          </span>
          {delivery.channel === "SMS" ? `（第 ${delivery.attempts} 次）` : ""}
          {delivery.status === "PENDING" && delivery.nextAttemptAt
            ? `，${formatBeijingDateTime(delivery.nextAttemptAt)} 发送`
            : ""}
          {delivery.providerAnswer ? (
            <span className="block text-xs text-slate-500">
              {delivery.provider ? `${delivery.provider}：` : ""}
              {delivery.providerAnswer}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** 发送记录: a search form (GET) and the table of notifications with each channel's outcome. */
export function NotificationLog({
  rows,
  query,
  school,
  action,
}: {
  rows: LogRow[];
  query: LogQuery;
  /** The school's log: a recipient column and a recipient search. */
  school: boolean;
  action: string;
}) {
  return (
    <>
      <form method="get" action={action} className="grid gap-3 md:grid-cols-3" aria-label="查询发送记录">
        <Field id="log-kind" label="通知类型">
          <Select id="log-kind" name="kind" defaultValue={query.kind ?? ""}>
            <option value="">全部</option>
            {NOTIFICATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {NOTIFICATION_CATALOGUE[kind].label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="log-channel" label="发送渠道">
          <Select id="log-channel" name="channel" defaultValue={query.channel ?? ""}>
            <option value="">全部</option>
            <option value="INBOX">站内信</option>
            <option value="SMS">短信</option>
          </Select>
        </Field>
        <Field id="log-status" label="发送状态">
          <Select id="log-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">全部</option>
            <option value="PENDING">待发送</option>
            <option value="DELIVERED">已送达</option>
            <option value="FAILED">发送失败</option>
          </Select>
        </Field>
        {school ? (
          <Field id="log-recipient" label="收件人姓名">
            <TextInput
              id="log-recipient"
              name="recipient"
              maxLength={40}
              defaultValue={query.recipient ?? ""}
            />
          </Field>
        ) : null}
        <Field id="log-from" label="起始日期">
          <TextInput id="log-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </Field>
        <Field id="log-to" label="截止日期">
          <TextInput id="log-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </Field>
        <div className="md:col-span-3">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
            查询
          </button>
        </div>
      </form>
      <p className="text-sm text-slate-600">共 {rows.length} 条（最多显示 200 条，请用条件缩小范围）。</p>
      <DataTable
        columns={
          school ? ["时间", "收件人", "类型", "内容", "发送情况"] : ["时间", "类型", "内容", "发送情况"]
        }
      >
        {rows.map((row) => (
          <Tr key={row.id.toString()}>
            <Td className="whitespace-nowrap">{formatBeijingDateTime(row.createdAt)}</Td>
            {school ? (
              <Td>
                {row.recipient.displayName}
                <span className="block text-xs text-slate-500">{ROLE_LABELS[row.recipient.role]}</span>
              </Td>
            ) : null}
            <Td>{NOTIFICATION_CATALOGUE[row.kind].label}</Td>
            <Td>{row.body}</Td>
            <Td>
              <Deliveries row={row} />
            </Td>
          </Tr>
        ))}
      </DataTable>
    </>
  );
}
