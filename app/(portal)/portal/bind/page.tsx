import Link from "next/link";
import { CodeForm } from "@/components/auth/code-form";
import { requirePageAccess } from "@/lib/auth/access";
import { smsEnabled } from "@/lib/sms/config";
import { bindChildAction } from "./actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "绑定孩子" };

export default async function BindChildPage() {
  await requirePageAccess("child.bind");
  return (
    <Card tone="portal" className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">绑定孩子</h1>
        <p className="text-sm text-slate-600">
          填写孩子的姓名、身份证号和学校发放的验证码（印在学校发的《致学生家长的一封信》上）。只有学校登记的监护人手机号与您注册的手机号一致时才能绑定。可以绑定多个孩子。没有收到或遗失了告家长书，请联系孩子的班主任补发。
        </p>
      </div>
      <CodeForm
        action={bindChildAction}
        submitLabel="绑定"
        sms={smsEnabled() ? { hint: "点“获取短信验证码”，验证码发送到您注册的手机号" } : undefined}
        fields={[
          { name: "childName", label: "孩子姓名", maxLength: 30 },
          { name: "childIdNumber", label: "孩子身份证号", hint: "18位，末位可能是X", maxLength: 22 },
          {
            name: "accessCode",
            label: "学校发放的验证码",
            hint: "8位字母和数字，见《致学生家长的一封信》，如 ABCD-EFGH",
            maxLength: 20,
            autoComplete: "off",
          },
        ]}
      />
      <Link href="/portal" className="text-sm text-brand-600">
        返回首页
      </Link>
    </Card>
  );
}
