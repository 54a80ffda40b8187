import { Notice } from "@/components/teacher/notice";
import { ProblemTable } from "@/components/support/problem-table";
import { StageFilter } from "@/components/support/stage-filter";
import { requirePageAccess } from "@/lib/auth/access";
import { loadSupportQueue } from "@/lib/services/support-desk";

export const metadata = { title: "问题受理" };

type Search = Record<string, string | string[] | undefined>;

export default async function SupportQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requirePageAccess("support.handle");
  const search = await searchParams;
  const r = await loadSupportQueue(user, {
    stage: typeof search.stage === "string" ? search.stage : undefined,
  });
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { filter, rows, groups } = r.data;
  return (
    <>
      <h1 className="text-xl font-semibold">问题受理</h1>
      <p className="text-sm text-slate-600">
        本级待受理的问题和您已受理、尚未办结的问题，已超期的排在最前。实行首接负责制：谁先受理，谁负责到答复办结；
        本级解决不了的，写明已采取的措施后上报上级。
        {groups ? "问题按学段分组列出，便于按学段汇总上报。" : null}
      </p>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="筛选">
        <StageFilter value={filter.stage} />
        <button type="submit" className="server-form-button server-form-button-secondary">
          筛选
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">目前没有待受理或待处理的问题。</p>
      ) : groups ? (
        <>
          <p className="text-sm" role="status">
            共 {rows.length} 个问题：
            {groups.map((group) => `${group.label} ${group.rows.length} 个`).join("，")}。
          </p>
          {groups.map((group) => (
            <section
              key={group.label}
              aria-labelledby={`stage-${group.stage ?? "ALL"}`}
              className="space-y-2"
            >
              <h2 id={`stage-${group.stage ?? "ALL"}`} className="text-lg font-semibold">
                {group.label}（{group.rows.length} 个）
              </h2>
              <ProblemTable rows={group.rows} showFiler />
            </section>
          ))}
        </>
      ) : (
        <ProblemTable rows={rows} showFiler />
      )}
    </>
  );
}
