import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { registerAction } from "./actions";
import { SET_PASSWORD_FIELDS } from "@/components/auth/password-fields";

export const metadata = { title: "家长注册" };

export default function RegisterPage() {
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">家长（监护人）注册</h2>
        <p className="text-sm text-slate-600">
          幼儿园、小学、初中学生由家长申请。请使用学校登记的监护人手机号注册，注册后绑定孩子。
        </p>
      </div>
      <ActionForm
        action={registerAction}
        submitLabel="注册"
        fields={[
          { name: "name", label: "家长姓名", autoComplete: "name", maxLength: 30 },
          {
            name: "phone",
            label: "手机号",
            type: "tel",
            inputMode: "tel",
            autoComplete: "tel",
            hint: "须与孩子学校登记的监护人手机号一致",
            maxLength: 20,
          },
          ...SET_PASSWORD_FIELDS,
        ]}
      />
      <p className="text-sm">
        <Link href="/login" className="text-brand-600">
          已有账号？返回登录
        </Link>
      </p>
    </div>
  );
}
