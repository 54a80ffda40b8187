import { AccountRequestForm } from "@/components/supervisor/account-request-form";
import { TitledSection } from "@/components/ui/titled-section";
import { OwnAccountRequestsSection } from "@/components/supervisor/account-request-list";
import { Card } from "@/components/ui/card";
import { Field, TextArea } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { SUPERVISOR_DUTY_LABELS } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { accountRequestsToDecide, ownAccountRequests } from "@/lib/services/account-requests";
import { approveRequestAction, fileRequestAction, refuseRequestAction } from "./actions";

export const metadata = { title: "用户申请" };

export default async function SupervisorRequestsPage() {
  const { user } = await requirePageAccess("account_request.decide");
  const [toDecide, own] = await Promise.all([accountRequestsToDecide(user), ownAccountRequests(user)]);
  if (!toDecide.ok) return <p className="text-sm text-red-600">{toDecide.message}</p>;
  return (
    <>
      <h1 className="text-xl font-semibold">用户申请</h1>

      <TitledSection id="pending-heading" title="待审批的下级申请">
        {toDecide.data.length === 0 ? (
          <p className="text-sm text-slate-600">
            没有待审批的申请。下级单位提交的账号申请会列在这里，由您同意（开设账号）或不同意（说明理由）。
          </p>
        ) : null}
        {toDecide.data.length === 0 ? null : (
          <DataTable columns={["提交时间", "申请单位", "申请账号", "登录名", "理由", "审批"]}>
            {toDecide.data.map((request) => (
              <Tr key={request.id}>
                <Td>{formatBeijingDateTime(request.createdAt)}</Td>
                <Td>
                  {request.unitName}
                  <div className="text-xs text-slate-500">提交人：{request.requesterName}</div>
                </Td>
                <Td>
                  {request.displayName}（{ROLE_LABELS[request.role]}
                  {request.supervisorDuty ? ` · ${SUPERVISOR_DUTY_LABELS[request.supervisorDuty]}` : ""}）
                </Td>
                <Td className="font-mono">{request.username}</Td>
                <Td>{request.reason}</Td>
                <Td className="space-y-2">
                  <ServerForm
                    action={approveRequestAction}
                    inline
                    submitLabel={`同意 ${request.displayName} 的申请`}
                  >
                    <input type="hidden" name="id" value={request.id} />
                  </ServerForm>
                  <ServerForm action={refuseRequestAction} variant="danger" submitLabel="不同意">
                    <input type="hidden" name="id" value={request.id} />
                    <Field id={`refuse-${request.id}`} label="不同意的理由" required>
                      <TextArea
                        id={`refuse-${request.id}`}
                        name="refusalReason"
                        rows={2}
                        maxLength={200}
                        aria-required="true"
                      />
                    </Field>
                  </ServerForm>
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </TitledSection>

      <Card aria-labelledby="file-heading" className="space-y-3">
        <h2 id="file-heading" className="font-semibold">
          为本单位申请账号
        </h2>
        <p className="text-sm text-slate-600">由上一级主管部门审批；同意后由上级开设账号并转交初始密码。</p>
        <AccountRequestForm action={fileRequestAction} withDuty />
      </Card>

      <OwnAccountRequestsSection heading="本单位提交的申请" own={own} />
    </>
  );
}
