import {
  ChoiceField,
  labelled,
  QueryFilterForm,
  QueryPager,
  queryParams,
} from "@/components/console/supervisor/region-query";
import { ListsTable, TodoLinks } from "@/components/console/vocational/list-parts";
import { FormMessage, TextField } from "@/components/ui/form";
import { requirePageAccess } from "@/lib/auth/access";
import {
  LIST_PROGRAMME_LABELS,
  LIST_STAGE_LABELS,
  LIST_STAGES,
  SUPERVISOR_TODOS,
  TODO_LABELS,
} from "@/lib/domain/vocational-list-view";
import { viewRegionLists } from "@/lib/services/vocational-list-pages";

export const metadata = { title: "中职月度名单确认" };
const PATH = "/console/supervisor/vocational";

/**
 * 名单公示确认 overview: the 中职 monthly lists of every school in the supervisor's region, one page at a time,
 * filtered by month, programme, stage and to-do (the console home links here with month and todo), with counts.
 */
export default async function RegionVocationalListsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("vocational_list.view");
  const params = queryParams(await searchParams);
  const result = await viewRegionLists(user, params);
  const errors = result.ok ? {} : (result.fieldErrors ?? {});
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">中职月度名单确认</h1>
        <p className="text-sm text-slate-600">
          本辖区各学校的中职国家助学金、免学费月度名单：主管部门审核、名单公示确认（公示通过 /
          公示不通过）和公示退回审核。 上级主管部门可以查看，只有学校所属主管部门可以操作。
        </p>
      </header>
      <QueryFilterForm
        label="筛选名单"
        clearHref={PATH}
        columnsClassName="md:grid-cols-3 lg:grid-cols-5 lg:items-end"
      >
        <TextField
          id="month"
          name="month"
          label="月份"
          hint="年-月，例如 2026-09；留空为全部"
          defaultValue={params.month}
          maxLength={7}
          error={errors.month}
        />
        <ChoiceField
          id="programme"
          label="资助项目"
          value={params.programme}
          options={labelled(LIST_PROGRAMME_LABELS)}
          allLabel="全部项目"
          error={errors.programme}
        />
        <ChoiceField
          id="stage"
          label="当前环节"
          value={params.stage}
          options={LIST_STAGES.map((stage) => ({ value: stage, label: LIST_STAGE_LABELS[stage] }))}
          allLabel="全部环节"
          error={errors.stage}
        />
        <ChoiceField
          id="todo"
          label="待办"
          value={params.todo}
          options={SUPERVISOR_TODOS.map((todo) => ({ value: todo, label: TODO_LABELS[todo] }))}
          allLabel="全部名单"
          error={errors.todo}
        />
      </QueryFilterForm>
      {!result.ok ? (
        <FormMessage kind="error">{result.message}</FormMessage>
      ) : (
        <section aria-label="名单列表" className="space-y-2">
          <TodoLinks path={PATH} params={params} todos={SUPERVISOR_TODOS} counts={result.data.counts} />
          <p className="text-sm text-slate-600" data-testid="stage-counts">
            {LIST_STAGES.filter((stage) => result.data.counts.byStage[stage])
              .map((stage) => `${LIST_STAGE_LABELS[stage]} ${result.data.counts.byStage[stage]}`)
              .join(" · ") || "没有名单"}
          </p>
          <QueryPager path={PATH} params={params} window={result.data.window} />
          <ListsTable rows={result.data.rows} hrefOf={(rosterId) => `${PATH}/${rosterId}`} showSchool />
        </section>
      )}
    </>
  );
}
