import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { requirePageAccess } from "@/lib/auth/access";
import { bindChildAction } from "./actions";

export const metadata = { title: "绑定孩子" };

export default async function BindChildPage() {
  await requirePageAccess("child.bind");
  return (
    <section className="space-y-4 rounded-xl bg-white p-4 ring-1 ring-slate-200">
      <div>
        <h1 className="text-lg font-semibold">绑定孩子</h1>
        <p className="text-sm text-slate-600">
          填写孩子的姓名和身份证号。只有学校登记的监护人手机号与您注册的手机号一致时才能绑定。可以绑定多个孩子。
        </p>
      </div>
      <ActionForm
        action={bindChildAction}
        submitLabel="绑定"
        fields={[
          { name: "childName", label: "孩子姓名", maxLength: 30 },
          { name: "childIdNumber", label: "孩子身份证号", hint: "18位，末位可能是X", maxLength: 22 },
        ]}
      />
      <Link href="/portal" className="text-sm text-brand-600">
        返回首页
      </Link>
    </section>
  );
}
