import { Notice } from "@/components/teacher/notice";
import { ProblemTable } from "@/components/support/problem-table";
import { LinkButton } from "@/components/ui/button";
import { requirePageAccess } from "@/lib/auth/access";
import { loadOwnSupportProblems } from "@/lib/services/support-desk";

export const metadata = { title: "问题反馈" };

export default async function OwnSupportProblemsPage() {
  const { user } = await requirePageAccess("support.view_own");
  const r = await loadOwnSupportProblems(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  return (
    <>
      <h1 className="text-xl font-semibold">问题反馈</h1>
      <p className="text-sm text-slate-600">
        使用系统遇到问题，在这里提交：由本级先处理，解决不了再逐级上报（学校 → 区县 → 地市 →
        省级）。每一步处理和答复都会显示在问题页面上。学生和家长的登录问题请在“登录问题”中报告。
      </p>
      <LinkButton href="/console/support/new">提交问题</LinkButton>
      <section aria-labelledby="own-heading" className="space-y-2">
        <h2 id="own-heading" className="font-semibold">
          我提交的问题
        </h2>
        {r.data.length === 0 ? (
          <p className="text-sm text-slate-600">您还没有提交过问题。</p>
        ) : (
          <ProblemTable rows={r.data} showFiler={false} />
        )}
      </section>
    </>
  );
}
