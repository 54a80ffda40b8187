/**
 * 资金发放查看 of the 普高 免学杂费 lists (school: app/(console)/console/rosters/fee-waiver/payments; supervisor:
 * …/supervisor/fee-waiver/payments): 学年学期 and the five 是/否 filters in a GET form, the count and total, the
 * page of students with the five flags as columns, and the .xlsx export of every filtered row.
 */
import {
  ChoiceField,
  QueryFilterForm,
  QueryPager,
  withParams,
} from "@/components/console/supervisor/region-query";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { FEE_WAIVER_FLAG_LABELS, FEE_WAIVER_FLAGS, yesNo } from "@/lib/domain/fee-waiver-list";
import { fenToYuan } from "@/lib/domain/household";
import type { viewFeeWaiverPayments } from "@/lib/services/fee-waiver-payments";

type View = Extract<Awaited<ReturnType<typeof viewFeeWaiverPayments>>, { ok: true }>["data"];

export const FEE_WAIVER_EXPORT_PATH = "/console/rosters/fee-waiver/payments/export";
const YES_NO = [
  { value: "yes", label: "是" },
  { value: "no", label: "否" },
];

export function FeeWaiverPayments({
  view,
  path,
  params,
}: {
  view: View;
  path: string;
  params: Record<string, string>;
}) {
  const { page: _page, ...filter } = params;
  void _page;
  return (
    <>
      <QueryFilterForm
        label="筛选资金发放名单"
        clearHref={path}
        columnsClassName="md:grid-cols-3 lg:grid-cols-6 lg:items-end"
      >
        <ChoiceField
          id="term"
          label="学年学期"
          value={view.term.id}
          options={view.terms.map((term) => ({ value: term.id, label: term.name }))}
        />
        {FEE_WAIVER_FLAGS.map((flag) => (
          <ChoiceField
            key={flag}
            id={flag}
            label={FEE_WAIVER_FLAG_LABELS[flag]}
            value={params[flag]}
            options={YES_NO}
            allLabel="全部"
          />
        ))}
      </QueryFilterForm>
      <section aria-label="名单信息" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <QueryPager path={path} params={params} window={view.window} />
          <p className="text-sm" data-testid="payments-total">
            免除金额合计 {fenToYuan(view.totalFen)} 元
          </p>
          <a
            href={withParams(FEE_WAIVER_EXPORT_PATH, { ...filter, term: view.term.id })}
            className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
            data-testid="payments-export"
          >
            导出筛选结果（.xlsx，身份证号脱敏）
          </a>
        </div>
        <DataTable
          columns={[
            "学校",
            "姓名",
            "身份证号",
            "年级班级",
            "免除金额（元）",
            ...FEE_WAIVER_FLAGS.map((flag) => FEE_WAIVER_FLAG_LABELS[flag]),
          ]}
        >
          {view.rows.length === 0 ? (
            <tr>
              <td colSpan={10} className="px-3 py-6 text-center text-slate-500">
                没有符合条件的学生（只列出主管部门审核通过的名单）。
              </td>
            </tr>
          ) : (
            view.rows.map((row) => (
              <Tr key={row.entryId} data-testid="payment-row">
                <Td>{row.schoolName}</Td>
                <Td>{row.name}</Td>
                <Td className="font-mono text-xs">{row.idMasked}</Td>
                <Td>
                  {row.gradeName}
                  {row.sortClassName}
                </Td>
                <Td>{fenToYuan(row.amountFen)}</Td>
                {FEE_WAIVER_FLAGS.map((flag) => (
                  <Td key={flag}>{yesNo(row[flag])}</Td>
                ))}
              </Tr>
            ))
          )}
        </DataTable>
      </section>
    </>
  );
}
