import { ConsoleNav } from "@/components/console/console-nav";
import type { NavItem } from "@/components/console/nav";
import { SignOutButtons } from "@/components/ui/sign-out-buttons";
import { requireUser, STAFF_ROLES } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { consoleNavFor } from "@/lib/services/console-nav";

const CHANGE_PASSWORD: NavItem = { href: "/change-password", label: "修改密码" };

/** Teachers, school admins, leaders and supervisors. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(STAFF_ROLES);
  const nav = await consoleNavFor(user);
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="border-b border-slate-200 bg-white md:w-56 md:shrink-0 md:border-b-0 md:border-r print:hidden">
        <div className="px-4 py-4">
          <p className="font-semibold text-brand-700">学生资助管理</p>
          <p className="text-xs text-slate-500">
            {user.displayName} · {ROLE_LABELS[user.role]}
          </p>
        </div>
        <ConsoleNav items={[...nav, CHANGE_PASSWORD]} />
        <div className="px-4 py-3">
          <SignOutButtons />
        </div>
      </aside>
      <main className="min-w-0 flex-1 space-y-6 p-4 md:p-8">{children}</main>
    </div>
  );
}
