import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import { formatAsOf } from "@/lib/domain/work-progress";
import { viewLoanStatistics } from "@/lib/services/loan-statistics";
import { ChartFigure } from "../../statistics/chart-figure";

export const metadata = { title: "贷款统计与录入进展" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LoanStatisticsPage({ searchParams }: { searchParams: Search }) {
  const { user } = await requirePageAccess("loan.view");
  const raw = await searchParams;
  const view = await viewLoanStatistics(user, raw);
  if (!view.ok) redirect("/forbidden");
  const year = typeof raw.year === "string" ? raw.year : "";
  const category = typeof raw.category === "string" ? raw.category : "";
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({
      ...(year ? { year } : {}),
      ...(category ? { category } : {}),
      ...extra,
    }).toString();
  return (
    <>
      <h1 className="text-xl font-semibold">贷款统计与录入进展</h1>
      <p className="text-sm text-slate-600">
        统计只计审核通过的贷款和还款记录；录入进展列出各院校已导入记录的审核情况。
        <span data-testid="as-of">数据截至 {formatAsOf(view.data.asOf)}</span>。
        <Link href="/console/supervisor/loans" className="ml-2 text-brand-700 underline">
          返回国家助学贷款
        </Link>
      </p>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="选择学年">
        {category ? <input type="hidden" name="category" value={category} /> : null}
        <Field id="stat-year" label="学年（如 2024-2025，留空为全部）">
          <TextInput id="stat-year" name="year" defaultValue={year} maxLength={12} />
        </Field>
        <Button type="submit">查看</Button>
      </form>
      {category ? (
        <p className="text-sm">
          <Link href={`?${new URLSearchParams(year ? { year } : {})}`} className="text-brand-700 underline">
            返回按院校类型
          </Link>
        </p>
      ) : null}
      {view.data.tables.map((table) => (
        <TitledSection key={table.key} id={`loan-table-${table.key}`} title={table.title}>
          {table.charts.length ? (
            <div className="flex flex-wrap gap-3">
              {table.charts.map((chart) => (
                <ChartFigure key={chart.key} spec={chart} tableId={`loan-data-${table.key}`} />
              ))}
            </div>
          ) : null}
          {table.rows.length === 0 ? (
            <p className="text-sm text-slate-600">没有数据。</p>
          ) : (
            <div id={`loan-data-${table.key}`}>
              <DataTable columns={table.columns}>
                {table.rows.map((row, index) => (
                  <Tr key={index}>
                    {row.map((cell, column) => (
                      <Td key={column}>
                        {column === 0 && table.links?.[index] ? (
                          <Link
                            href={`?${new URLSearchParams({ ...(year ? { year } : {}), category: table.links[index]! })}`}
                            className="text-brand-700 underline"
                          >
                            {cell}
                          </Link>
                        ) : (
                          cell
                        )}
                      </Td>
                    ))}
                  </Tr>
                ))}
              </DataTable>
            </div>
          )}
          <a
            href={`/console/supervisor/loans/statistics/export?${query({ table: table.key })}`}
            className="text-sm text-brand-700 underline"
          >
            导出此表（.xlsx）<span className="sr-only">：{table.title}</span>
          </a>
        </TitledSection>
      ))}
    </>
  );
}
