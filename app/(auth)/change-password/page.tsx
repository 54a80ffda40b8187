import { ActionForm } from "@/components/ui/action-form";
import { requireUser } from "@/lib/auth/session";
import { changePasswordAction } from "./actions";

export const metadata = { title: "修改密码" };

export default async function ChangePasswordPage() {
  const user = await requireUser(undefined, { allowPasswordChange: true });
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">修改密码</h2>
        {user.passwordExpired ? (
          <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">
            您的密码已使用较长时间，按学校安全规定需定期更换。请先修改密码后再使用系统。
          </p>
        ) : user.mustChangePassword ? (
          <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">
            您正在使用初始密码，为保护学生信息安全，请先修改密码后再使用系统。
          </p>
        ) : (
          <p className="text-sm text-slate-600">修改后，所有设备上的登录都会退出，请用新密码重新登录。</p>
        )}
      </div>
      <ActionForm
        action={changePasswordAction}
        submitLabel="修改密码"
        fields={[
          {
            name: "current",
            label: "当前密码",
            type: "password",
            autoComplete: "current-password",
            maxLength: 128,
          },
          {
            name: "password",
            label: "新密码",
            type: "password",
            autoComplete: "new-password",
            hint: "至少8位，须同时包含字母和数字，不能是常见密码",
            maxLength: 128,
          },
          {
            name: "confirm",
            label: "确认新密码",
            type: "password",
            autoComplete: "new-password",
            maxLength: 128,
          },
        ]}
      />
    </div>
  );
}
