import {
  ChoiceField,
  ExportLinks,
  HistoryLink,
  QueryFilterForm,
  QueryPager,
  SchoolCodeFilter,
  StageFilter,
  labelled,
  queryParams,
  withParams,
} from "@/components/console/supervisor/region-query";
import { FormMessage } from "@/components/ui/form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/access";
import {
  HARDSHIP_LEVEL_LABELS,
  SPECIAL_CATEGORY_LABELS,
  STAGE_LABELS,
  type SpecialCategory,
} from "@/lib/domain/codes";
import { formatBeijingDate } from "@/lib/domain/time";
import { viewDeterminations } from "@/lib/services/region-queries";

export const metadata = { title: "困难学生认定结果查看" };
const PATH = "/console/supervisor/queries/determinations";

const categoriesText = (categories: SpecialCategory[]) =>
  categories.map((category) => SPECIAL_CATEGORY_LABELS[category]).join("、");

/** 困难学生认定结果查看 (seed 002): the determinations of the subtree's schools, masked, by term and filters. */
export default async function DeterminationQueryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("region_query.determinations");
  const params = queryParams(await searchParams);
  const result = await viewDeterminations(user, params);
  const errors = result.ok ? {} : (result.fieldErrors ?? {});
  const terms = result.ok ? result.data.terms : [];
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">困难学生认定结果查看</h1>
        <p className="text-sm text-slate-600">
          本辖区各学校已认定的家庭经济困难学生。身份证号脱敏显示；导出文件同样脱敏，导出记入审计日志。
        </p>
      </header>
      <QueryFilterForm
        label="筛选认定结果"
        clearHref={PATH}
        columnsClassName="md:grid-cols-3 lg:grid-cols-6 lg:items-end"
      >
        <ChoiceField
          id="termId"
          label="资助学期"
          value={params.termId ?? (result.ok ? (result.data.termId ?? undefined) : undefined)}
          options={terms.map((term) => ({ value: term.id, label: term.name }))}
          error={errors.termId}
        />
        <StageFilter value={params.stage} error={errors.stage} />
        <SchoolCodeFilter value={params.schoolCode} error={errors.schoolCode} />
        <ChoiceField
          id="level"
          label="认定等级"
          value={params.level}
          options={labelled(HARDSHIP_LEVEL_LABELS)}
          allLabel="全部等级"
          error={errors.level}
        />
        <ChoiceField
          id="category"
          label="特殊群体类别"
          value={params.category}
          options={labelled(SPECIAL_CATEGORY_LABELS)}
          allLabel="不限"
          error={errors.category}
        />
      </QueryFilterForm>
      {!result.ok ? (
        <FormMessage kind="error">{result.message}</FormMessage>
      ) : (
        <section aria-label="查询结果" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <QueryPager path={PATH} params={params} window={result.data.window} />
            <ExportLinks query="determinations" params={params} fullIdAllowed={false} />
          </div>
          <DataTable
            columns={[
              "姓名",
              "身份证号",
              "学校",
              "班级",
              "学段",
              "认定等级",
              "认定日期",
              "特殊群体",
              "受助情况",
            ]}
          >
            {result.data.rows.length === 0 ? (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的认定结果。
                </td>
              </tr>
            ) : (
              result.data.rows.map((row) => (
                <Tr key={row.id}>
                  <Td>{row.name}</Td>
                  <Td className="font-mono text-xs">{row.idMasked}</Td>
                  <Td>{row.schoolName}</Td>
                  <Td>
                    {row.gradeName}
                    {row.className}
                  </Td>
                  <Td>{STAGE_LABELS[row.stage]}</Td>
                  <Td>{HARDSHIP_LEVEL_LABELS[row.level]}</Td>
                  <Td className="whitespace-nowrap">
                    {row.determinedAt ? formatBeijingDate(row.determinedAt) : ""}
                  </Td>
                  <Td className="text-xs">{categoriesText(row.categories)}</Td>
                  <Td>
                    <HistoryLink personId={row.personId} name={row.name} back={withParams(PATH, params)} />
                  </Td>
                </Tr>
              ))
            )}
          </DataTable>
        </section>
      )}
    </>
  );
}
