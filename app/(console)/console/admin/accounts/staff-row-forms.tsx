"use client";

import { startTransition, useActionState, type ReactNode } from "react";
import { FormOutcome } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { FormState } from "@/lib/forms/state";
import { assignAction, resetPasswordAction, setDisabledAction } from "./actions";

/*
 * The operations of one staff account's row as one client component each, given only the account's id,
 * name and state: the page's RSC payload carries a small reference per row instead of every form's element
 * tree and action references. Each operation is a button that posts its fields to its server action (no
 * <form> with hidden inputs: 50 rows × 3 forms were most of the page's elements; bench/README.md §4, "Staff
 * list pages"). Same buttons, confirmations and messages as the ServerForm each used to be.
 */

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/** One operation: a button (disabled until hydrated and while it runs) and the action's message below. */
function RowAction({
  action,
  fields,
  label,
  variant,
  confirmText,
  children,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  variant: "secondary" | "danger";
  confirmText?: string;
  children?: ReactNode;
}) {
  const [state, run, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  return (
    <div className="inline-flex flex-wrap items-center gap-2">
      {children}
      <button
        type="button"
        disabled={pending || !hydrated}
        className={`server-form-button server-form-button-${variant}`}
        onClick={() => {
          if (confirmText && !window.confirm(confirmText)) return;
          const data = new FormData();
          for (const [name, value] of Object.entries(fields)) data.set(name, value);
          startTransition(() => run(data));
        }}
      >
        {pending ? "请稍候…" : label}
      </button>
      {state?.message ? (
        <div className="basis-full">
          <FormOutcome
            ok={state.ok}
            message={state.message}
            errors={state.fieldErrors ? Object.values(state.fieldErrors) : []}
          />
        </div>
      ) : null}
    </div>
  );
}

/** The admin resets an account's password, after confirming whose. */
export function ResetPasswordForm({ account }: { account: { id: string; displayName: string } }) {
  return (
    <RowAction
      action={resetPasswordAction}
      fields={{ id: account.id }}
      label="重置密码"
      variant="secondary"
      confirmText={`确定重置 ${account.displayName} 的密码吗？`}
    />
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
      <RowAction
        action={setDisabledAction}
        fields={{ id: account.id, disabled: account.disabled ? "false" : "true" }}
        label={account.disabled ? "恢复账号" : "停用账号"}
        variant={account.disabled ? "secondary" : "danger"}
        confirmText={account.disabled ? undefined : `停用后 ${account.displayName} 将无法登录，确定吗？`}
      />
    </>
  );
}

/** The teacher's classes, each with its button to take the teacher off it. */
export function AssignedClassForms({
  teacherId,
  classes,
}: {
  teacherId: string;
  classes: { classId: string; className: string; gradeName: string }[];
}) {
  return classes.map((c) => (
    <RowAction
      key={c.classId}
      action={assignAction}
      fields={{ teacherId, classId: c.classId, assigned: "false" }}
      label="取消"
      variant="secondary"
    >
      <span>
        {c.gradeName}
        {c.className}
      </span>
    </RowAction>
  ));
}
