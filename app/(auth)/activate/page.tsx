import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { activateAction } from "./actions";

export const metadata = { title: "学生账号激活" };

export default function ActivatePage() {
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">学生账号激活</h2>
        <p className="text-sm text-slate-600">
          普通高中、中职及高校学生本人申请。请填写与学校学籍登记一致的信息，并设置登录密码。
        </p>
      </div>
      <ActionForm
        action={activateAction}
        submitLabel="激活账号"
        fields={[
          { name: "name", label: "姓名", autoComplete: "name", maxLength: 30 },
          { name: "idNumber", label: "身份证号", hint: "18位，末位可能是X", maxLength: 22 },
          { name: "studentNo", label: "学籍号", hint: "全国学籍号，一般为G加身份证号", maxLength: 30 },
          {
            name: "password",
            label: "设置密码",
            type: "password",
            autoComplete: "new-password",
            hint: "至少8位，须同时包含字母和数字",
            maxLength: 128,
          },
          {
            name: "confirm",
            label: "确认密码",
            type: "password",
            autoComplete: "new-password",
            maxLength: 128,
          },
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
