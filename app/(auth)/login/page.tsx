import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getSessionUser, homeFor } from "@/lib/auth/session";

export const metadata = { title: "登录" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; notice?: string }>;
}) {
  const user = await getSessionUser();
  if (user) redirect(homeFor(user.role));
  const { notice } = await searchParams;
  return (
    <div className="space-y-4">
      {notice === "expired" ? (
        <p role="status" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">
          登录已失效（长时间未操作、在其他设备退出或修改了密码），请重新登录。
        </p>
      ) : null}
      {notice === "password-changed" ? (
        <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-700">
          密码已修改，请用新密码重新登录。
        </p>
      ) : null}
      {notice === "activated" ? (
        <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-700">
          账号已激活，请用身份证号或学籍号和刚设置的密码登录。
        </p>
      ) : null}
      {notice === "registered" ? (
        <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-700">
          注册已提交，请用手机号和密码登录，登录后绑定孩子。如果该手机号以前注册过，请用原来的密码登录；忘记密码请联系孩子的班主任。
        </p>
      ) : null}
      {notice === "signed-out" ? (
        <p role="status" className="rounded bg-slate-100 px-3 py-2 text-sm text-slate-700">
          已退出登录。
        </p>
      ) : null}
      <LoginForm />
      <div className="flex justify-between border-t border-slate-100 pt-3 text-sm">
        <Link href="/activate" className="text-brand-600">
          学生首次使用：激活账号
        </Link>
        <Link href="/register" className="text-brand-600">
          家长注册
        </Link>
      </div>
      <p className="text-xs text-slate-500">无法登录？请联系班主任，由班主任报学校资助管理员处理。</p>
    </div>
  );
}
