import {
  ChoiceField,
  labelled,
  QueryFilterForm,
  QueryPager,
  queryParams,
} from "@/components/console/supervisor/region-query";
import { ListsTable, TodoLinks } from "@/components/console/vocational/list-parts";
import { Card } from "@/components/ui/card";
import { FormMessage, TextField } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import { inputCls } from "@/components/determination/styles";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { beijingMonth } from "@/lib/domain/vocational-overdue";
import { LIST_PROGRAMME_LABELS, SCHOOL_TODOS } from "@/lib/domain/vocational-list-view";
import { viewSchoolLists } from "@/lib/services/vocational-list-pages";
import { buildListAction } from "./actions";

export const metadata = { title: "中职月度资助名单" };
const PATH = "/console/rosters/vocational";

/**
 * The school's 中职 monthly lists (国家助学金 and 免学费, one list per month each) with every state in Chinese,
 * filters by month, programme and to-do (the console home links here with month and todo), and 生成本月名单.
 */
export default async function VocationalListsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("vocational_list.view");
  const params = queryParams(await searchParams);
  const result = await viewSchoolLists(user, params);
  const errors = result.ok ? {} : (result.fieldErrors ?? {});
  const canBuild = isAllowed(user.role, "vocational_list.edit");
  const thisMonth = Number(beijingMonth(new Date()).slice(5, 7));
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">中职月度资助名单</h1>
        <p className="text-sm text-slate-600">
          国家助学金和免学费每月各一份名单：资助名单录入 → 学校审核 → 主管部门审核 → 资助名单公示 →
          主管部门名单公示确认 → 公示期结束后资金发放。5月和12月的名单公示必须上传公示附件。
        </p>
      </header>
      {result.ok && canBuild ? (
        <Card tone="bordered" className="space-y-2" aria-labelledby="build-title">
          <h2 id="build-title" className="font-semibold">
            生成本月名单{result.data.termName ? `（${result.data.termName}）` : ""}
          </h2>
          {result.data.programmes.length === 0 ? (
            <p className="text-sm text-slate-600">本学期没有本校可用的中职国家助学金或免学费项目。</p>
          ) : (
            <ServerForm
              action={buildListAction}
              submitLabel="生成本月名单"
              className="flex flex-wrap items-end gap-3"
            >
              <div>
                <label htmlFor="build-programme" className="block text-sm">
                  资助项目
                </label>
                <select id="build-programme" name="programmeId" className={inputCls}>
                  {result.data.programmes.map((programme) => (
                    <option key={programme.id} value={programme.id}>
                      {programme.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="build-month" className="block text-sm">
                  月份
                </label>
                <select id="build-month" name="month" defaultValue={String(thisMonth)} className={inputCls}>
                  {Array.from({ length: 12 }, (_, index) => index + 1).map((month) => (
                    <option key={month} value={month}>
                      {month}月
                    </option>
                  ))}
                </select>
              </div>
              <p className="w-full text-xs text-slate-600">
                按本学期认定结果和项目资格生成；逾期（超过学制年限）的学生不列入，已在名单中的标记为逾期。
                已有名单时只补充新符合条件的学生。
              </p>
            </ServerForm>
          )}
        </Card>
      ) : null}
      <QueryFilterForm label="筛选名单" clearHref={PATH} columnsClassName="md:grid-cols-4 md:items-end">
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
          id="todo"
          label="待办"
          value={params.todo}
          options={SCHOOL_TODOS.map((todo) => ({
            value: todo,
            label: todo === "awaiting_publicity" ? "待公示" : "缺少公示附件（5月、12月）",
          }))}
          allLabel="全部名单"
          error={errors.todo}
        />
      </QueryFilterForm>
      {!result.ok ? (
        <FormMessage kind="error">{result.message}</FormMessage>
      ) : (
        <section aria-label="名单列表" className="space-y-2">
          <TodoLinks path={PATH} params={params} todos={SCHOOL_TODOS} counts={result.data.counts} />
          <QueryPager path={PATH} params={params} window={result.data.window} />
          <ListsTable
            rows={result.data.rows}
            hrefOf={(rosterId) => `${PATH}/${rosterId}`}
            showSchool={false}
          />
        </section>
      )}
    </>
  );
}
