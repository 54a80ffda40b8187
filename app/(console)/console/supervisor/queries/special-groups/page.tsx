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
import { SPECIAL_CATEGORY_LABELS, SPECIAL_SOURCE_LABELS, STAGE_LABELS } from "@/lib/domain/codes";
import { viewSpecialGroup } from "@/lib/services/region-queries";

export const metadata = { title: "重点保障人群信息查询" };
const PATH = "/console/supervisor/queries/special-groups";

/** 重点保障人群信息查询 (seed 002, seed 004 二.1): special-group students studying in the subtree. */
export default async function SpecialGroupQueryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("region_query.special_groups");
  const params = queryParams(await searchParams);
  const result = await viewSpecialGroup(user, params);
  const errors = result.ok ? {} : (result.fieldErrors ?? {});
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">重点保障人群信息查询</h1>
        <p className="text-sm text-slate-600">
          在本辖区学校就读（在读或休学）、已与特殊群体名单比对成功的学生，每条名单记录一行。点“受助情况”查看其历年、各校的申请、认定和资助。
        </p>
      </header>
      <QueryFilterForm
        label="筛选重点保障人群"
        clearHref={PATH}
        columnsClassName="md:grid-cols-3 lg:grid-cols-5 lg:items-end"
      >
        <ChoiceField
          id="category"
          label="类别"
          value={params.category}
          options={labelled(SPECIAL_CATEGORY_LABELS)}
          allLabel="全部类别"
          error={errors.category}
        />
        <ChoiceField
          id="source"
          label="名单来源"
          value={params.source}
          options={labelled(SPECIAL_SOURCE_LABELS)}
          allLabel="全部来源"
          error={errors.source}
        />
        <StageFilter value={params.stage} error={errors.stage} />
        <SchoolCodeFilter value={params.schoolCode} error={errors.schoolCode} />
      </QueryFilterForm>
      {!result.ok ? (
        <FormMessage kind="error">{result.message}</FormMessage>
      ) : (
        <section aria-label="查询结果" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <QueryPager path={PATH} params={params} window={result.data.window} />
            <ExportLinks query="special-groups" params={params} fullIdAllowed />
          </div>
          <DataTable
            columns={[
              "姓名",
              "身份证号",
              "类别",
              "来源",
              "名单年度",
              "就读学校",
              "班级",
              "学段",
              "户籍所在地",
              "受助情况",
            ]}
          >
            {result.data.rows.length === 0 ? (
              <tr>
                <td colSpan={10} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的学生。
                </td>
              </tr>
            ) : (
              result.data.rows.map((row) => (
                <Tr key={row.entryId}>
                  <Td>{row.name}</Td>
                  <Td className="font-mono text-xs">{row.idMasked}</Td>
                  <Td>{SPECIAL_CATEGORY_LABELS[row.category]}</Td>
                  <Td>{SPECIAL_SOURCE_LABELS[row.source]}</Td>
                  <Td>{row.listYear}</Td>
                  <Td>{row.schoolName}</Td>
                  <Td>
                    {row.gradeName}
                    {row.className}
                  </Td>
                  <Td>{STAGE_LABELS[row.stage]}</Td>
                  <Td>{row.hukouName ?? "未登记"}</Td>
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
