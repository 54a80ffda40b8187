/**
 * The 普高 免学杂费 lists of one 学年学期 (app/(console)/console/rosters/fee-waiver and …/supervisor/fee-waiver):
 * a GET filter (学年学期, 审核状态) and the table of lists with their review states, linking to each list.
 */
import Link from "next/link";
import { ChoiceField, labelled, QueryFilterForm } from "@/components/console/supervisor/region-query";
import { linkCls } from "@/components/determination/styles";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { REVIEW_STATE_LABELS } from "@/lib/domain/fee-waiver-list";
import { fenToYuan } from "@/lib/domain/household";
import { REVIEW_FILTER_LABELS, type loadFeeWaiverLists } from "@/lib/services/fee-waiver-list";

type Lists = Extract<Awaited<ReturnType<typeof loadFeeWaiverLists>>, { ok: true }>["data"];

export function FeeWaiverListFilter({ data, path }: { data: Lists; path: string }) {
  return (
    <QueryFilterForm label="筛选免学杂费名单" clearHref={path} columnsClassName="md:grid-cols-3 md:items-end">
      <ChoiceField
        id="term"
        label="学年学期"
        value={data.term.id}
        options={data.terms.map((term) => ({ value: term.id, label: term.name }))}
      />
      <ChoiceField
        id="review"
        label="审核状态"
        value={data.review ?? undefined}
        options={labelled(REVIEW_FILTER_LABELS)}
        allLabel="全部"
      />
    </QueryFilterForm>
  );
}

export function FeeWaiverListTable({ data, path }: { data: Lists; path: string }) {
  return (
    <DataTable columns={["学校", "学年学期", "人数", "免除金额（元）", "学校审核", "主管部门审核", ""]}>
      {data.lists.length === 0 ? (
        <tr>
          <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
            该学年学期没有符合条件的名单。
          </td>
        </tr>
      ) : (
        data.lists.map((list) => (
          <Tr key={list.id} data-testid="fee-waiver-list">
            <Td>
              {list.schoolName}
              <div className="text-xs text-slate-500">{list.schoolCode}</div>
            </Td>
            <Td>{list.termName}</Td>
            <Td>{list.entries}</Td>
            <Td>{fenToYuan(list.totalFen)}</Td>
            <Td data-testid="school-review">{REVIEW_STATE_LABELS[list.state.schoolReview]}</Td>
            <Td data-testid="supervisor-review">{REVIEW_STATE_LABELS[list.state.supervisorReview]}</Td>
            <Td>
              <Link className={linkCls} href={`${path}/${list.id}`}>
                查看名单<span className="sr-only">：{list.schoolName}</span>
              </Link>
            </Td>
          </Tr>
        ))
      )}
    </DataTable>
  );
}
