import { DataTable, Td, Tr } from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { ACCOUNT_REQUEST_STATUS_LABELS, SUPERVISOR_DUTY_LABELS } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import type { AccountRequestView } from "@/lib/db/supervisor-accounts.repo";
import type { ActionResult } from "@/lib/domain/result";

/** The account requests a school or region filed, with their outcome (and the reason of a refusal). */
export function OwnAccountRequests({ requests }: { requests: AccountRequestView[] }) {
  if (requests.length === 0) return <p className="text-sm text-slate-600">还没有提交过用户申请。</p>;
  return (
    <DataTable columns={["提交时间", "申请账号", "登录名", "理由", "结果"]}>
      {requests.map((request) => (
        <Tr key={request.id}>
          <Td>{formatBeijingDateTime(request.createdAt)}</Td>
          <Td>
            {request.displayName}（{ROLE_LABELS[request.role]}
            {request.supervisorDuty ? ` · ${SUPERVISOR_DUTY_LABELS[request.supervisorDuty]}` : ""}）
          </Td>
          <Td className="font-mono">{request.username}</Td>
          <Td>{request.reason}</Td>
          <Td>
            {ACCOUNT_REQUEST_STATUS_LABELS[request.status]}
            {request.status === "APPROVED" ? "：初始密码由上级主管部门转交本人。" : null}
            {request.refusalReason ? `：${request.refusalReason}` : null}
            {request.decidedAt ? (
              <div className="text-xs text-slate-500">{formatBeijingDateTime(request.decidedAt)}</div>
            ) : null}
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}

/** The section of a school's or region's own requests under `heading`, or why they could not be read. */
export function OwnAccountRequestsSection({
  heading,
  own,
}: {
  heading: string;
  own: ActionResult<AccountRequestView[]>;
}) {
  return (
    <section aria-labelledby="own-heading" className="space-y-2">
      <h2 id="own-heading" className="font-semibold">
        {heading}
      </h2>
      {own.ok ? (
        <OwnAccountRequests requests={own.data} />
      ) : (
        <p className="text-sm text-red-600">{own.message}</p>
      )}
    </section>
  );
}
