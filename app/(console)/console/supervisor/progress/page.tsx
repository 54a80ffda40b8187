import Link from "next/link";
import { Card } from "@/components/ui/card";
import { BehindMarker, ProgressTable } from "@/components/supervisor/progress-table";
import { requirePageAccess } from "@/lib/auth/access";
import { REGION_LEVEL_LABELS, STAGE_LABELS, type Stage } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { collectionPercent, formatAsOf, vocationalCurrent } from "@/lib/domain/work-progress";
import { viewProgress, type ProgressRow } from "@/lib/services/work-progress";

export const metadata = { title: "工作进展" };

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const text = search.toString();
  return text ? `?${text}` : "";
};

export default async function WorkProgressPage({
  searchParams,
}: {
  searchParams: Promise<{ region?: string; school?: string }>;
}) {
  const { user } = await requirePageAccess("work_progress.view");
  const sp = await searchParams;
  const result = await viewProgress(user, { region: sp.region || undefined, school: sp.school || undefined });
  if (!result.ok)
    return (
      <>
        <h1 className="text-xl font-semibold">工作进展</h1>
        <p role="alert" className="text-sm text-red-600">
          {result.message}
        </p>
        <Link href="/console/supervisor/progress" className="text-sm text-sky-700 underline">
          返回本辖区工作进展
        </Link>
      </>
    );
  const view = result.data;
  const { region, rows, totals, school } = view;
  const here = { region: sp.region ? region.id : undefined, school: school?.id };
  const hrefOf = (row: ProgressRow) =>
    `/console/supervisor/progress${query(row.kind === "region" ? { region: row.id } : { region: region.id, school: row.id })}`;
  const behindCount = rows.filter((r) =>
    r.kind === "school" ? r.behindReasons.length > 0 : r.behindSchools > 0,
  ).length;
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">工作进展</h1>
        <p className="text-sm text-slate-600">
          {view.term.name} · {school ? school.name : `${region.name}（${REGION_LEVEL_LABELS[region.level]}）`}{" "}
          · <span data-testid="as-of">数据截至 {formatAsOf(view.asOf)}</span>
        </p>
      </header>

      <nav aria-label="行政区划层级" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1">
          {view.breadcrumbs.map((crumb, index) => (
            <li key={crumb.id} className="flex items-center gap-1">
              {index > 0 ? <span aria-hidden="true">›</span> : null}
              {crumb.id === region.id && !school ? (
                <span aria-current="page" className="font-medium">
                  {crumb.name}
                </span>
              ) : (
                <Link
                  href={`/console/supervisor/progress${query({ region: crumb.id })}`}
                  className="text-sky-700 underline underline-offset-2"
                >
                  {crumb.name}
                </Link>
              )}
            </li>
          ))}
          {school ? (
            <li className="flex items-center gap-1">
              <span aria-hidden="true">›</span>
              <span aria-current="page" className="font-medium">
                {school.name}
              </span>
            </li>
          ) : null}
        </ol>
      </nav>

      {school ? (
        <Card aria-labelledby="school-heading" className="space-y-3">
          <h2 id="school-heading" className="font-semibold">
            {school.name}（{school.code}）
          </h2>
          <p className="text-sm text-slate-600">
            学段：{school.stages.map((s) => STAGE_LABELS[s as Stage] ?? s).join("、")}；核实截止{" "}
            {formatBeijingDateTime(school.verifyDeadline)}；认定截止{" "}
            {formatBeijingDateTime(school.reviewDeadline)}
          </p>
          <BehindMarker row={school} />
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link
              href={`/console/supervisor/queries/determinations${query({ termId: view.term.id, schoolCode: school.code })}`}
              className="text-sky-700 underline underline-offset-2"
            >
              该校认定结果名单
            </Link>
            <Link
              href={`/console/supervisor/queries/special-groups${query({ schoolCode: school.code })}`}
              className="text-sky-700 underline underline-offset-2"
            >
              该校重点保障人群
            </Link>
            <Link
              href={`/console/supervisor/statistics${query({ region: region.id })}`}
              className="text-sky-700 underline underline-offset-2"
            >
              {region.name}统计图表
            </Link>
          </p>
          <dl
            className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4"
            data-testid="school-figures"
          >
            {[
              ["在校学生", school.figures.studentsInSchool],
              ["已申请", school.figures.applied],
              ["放弃申请", school.figures.waived],
              ["填报中", school.figures.inProgress],
              ["未申请", school.figures.notStarted],
              [
                "回收率",
                `${collectionPercent(school.figures) ?? "—"}${school.figures.studentsInSchool ? "%" : ""}`,
              ],
              ["待核实", school.figures.awaitingVerification],
              ["已核实", school.figures.verified],
              ["待认定", school.figures.awaitingDetermination],
              ["特别困难", school.figures.determinedSpecial],
              ["困难", school.figures.determinedHardship],
              ["一般困难", school.figures.determinedGeneral],
              ["不困难", school.figures.determinedNone],
              ["已公示", school.figures.publicised],
              ["名单已审批", school.figures.rosterApproved],
              ["已发放", school.figures.paid],
              ["重点保障人群", school.figures.specialGroup],
              ["重点保障已资助", school.figures.specialAided],
              ["未资助·已报原因", school.figures.specialNoAidWithReason],
              ["未资助·未报原因", school.figures.specialNoAidWithoutReason],
              ...(school.vocational
                ? ([
                    ["中职在校", school.figures.vocationalInSchool],
                    ["中职逾期", school.figures.vocationalOverdue],
                    ["中职当期", vocationalCurrent(school.figures)],
                  ] as const)
                : []),
            ].map(([label, value]) => (
              <div key={label} className="flex justify-between gap-2 border-b border-slate-100 py-1">
                <dt className="text-slate-600">{label}</dt>
                <dd className="font-medium tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
      ) : (
        <section aria-labelledby="rows-heading" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="rows-heading" className="font-semibold">
              {view.rowKind === "region" ? "下级行政区划" : "学校"}（{rows.length}）
              <span className="ml-2 text-sm font-normal text-slate-600" data-testid="behind-count">
                进度滞后：{behindCount}
                {view.rowKind === "region" ? "个地区" : "所学校"}
              </span>
            </h2>
          </div>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600">
              本辖区暂无学校。
              <Link href="/console/supervisor/schools" className="text-sky-700 underline underline-offset-2">
                新增或导入学校
              </Link>
              后，这里按学校列出进度。
            </p>
          ) : (
            <ProgressTable
              rows={rows}
              totals={totals}
              caption={`${region.name}${view.term.name}工作进展`}
              hrefOf={hrefOf}
            />
          )}
          <p className="text-xs text-slate-500">
            回收率 =（已申请＋放弃申请）÷
            在校学生；进度滞后：核实截止后仍有未核实的申请，或认定截止后仍有已核实未认定的申请。
            中职逾期：入学年月加学制年数已到（如2021年9月入学、学制2年，2023年9月起为逾期），当期 = 在校 −
            逾期。
          </p>
        </section>
      )}

      <p className="flex flex-wrap items-center gap-3">
        <a
          href={`/console/supervisor/progress/export${query(here)}`}
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          导出本表（.xlsx）
        </a>
        {school ? null : (
          <Link
            href={`/console/supervisor/statistics${query({ region: region.id })}`}
            className="text-sm text-sky-700 underline underline-offset-2"
          >
            查看{region.name}的统计图表
          </Link>
        )}
      </p>
    </>
  );
}
