import Link from "next/link";
import { Field } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form";
import { LinkButton } from "@/components/ui/button";
import { requirePageAccess } from "@/lib/auth/access";
import type { StatisticKey } from "@/lib/domain/statistics";
import { formatAsOf } from "@/lib/domain/work-progress";
import type { ChartSpec } from "@/lib/domain/statistics-charts";
import { STATISTICS_PATH, statisticsQueryString, viewStatistics } from "@/lib/services/statistics";
import { ChartFigure } from "./chart-figure";
import { StatTableView } from "./stat-table";

export const metadata = { title: "资助统计" };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const SELECT = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base";

export default async function StatisticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("statistics.view");
  const sp = await searchParams;
  const query = { region: one(sp.region), term: one(sp.term), stage: one(sp.stage) };
  const result = await viewStatistics(user, query);
  if (!result.ok)
    return (
      <>
        <h1 className="text-xl font-semibold">资助统计</h1>
        <FormMessage kind="error">{result.message}</FormMessage>
        <Link href={STATISTICS_PATH} className="text-sm underline">
          返回本辖区统计
        </Link>
      </>
    );
  const view = result.data;
  const filters = { region: view.region.id, term: view.term.id, stage: view.stage };
  const exportHref = (table: StatisticKey) =>
    `${STATISTICS_PATH}/export${statisticsQueryString({ ...filters, table })}`;
  const chart = (key: string) => view.charts.find((spec) => spec.key === key) as ChartSpec;

  const section = (key: StatisticKey, chartKey: string | null) => {
    const table = view.tables[key];
    const tableId = `table-${key}`;
    return (
      <section key={key} aria-labelledby={`${key}-heading`} className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id={`${key}-heading`} className="font-semibold">
            {table.title}
          </h2>
          <LinkButton variant="small" href={exportHref(key)} className="text-sm">
            导出{table.title}（.xlsx）
          </LinkButton>
        </div>
        {chartKey ? <ChartFigure spec={chart(chartKey)} tableId={tableId} /> : null}
        <div id={tableId}>
          <StatTableView table={table} id={tableId} />
        </div>
        <p className="text-xs text-slate-500">{table.note}</p>
      </section>
    );
  };

  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">资助统计：{view.region.name}</h1>
        <p className="text-sm text-slate-600">
          重点保障人群受助情况统计与受助情况统计（{view.term.name}） ·{" "}
          <span data-testid="as-of">数据截至 {formatAsOf(view.asOf)}</span>
          （此前提交的变动都已计入；数字由系统在变动后几秒内重新汇总）。图表下方的表格列出图中的全部数字。
        </p>
        <p className="text-sm">
          <Link
            href={`/console/supervisor/progress?region=${view.region.id}`}
            className="text-brand-700 underline"
          >
            查看{view.region.name}本学期进度
          </Link>
        </p>
        {view.trail.length > 1 ? (
          <nav aria-label="行政区划层级" className="text-sm">
            {view.trail.map((region, i) => (
              <span key={region.id}>
                {i > 0 ? " › " : ""}
                {i === view.trail.length - 1 ? (
                  <span aria-current="page">{region.name}</span>
                ) : (
                  <a
                    className="text-brand-700 underline"
                    href={`${STATISTICS_PATH}${statisticsQueryString({ ...filters, region: region.id })}`}
                  >
                    {region.name}
                  </a>
                )}
              </span>
            ))}
          </nav>
        ) : null}
      </header>

      <form
        method="get"
        aria-label="统计条件"
        className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-4 md:items-end"
      >
        <input type="hidden" name="region" value={view.region.id} />
        <Field id="term" label="资助学期">
          <select id="term" name="term" defaultValue={view.term.id} className={SELECT}>
            {view.terms.map((term) => (
              <option key={term.id} value={term.id}>
                {term.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="stage" label="学段">
          <select id="stage" name="stage" defaultValue={view.stage ?? ""} className={SELECT}>
            <option value="">全部学段</option>
            {view.stageChoices.map((choice) => (
              <option key={choice.key} value={choice.key}>
                {choice.label}
              </option>
            ))}
          </select>
        </Field>
        <div>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
            查询
          </button>
        </div>
      </form>

      {section("special", "special-bar")}
      {section("stage", "stage-bar")}
      {section("area", "area-bar")}
      {section("level", "level-pie")}
      {section("programme", null)}
      {section("trend", "trend-line")}
    </>
  );
}
