import Link from "next/link";
import { CommunityPublicity } from "@/components/portal/community-publicity";
import { InboxSummary } from "@/components/notifications/inbox-summary";
import { TermBanner } from "@/components/portal/term-banner";
import { redirect } from "next/navigation";
import { requirePageAccess } from "@/lib/auth/access";
import { APPLICANT_ROLES } from "@/lib/auth/session";
import { applicantRoleFor } from "@/lib/domain/applicant";
import { APPLICATION_STATE_LABELS, STAGE_LABELS } from "@/lib/domain/codes";
import { homeCardAction } from "@/lib/domain/next-step";
import { Card } from "@/components/ui/card";
import { loadApplicantHome } from "@/lib/services/home";
import { ApplicantTodos } from "@/components/portal/applicant-todos";
import { loadApplicantTodos } from "@/lib/services/todos-applicant";

export const metadata = { title: "首页" };

export default async function PortalHome() {
  const { user } = await requirePageAccess("application.view");
  // Staff may view applications, but this home lists the caller's own children: applicants only.
  if (!APPLICANT_ROLES.includes(user.role)) redirect("/forbidden");
  const home = await loadApplicantHome(user);
  const { term, children, dates, datesBySchool } = home;
  const now = new Date();
  const todos = await loadApplicantTodos(user, now, home);

  return (
    <>
      {term && dates ? (
        <TermBanner termName={term.name} dates={dates} now={now} />
      ) : (
        <p className="rounded-xl bg-white p-4 text-sm text-slate-600">当前没有开放的资助学期。</p>
      )}
      <ApplicantTodos todos={todos} now={now} />

      <InboxSummary user={user} basePath="/portal/notifications" tone="portal" />

      <section className="space-y-3">
        <div className="flex items-center justify-between">
          <h1 className="text-lg font-semibold">{user.role === "PARENT" ? "我的孩子" : "我的学籍信息"}</h1>
          {user.role === "PARENT" ? (
            <Link href="/portal/bind" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">
              绑定孩子
            </Link>
          ) : null}
        </div>
        {children.length === 0 ? (
          <p className="rounded-xl bg-white p-4 text-sm text-slate-600">
            {user.role === "PARENT"
              ? "还没有绑定孩子。请点击“绑定孩子”，填写孩子的姓名和身份证号。"
              : "未找到您的在读学籍，请联系班主任。"}
          </p>
        ) : (
          children.map((c) => {
            const childDates = datesBySchool.get(c.schoolId);
            const canApply = applicantRoleFor(c.stage) === user.role;
            const todo = childDates && canApply ? homeCardAction(c.application, childDates, now) : null;
            return (
              <Card
                as="article"
                tone="portal"
                key={c.personId}

                data-testid="child-card"
              >
                <div className="flex items-baseline justify-between">
                  <h2 className="text-base font-semibold">{c.name}</h2>
                  <span className="text-xs text-slate-500">{c.idNumberMasked}</span>
                </div>
                <p className="text-sm text-slate-600">
                  {c.schoolName} · {STAGE_LABELS[c.stage]} · {c.gradeName}
                  {c.className}
                </p>
                <p className="mt-2 text-sm">
                  本学期申请：
                  <span className="font-medium">
                    {c.application ? APPLICATION_STATE_LABELS[c.application.state] : "未开始"}
                  </span>
                </p>
                {c.application && ["reviewed", "determined", "revoked"].includes(c.application.state) ? (
                  <Link href={`/portal/result/${c.personId}`} className="mt-1 block text-sm text-brand-700">
                    查看认定结果、公示与资助签收
                  </Link>
                ) : null}
                {todo ? (
                  <p
                    data-testid="child-next-step"
                    className={`mt-2 rounded-md p-2 text-sm ${
                      todo.tone === "todo"
                        ? "bg-amber-50 text-amber-900"
                        : todo.tone === "wait"
                          ? "bg-brand-50 text-brand-700"
                          : "bg-slate-100 text-slate-700"
                    }`}
                  >
                    {todo.text}
                  </p>
                ) : null}
                {canApply ? (
                  todo?.button ? (
                    <Link
                      href={`/portal/apply/${c.personId}`}
                      className="mt-3 block rounded-md bg-brand-600 py-2 text-center text-sm font-medium text-white"
                    >
                      {todo.button}
                    </Link>
                  ) : null
                ) : (
                  <p className="mt-1 text-xs text-amber-700">
                    {user.role === "PARENT"
                      ? `${STAGE_LABELS[c.stage]}学生由本人登录申请。`
                      : `${STAGE_LABELS[c.stage]}阶段由家长登录申请。`}
                  </p>
                )}
              </Card>
            );
          })
        )}
      </section>
      <CommunityPublicity user={user} />
    </>
  );
}
