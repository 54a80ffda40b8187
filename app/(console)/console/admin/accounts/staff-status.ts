/** A staff account's state as the accounts pages show it. */
export function staffStatusLabel(account: { disabled: boolean; mustChangePassword: boolean }): string {
  if (account.disabled) return "已停用";
  return account.mustChangePassword ? "待修改初始密码" : "正常";
}
