import { DutySelect } from "@/components/supervisor/duty-select";
import { TitledSection } from "@/components/ui/titled-section";
import { Card } from "@/components/ui/card";
import { Field, Select, TextField } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { REGION_LEVEL_LABELS, SUPERVISOR_DUTY_LABELS } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { listSupervisorAccounts } from "@/lib/services/supervisor-accounts";
import { createAccountAction, resetPasswordAction, setDisabledAction } from "./actions";

export const metadata = { title: "下级账号管理" };

const WHAT_BELOW = {
  PROVINCE: "本省各市的主管部门账号",
  CITY: "本市各区县的主管部门账号",
  COUNTY: "本区县各学校的资助管理员账号",
} as const;

export default async function SupervisorAccountsPage() {
  const { user } = await requirePageAccess("supervisor_account.list");
  const result = await listSupervisorAccounts(user);
  if (!result.ok) return <p className="text-sm text-red-600">{result.message}</p>;
  const { region, accounts, units } = result.data;
  const county = region.level === "COUNTY";
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">下级账号管理</h1>
        <p className="text-sm text-slate-600">
          {region.name}（{REGION_LEVEL_LABELS[region.level]}）负责开设和管理{WHAT_BELOW[region.level]}
          ；本级及上级账号由上一级主管部门开设。
        </p>
      </header>

      <Card aria-labelledby="create-heading" className="space-y-3">
        <h2 id="create-heading" className="font-semibold">
          新建账号
        </h2>
        <p className="text-sm text-slate-600">系统生成初始密码，只显示一次；本人首次登录时须修改密码。</p>
        {units.length === 0 ? (
          <p className="text-sm text-slate-600">本辖区下一级还没有单位。</p>
        ) : (
          <ServerForm action={createAccountAction} submitLabel="创建账号">
            <div className="grid gap-3 md:grid-cols-2">
              <Field id="account-unit" label="所属单位" required>
                <Select id="account-unit" name="unit" defaultValue="" aria-required="true">
                  <option value="">请选择</option>
                  {units.map((unit) => (
                    <option key={unit.value} value={unit.value}>
                      {unit.label}
                    </option>
                  ))}
                </Select>
              </Field>
              {county ? null : <DutySelect id="account-duty" hint="业务主管领导负责审批环节" />}
              <TextField id="account-name" name="displayName" label="姓名" maxLength={30} required />
              <TextField
                id="account-username"
                name="username"
                label="登录名"
                maxLength={40}
                required
                hint="3–40位英文字母、数字或 _ . -"
                autoComplete="off"
              />
            </div>
          </ServerForm>
        )}
      </Card>

      <TitledSection id="accounts-heading" title="下级账号">
        {accounts.length === 0 ? (
          <p className="text-sm text-slate-600">还没有下级账号。用上方“新建账号”开设，初始密码只显示一次。</p>
        ) : null}
        {accounts.length === 0 ? null : (
          <DataTable columns={["单位", "姓名", "登录名", "类型 / 岗位", "状态", "最近登录", "操作"]}>
            {accounts.map((account) => (
              <Tr key={account.id}>
                <Td className="whitespace-nowrap">{account.unitName}</Td>
                <Td>{account.displayName}</Td>
                <Td className="font-mono">{account.username}</Td>
                <Td>
                  {ROLE_LABELS[account.role]}
                  {account.supervisorDuty ? ` · ${SUPERVISOR_DUTY_LABELS[account.supervisorDuty]}` : ""}
                </Td>
                <Td className="whitespace-nowrap">
                  {account.disabled ? "已停用" : account.mustChangePassword ? "待首次登录改密" : "正常"}
                </Td>
                <Td>{account.lastLoginAt ? formatBeijingDateTime(account.lastLoginAt) : "从未登录"}</Td>
                <Td>
                  <div className="flex flex-wrap gap-2">
                    <ServerForm
                      action={setDisabledAction}
                      inline
                      variant={account.disabled ? "secondary" : "danger"}
                      submitLabel={
                        <>
                          {account.disabled ? "恢复" : "停用"}
                          <span className="sr-only"> {account.displayName}</span>
                        </>
                      }
                      confirmText={
                        account.disabled ? undefined : `确定停用 ${account.displayName} 的账号吗？`
                      }
                    >
                      <input type="hidden" name="id" value={account.id} />
                      <input type="hidden" name="disabled" value={account.disabled ? "false" : "true"} />
                    </ServerForm>
                    <ServerForm
                      action={resetPasswordAction}
                      inline
                      variant="secondary"
                      submitLabel={
                        <>
                          重置<span className="sr-only"> {account.displayName} 的</span>密码
                        </>
                      }
                      confirmText={`确定重置 ${account.displayName} 的密码吗？原有登录将全部退出。`}
                    >
                      <input type="hidden" name="id" value={account.id} />
                    </ServerForm>
                  </div>
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </TitledSection>
    </>
  );
}
