import Link from "next/link";
import { SignOutButtons } from "@/components/ui/sign-out-buttons";
import { APPLICANT_ROLES, requireUser } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/domain/codes";

/** Students and parents: mobile-first, one column. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(APPLICANT_ROLES);
  return (
    <div className="mx-auto min-h-screen w-full max-w-xl bg-slate-50">
      <header className="sticky top-0 z-10 flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3">
        <Link href="/portal" className="font-semibold text-brand-700">
          学生资助申报
        </Link>
        <span className="text-sm text-slate-600">
          {user.displayName}（{ROLE_LABELS[user.role]}）
        </span>
      </header>
      <main className="space-y-4 p-4">{children}</main>
      <footer className="flex flex-col items-center gap-2 px-4 pb-8 pt-4 text-xs text-slate-500">
        <SignOutButtons />
        <Link href="/change-password" className="text-brand-600">
          修改密码
        </Link>
      </footer>
    </div>
  );
}
