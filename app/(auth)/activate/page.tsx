import Link from "next/link";
import { CodeForm } from "@/components/auth/code-form";
import { smsEnabled } from "@/lib/sms/config";
import { activateAction } from "./actions";
import { SET_PASSWORD_FIELDS } from "@/components/auth/password-fields";

export const metadata = { title: "学生账号激活" };

export default function ActivatePage() {
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">学生账号激活</h2>
        <p className="text-sm text-slate-600">
          普通高中、中职及高校学生本人申请。请填写与学校学籍登记一致的信息和学校发放的验证码（印在《致学生家长的一封信》上，遗失请找班主任补发），并设置登录密码。
        </p>
      </div>
      <CodeForm
        action={activateAction}
        submitLabel="激活账号"
        sms={smsEnabled() ? { hint: "点“获取短信验证码”，验证码发送到学校登记的监护人手机" } : undefined}
        fields={[
          { name: "name", label: "姓名", autoComplete: "name", maxLength: 30 },
          { name: "idNumber", label: "身份证号", hint: "18位，末位可能是X", maxLength: 22 },
          {
            name: "accessCode",
            label: "学校发放的验证码",
            hint: "8位字母和数字，见《致学生家长的一封信》，如 ABCD-EFGH",
            maxLength: 20,
            autoComplete: "off",
          },
          ...SET_PASSWORD_FIELDS,
        ]}
      />
      <p className="text-sm">
        <Link href="/login" className="text-brand-600">
          已激活？返回登录
        </Link>
      </p>
    </div>
  );
}
