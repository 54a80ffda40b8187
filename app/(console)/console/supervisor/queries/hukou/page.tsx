import Link from "next/link";
import {
  ChoiceField,
  ExportLinks,
  HistoryLink,
  QueryFilterForm,
  QueryPager,
  StageFilter,
  queryParams,
  withParams,
} from "@/components/console/supervisor/region-query";
import { FormMessage } from "@/components/ui/form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import { SPECIAL_CATEGORY_LABELS, STAGES, STAGE_LABELS, type SpecialCategory } from "@/lib/domain/codes";
import { HUKOU_ALL_STUDENTS } from "@/lib/schemas/region-queries";
import { viewHukou } from "@/lib/services/region-queries";

export const metadata = { title: "本地户籍外地就读学生" };
const PATH = "/console/supervisor/queries/hukou";

const DIRECTIONS = [
  { value: "out", label: "本地户籍外地就读", hint: "户籍在本辖区、在辖区外学校就读的学生" },
  { value: "in", label: "外地户籍本地就读", hint: "在本辖区学校就读、户籍在辖区外的学生" },
] as const;

const GROUPS = [
  { value: HUKOU_ALL_STUDENTS, label: "全部学生" },
  ...(Object.entries(SPECIAL_CATEGORY_LABELS) as [SpecialCategory, string][]).map(([value, label]) => ({
    value,
    label,
  })),
];

/**
 * 本地户籍外地就读学生 (seed 002, seed 004 二.1: 各类特殊困难学生跨省、市、县就读情况) and its converse, with
 * counts by child region and by stage. Default group: students on any special-group list.
 */
export default async function HukouQueryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("region_query.hukou");
  const params = queryParams(await searchParams);
  const result = await viewHukou(user, params);
  const errors = result.ok ? {} : (result.fieldErrors ?? {});
  const direction = result.ok ? result.data.direction : params.direction === "in" ? "in" : "out";
  const current = DIRECTIONS.find((d) => d.value === direction)!;
  const usedStages = result.ok ? STAGES.filter((stage) => result.data.breakdown.byStage[stage] > 0) : [];
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">本地户籍外地就读学生</h1>
        <p className="text-sm text-slate-600">
          按户籍所在地与就读学校所在地比对（在读或休学的学生；未登记户籍所在地的学生不在其中）。
        </p>
      </header>
      <nav aria-label="查询方向" className="flex gap-2">
        {DIRECTIONS.map((d) => (
          <Link
            key={d.value}
            href={`${PATH}?direction=${d.value}`}
            aria-current={d.value === direction ? "page" : undefined}
            className={
              d.value === direction
                ? "rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white"
                : "rounded-md px-3 py-1.5 text-sm text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50"
            }
          >
            {d.label}
          </Link>
        ))}
      </nav>
      <p className="text-sm text-slate-600">{current.hint}。</p>
      <QueryFilterForm
        label="筛选学生"
        clearHref={`${PATH}?direction=${direction}`}
        columnsClassName="md:grid-cols-3 md:items-end"
      >
        <input type="hidden" name="direction" value={direction} />
        <ChoiceField
          id="category"
          label="学生类别"
          value={params.category}
          options={GROUPS}
          allLabel="任一类重点保障人群"
          error={errors.category}
        />
        <StageFilter value={params.stage} error={errors.stage} />
      </QueryFilterForm>
      {!result.ok ? (
        <FormMessage kind="error">{result.message}</FormMessage>
      ) : (
        <>
          <TitledSection id="breakdown-heading" title="分地区、分学段人数">
            <DataTable
              columns={[
                direction === "out" ? "户籍所在地区" : "就读学校所在地区",
                ...usedStages.map((stage) => STAGE_LABELS[stage]),
                "合计",
              ]}
            >
              {result.data.breakdown.regions.map((row) => (
                <Tr key={row.path}>
                  <Td>{row.label}</Td>
                  {usedStages.map((stage) => (
                    <Td key={stage}>{row.byStage[stage]}</Td>
                  ))}
                  <Td className="font-medium">{row.total}</Td>
                </Tr>
              ))}
              <Tr className="font-medium">
                <Td>合计</Td>
                {usedStages.map((stage) => (
                  <Td key={stage}>{result.data.breakdown.byStage[stage]}</Td>
                ))}
                <Td data-testid="breakdown-total">{result.data.breakdown.total}</Td>
              </Tr>
            </DataTable>
          </TitledSection>
          <section aria-label="查询结果" className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <QueryPager path={PATH} params={params} window={result.data.window} />
              <ExportLinks query="hukou" params={{ ...params, direction }} fullIdAllowed />
            </div>
            <DataTable
              columns={[
                "姓名",
                "身份证号",
                "户籍所在地",
                "就读学校",
                "学校所在地",
                "学段",
                "特殊群体",
                "受助情况",
              ]}
            >
              {result.data.rows.length === 0 ? (
                <tr>
                  <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                    没有符合条件的学生。
                  </td>
                </tr>
              ) : (
                result.data.rows.map((row) => (
                  <Tr key={row.studentId}>
                    <Td>{row.name}</Td>
                    <Td className="font-mono text-xs">{row.idMasked}</Td>
                    <Td>{row.hukouName}</Td>
                    <Td>{row.schoolName}</Td>
                    <Td>{row.schoolRegionName}</Td>
                    <Td>{STAGE_LABELS[row.stage]}</Td>
                    <Td className="text-xs">
                      {row.categories.map((category) => SPECIAL_CATEGORY_LABELS[category]).join("、")}
                    </Td>
                    <Td>
                      <HistoryLink
                        personId={row.personId}
                        name={row.name}
                        back={withParams(PATH, { ...params, direction })}
                      />
                    </Td>
                  </Tr>
                ))
              )}
            </DataTable>
          </section>
        </>
      )}
    </>
  );
}
