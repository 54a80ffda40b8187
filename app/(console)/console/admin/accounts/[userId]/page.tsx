import { notFound } from "next/navigation";
import { DetailHeader } from "@/components/determination/detail-header";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { inputCls } from "@/components/ui/form-styles";
import { ServerForm } from "@/components/ui/server-form";
import { requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { listAssignableGrades, viewStaffAccount } from "@/lib/services/staff-accounts";
import { assignAction } from "../actions";
import { AssignedClassForms, StaffAccountForms } from "../staff-row-forms";
import { staffStatusLabel } from "../staff-status";

export const metadata = { title: "管理教职工账号" };

/**
 * One staff account's operations: reset the password, disable or restore it, and (a teacher) assign and
 * take off classes. The list page links each row here, so it carries no forms per row (bench/README.md §4,
 * "Staff list pages").
 */
export default async function StaffAccountPage({ params }: { params: Promise<{ userId: string }> }) {
  const { user } = await requirePageAccess("account.list");
  const { userId } = await params;
  const result = await viewStaffAccount(user, userId);
  if (!result.ok) {
    if (result.code === "NOT_FOUND") notFound();
    return <ErrorPanel code="—" title="无法打开" message={result.message} />;
  }
  const account = result.data;
  const grades = account.role === "TEACHER" ? await listAssignableGrades(user) : null;
  // The classes the teacher does not have yet, by grade.
  const assigned = new Set(account.classes.map((schoolClass) => schoolClass.classId));
  const classGroups = (grades?.ok ? grades.data : [])
    .map((grade) => ({ ...grade, classes: grade.classes.filter((c) => !assigned.has(c.id)) }))
    .filter((grade) => grade.classes.length > 0);
  return (
    <>
      <DetailHeader backHref="/console/admin/accounts" backLabel="账号管理" title={account.displayName} />
      <Card aria-label="账号信息" className="space-y-1 text-sm">
        <p>登录名：{account.username ?? "—"}</p>
        <p>类型：{ROLE_LABELS[account.role]}</p>
        <p>状态：{staffStatusLabel(account)}</p>
        <p>最近登录：{account.lastLoginAt ? formatBeijingDateTime(account.lastLoginAt) : "从未登录"}</p>
      </Card>

      <Card aria-label="账号操作" className="space-y-2">
        <h2 className="font-semibold">账号操作</h2>
        {account.id === user.id ? (
          <p className="text-sm text-slate-600">这是您本人的账号：请在“修改密码”中更改自己的密码。</p>
        ) : (
          <div className="flex flex-wrap gap-3">
            <StaffAccountForms
              account={{ id: account.id, displayName: account.displayName, disabled: account.disabled }}
            />
          </div>
        )}
      </Card>

      {account.role === "TEACHER" ? (
        <Card aria-label="负责班级" className="space-y-2">
          <h2 className="font-semibold">负责班级</h2>
          {account.classes.length ? (
            <div className="space-y-1 text-sm">
              <AssignedClassForms teacherId={account.id} classes={account.classes} />
            </div>
          ) : (
            <p className="text-sm text-slate-600">尚未分配班级。</p>
          )}
          {classGroups.length ? (
            <ServerForm action={assignAction} submitLabel="分配" inline>
              <input type="hidden" name="teacherId" value={account.id} />
              <input type="hidden" name="assigned" value="true" />
              <select name="classId" aria-label={`为${account.displayName}分配班级`} className={inputCls}>
                {classGroups.map((grade) => (
                  <optgroup key={grade.id} label={grade.name}>
                    {grade.classes.map((schoolClass) => (
                      <option key={schoolClass.id} value={schoolClass.id}>
                        {grade.name}
                        {schoolClass.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </ServerForm>
          ) : (
            <p className="text-sm text-slate-600">
              {account.classes.length
                ? "本校的班级都已分配给该老师。"
                : "本校还没有班级：请先在“年级与班级”中建立班级。"}
            </p>
          )}
        </Card>
      ) : null}
    </>
  );
}
