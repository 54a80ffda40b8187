import { signOutAction, signOutEverywhereAction } from "@/lib/auth/actions";

export function SignOutButtons() {
  return (
    <div className="flex items-center gap-3 text-sm">
      <form action={signOutAction}>
        <button type="submit" className="text-slate-600 hover:text-slate-900">
          退出登录
        </button>
      </form>
      <form action={signOutEverywhereAction}>
        <button
          type="submit"
          className="text-slate-500 hover:text-slate-900"
          title="结束本账号在所有设备上的登录"
        >
          退出所有设备
        </button>
      </form>
    </div>
  );
}
