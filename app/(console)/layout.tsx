import Link from "next/link";
import { SignOutButtons } from "@/components/ui/sign-out-buttons";
import { requireUser, STAFF_ROLES } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { consoleNavFor } from "@/lib/services/console-nav";

/** Teachers, school admins, leaders and supervisors. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(STAFF_ROLES);
  const nav = await consoleNavFor(user);
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="border-b border-slate-200 bg-white md:w-56 md:shrink-0 md:border-b-0 md:border-r">
        <div className="px-4 py-4">
          <p className="font-semibold text-brand-700">学生资助管理</p>
          <p className="text-xs text-slate-500">
            {user.displayName} · {ROLE_LABELS[user.role]}
          </p>
        </div>
        <nav aria-label="主导航" className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col">
          {nav.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="whitespace-nowrap rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100"
            >
              {item.label}
            </Link>
          ))}
          <Link
            href="/change-password"
            className="whitespace-nowrap rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100"
          >
            修改密码
          </Link>
        </nav>
        <div className="px-4 py-3">
          <SignOutButtons />
        </div>
      </aside>
      <main className="min-w-0 flex-1 space-y-6 p-4 md:p-8">{children}</main>
    </div>
  );
}
