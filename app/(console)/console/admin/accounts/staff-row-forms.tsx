"use client";

import { ServerForm } from "@/components/ui/server-form";
import { assignAction, resetPasswordAction, setDisabledAction } from "./actions";

/*
 * The forms of one staff account's row as one client component each, given only the account's id, name
 * and state: the page's RSC payload then carries a small reference per row instead of every form's
 * element tree and action references (bench/README.md §4, "Staff list pages").
 */

/** The admin resets an account's password, after confirming whose. */
export function ResetPasswordForm({ account }: { account: { id: string; displayName: string } }) {
  return (
    <ServerForm
      action={resetPasswordAction}
      submitLabel="重置密码"
      variant="secondary"
      confirmText={`确定重置 ${account.displayName} 的密码吗？`}
      inline
    >
      <input type="hidden" name="id" value={account.id} />
    </ServerForm>
  );
}

/** Reset the password, and disable (or restore) the account. */
export function StaffAccountForms({
  account,
}: {
  account: { id: string; displayName: string; disabled: boolean };
}) {
  return (
    <>
      <ResetPasswordForm account={account} />
      <ServerForm
        action={setDisabledAction}
        submitLabel={account.disabled ? "恢复账号" : "停用账号"}
        variant={account.disabled ? "secondary" : "danger"}
        confirmText={account.disabled ? undefined : `停用后 ${account.displayName} 将无法登录，确定吗？`}
        inline
      >
        <input type="hidden" name="id" value={account.id} />
        <input type="hidden" name="disabled" value={account.disabled ? "false" : "true"} />
      </ServerForm>
    </>
  );
}

/** The teacher's classes, each with its form to take the teacher off it. */
export function AssignedClassForms({
  teacherId,
  classes,
}: {
  teacherId: string;
  classes: { classId: string; className: string; gradeName: string }[];
}) {
  return classes.map((c) => (
    <ServerForm key={c.classId} action={assignAction} submitLabel="取消" variant="secondary" inline>
      <span>
        {c.gradeName}
        {c.className}
      </span>
      <input type="hidden" name="teacherId" value={teacherId} />
      <input type="hidden" name="classId" value={c.classId} />
      <input type="hidden" name="assigned" value="false" />
    </ServerForm>
  ));
}
