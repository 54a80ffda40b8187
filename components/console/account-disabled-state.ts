import type { FormState } from "@/lib/forms/state";

/** The answer to stopping or restoring a staff or supervisor account (admin/accounts, supervisor/accounts). */
export const accountDisabledState = (account: {
  disabled: boolean;
  displayName: string;
}): NonNullable<FormState> => ({
  ok: true,
  message: account.disabled
    ? `已停用 ${account.displayName} 的账号，该账号已无法登录。`
    : `已恢复 ${account.displayName} 的账号。`,
});
