import { Notice } from "@/components/teacher/notice";
import { CityContact } from "@/components/support/city-contact";
import { ProblemForm } from "@/components/support/problem-form";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/access";
import { loadFilingForm } from "@/lib/services/support-desk";

export const metadata = { title: "提交问题" };

export default async function NewSupportProblemPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const { user } = await requirePageAccess("support.file");
  const r = await loadFilingForm(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const from = (await searchParams).from;
  const pagePath = typeof from === "string" && from.startsWith("/") ? from.slice(0, 300) : "";
  return (
    <>
      <h1 className="text-xl font-semibold">提交问题</h1>
      <CityContact user={user} />
      <Card as="section" aria-label="提交人信息">
        <dl className="grid gap-1 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">单位</dt>
            <dd>{r.data.unit}</dd>
          </div>
          <div>
            <dt className="text-slate-500">身份</dt>
            <dd>{r.data.role}</dd>
          </div>
          <div>
            <dt className="text-slate-500">姓名</dt>
            <dd>{r.data.name}</dd>
          </div>
        </dl>
        <p className="mt-2 text-xs text-slate-500">
          单位、身份和姓名取自您的账号。问题提交后由{r.data.queueLevel}
          级先受理；主题按“XX市-XX学段-XX类问题”自动生成。
        </p>
      </Card>
      <ProblemForm
        stages={r.data.stages}
        stageOptional={r.data.stages === null}
        pagePath={pagePath}
        contact={r.data.contact}
      />
    </>
  );
}
