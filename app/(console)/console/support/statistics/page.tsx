import Link from "next/link";
import { LinkButton } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/form";
import { requirePageAccess } from "@/lib/auth/access";
import type { ChartSpec } from "@/lib/domain/statistics-charts";
import type { SupportStatTable } from "@/lib/domain/support-statistics";
import { loadSupportStatistics, SUPPORT_STATISTICS_PATH } from "@/lib/services/support-statistics";
import { ChartFigure } from "../../supervisor/statistics/chart-figure";
import { StatTableView } from "../../supervisor/statistics/stat-table";

export const metadata = { title: "技术支持统计" };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const SELECT = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base";

export default async function SupportStatisticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("support.statistics");
  const sp = await searchParams;
  const result = await loadSupportStatistics(user, { region: one(sp.region), year: one(sp.year) });
  if (!result.ok)
    return (
      <>
        <h1 className="text-xl font-semibold">技术支持统计</h1>
        <FormMessage kind="error">{result.message}</FormMessage>
        <Link href={SUPPORT_STATISTICS_PATH} className="text-sm underline">
          返回本辖区统计
        </Link>
      </>
    );
  const view = result.data;
  const exportHref = (table: SupportStatTable["key"]) =>
    `${SUPPORT_STATISTICS_PATH}/export?${new URLSearchParams({ region: view.region.id, year: String(view.year), table })}`;

  const section = (table: SupportStatTable, charts: ChartSpec[]) => {
    const tableId = `table-${table.key}`;
    return (
      <section aria-labelledby={`${table.key}-heading`} className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id={`${table.key}-heading`} className="font-semibold">
            {table.title}
          </h2>
          <LinkButton variant="small" href={exportHref(table.key)} className="text-sm">
            导出{table.title}（.xlsx）
          </LinkButton>
        </div>
        {charts.map((spec) => (
          <ChartFigure key={spec.key} spec={spec} tableId={tableId} />
        ))}
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
        <h1 className="text-xl font-semibold">
          技术支持统计：{view.region.name} {view.year}年
        </h1>
        <p className="text-sm text-slate-600">
          本辖区提交的技术支持问题（统计日 {view.today}
          ）：按类别和处理层级的问题数，每月首次答复和办结用时的中位数，
          以及在答复期限（按工作日计算）内答复的比例。图表下方的表格列出图中的全部数字。
        </p>
      </header>
      <form
        method="get"
        aria-label="统计条件"
        className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-4 md:items-end"
      >
        <input type="hidden" name="region" value={view.region.id} />
        <Field id="year" label="年份">
          <select id="year" name="year" defaultValue={String(view.year)} className={SELECT}>
            {view.years.map((year) => (
              <option key={year} value={year}>
                {year}年
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
      {section(view.tables.category, [view.charts.category])}
      {section(view.tables.month, [view.charts.month, view.charts.median])}
    </>
  );
}
