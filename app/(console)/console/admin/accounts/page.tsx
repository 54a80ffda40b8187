import { Pager } from "@/components/teacher/notice";
import { inputCls } from "@/components/ui/form-styles";
import { ServerForm } from "@/components/ui/server-form";
import { requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { findApplicantAccounts, listStaffAccounts } from "@/lib/services/staff-accounts";
import { createStaffAction } from "./actions";
import { ResetPasswordForm } from "./staff-row-forms";
import { staffStatusLabel } from "./staff-status";
import { DataTable } from "@/components/ui/table";
import { StaffRows } from "./staff-rows";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

export const metadata = { title: "账号管理" };

const STAFF_PAGE_SIZE = 50;

export default async function AccountsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const { user } = await requirePageAccess("account.list");
  const sp = await searchParams;
  const q = (sp.q ?? "").trim().slice(0, 30);
  // STAFF_PAGE_SIZE accounts a page, paged in SQL. A row is plain text and one link to the account's own
  // page (./[userId]), which holds its operations (reset, disable, assign, unassign): forms and a class select
  // per row were most of this page's cost (bench/README.md §4, "Staff list pages").
  const [staff, found] = await Promise.all([
    listStaffAccounts(user, Math.trunc(Number(sp.page)) || 1, STAFF_PAGE_SIZE),
    findApplicantAccounts(user, q),
  ]);
  const applicants = found.ok ? found.data : [];
  const shown = staff.ok ? staff.data.rows : [];
  const total = staff.ok ? staff.data.total : 0;
  const page = staff.ok ? staff.data.page : 1;
  const here = (toPage: number) => {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    if (toPage > 1) p.set("page", String(toPage));
    const query = p.toString();
    return `/console/admin/accounts${query ? `?${query}` : ""}`;
  };
  return (
    <>
      <h1 className="text-xl font-semibold">账号管理</h1>

      <Card aria-label="新建账号" className="space-y-3">
        <h2 className="font-semibold">新建班主任 / 校领导账号</h2>
        <p className="text-sm text-slate-600">系统生成初始密码，只显示一次；本人首次登录时须修改密码。</p>
        <ServerForm action={createStaffAction} submitLabel="创建账号">
          <div className="grid gap-3 md:grid-cols-3">
            <label className="space-y-1 text-sm">
              <span className="block font-medium">账号类型</span>
              <select name="role" className={`${inputCls} w-full`} defaultValue="TEACHER">
                <option value="TEACHER">班主任</option>
                <option value="SCHOOL_LEADER">校领导</option>
              </select>
            </label>
            <label className="space-y-1 text-sm">
              <span className="block font-medium">姓名</span>
              <input name="displayName" maxLength={30} className={`${inputCls} w-full`} />
            </label>
            <label className="space-y-1 text-sm">
              <span className="block font-medium">登录名</span>
              <input
                name="username"
                maxLength={40}
                className={`${inputCls} w-full`}
                placeholder="如 zhang_laoshi"
              />
            </label>
          </div>
        </ServerForm>
      </Card>

      <section aria-label="教职工账号" className="space-y-2">
        <h2 className="font-semibold">本校教职工账号</h2>
        {!staff.ok ? (
          <p className="text-sm text-red-600">{staff.message}</p>
        ) : (
          <DataTable columns={["姓名", "登录名", "类型", "状态", "负责班级", "操作"]}>
            <StaffRows
              rows={shown.map((a) => ({
                id: a.id,
                displayName: a.displayName,
                username: a.username,
                role: ROLE_LABELS[a.role],
                status: staffStatusLabel(a),
                disabled: a.disabled,
                classes: a.classes.map((c) => `${c.gradeName}${c.className}`).join("、"),
                linkText: a.id === user.id ? "查看" : "管理",
              }))}
            />
          </DataTable>
        )}
        <Pager page={page} pageSize={STAFF_PAGE_SIZE} total={total} href={here} />
      </section>

      <section aria-label="学生和家长账号" className="space-y-2">
        <h2 className="font-semibold">重置学生、家长的密码</h2>
        <form className="flex gap-2" method="get">
          <label className="sr-only" htmlFor="q">
            学生姓名
          </label>
          <input
            id="q"
            name="q"
            defaultValue={q}
            maxLength={30}
            placeholder="输入学生姓名查找"
            className={inputCls}
          />
          <Button variant="small" type="submit" className="text-sm">
            查找
          </Button>
        </form>
        {q && applicants.length === 0 ? (
          <p className="text-sm text-slate-600">
            没有找到“{q}”的学生或家长账号（学生需先激活账号，家长需先绑定孩子）。
          </p>
        ) : null}
        {applicants.length ? (
          <Card as="ul" padding="none" className="divide-y divide-slate-100">
            {applicants.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <span>
                  {ROLE_LABELS[a.role]}：{a.displayName}
                  {a.role === "STUDENT"
                    ? `（${a.person?.idNumberMasked ?? ""}）`
                    : `（${a.phoneMasked ?? ""}，孩子：${a.children.map((c) => c.person.name).join("、")}）`}
                </span>
                <ResetPasswordForm account={{ id: a.id, displayName: a.displayName }} />
              </li>
            ))}
          </Card>
        ) : null}
      </section>
    </>
  );
}
