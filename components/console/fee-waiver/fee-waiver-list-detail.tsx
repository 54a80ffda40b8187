/**
 * One 普高 免学杂费 list (app/(console)/console/rosters/fee-waiver/[listId] and the supervisor's): its states,
 * its students (移出 for the school's aid officer while editable), the review form of whoever may review it
 * now, and the append-only history (who, when, from, to, comment).
 */
import type { ReactNode } from "react";
import { inputCls } from "@/components/determination/styles";
import { Card } from "@/components/ui/card";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import {
  FEE_WAIVER_ACTION_LABELS,
  REVIEW_STATE_LABELS,
  type FeeWaiverActionKind,
  type FeeWaiverState,
} from "@/lib/domain/fee-waiver-list";
import { fenToYuan } from "@/lib/domain/household";
import type { FormState } from "@/lib/forms/state";
import { formatBeijingDateTime } from "@/lib/domain/time";
import type { loadFeeWaiverList } from "@/lib/services/fee-waiver-list";

type Detail = Extract<Awaited<ReturnType<typeof loadFeeWaiverList>>, { ok: true }>["data"];
type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

const stateText = (state: FeeWaiverState) =>
  `学校审核：${REVIEW_STATE_LABELS[state.schoolReview]}；主管部门审核：${REVIEW_STATE_LABELS[state.supervisorReview]}`;

export function FeeWaiverListDetail({
  detail,
  removeAction,
  reviewAction,
  reviewTitle,
  children,
}: {
  detail: Detail;
  /** 移出 one student (the school's aid officer, while the list is editable). */
  removeAction?: (entryId: string) => FormAction;
  /** 学校审核 or 主管部门审核, when the viewer may review the list now. */
  reviewAction?: FormAction;
  reviewTitle?: string;
  children?: ReactNode;
}) {
  const { list, entries, history } = detail;
  const total = entries.reduce((sum, entry) => sum + entry.amountFen, 0);
  const version = `${list.state.schoolReview}:${list.state.supervisorReview}:${entries.length}:${history.length}`;
  const refusal = [...history].reverse().find((row) => row.comment && /REVIEW$/.test(row.action));
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">
          建档立卡等免学杂费名单 · {list.schoolName} · {list.termName}
        </h1>
        <p className="text-sm" data-testid="list-state">
          {stateText(list.state)}
        </p>
        <p className="text-sm">
          合计 {entries.length} 人，免除 {fenToYuan(total)} 元
        </p>
        {(list.state.schoolReview === "REFUSED" || list.state.supervisorReview === "REFUSED") && refusal ? (
          <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-800">
            审核不通过，已退回学校修改：{refusal.comment}
          </p>
        ) : null}
      </header>
      {children}
      {reviewAction ? (
        <Card tone="bordered" className="space-y-2">
          <h2 className="font-semibold">{reviewTitle}</h2>
          <ServerForm dataVersion={version} action={reviewAction} submitLabel="提交审核意见">
            <fieldset className="space-y-1 text-sm">
              <legend className="font-medium">审核结果</legend>
              <label className="mr-4 inline-flex items-center gap-1">
                <input type="radio" name="pass" value="true" defaultChecked /> 通过
              </label>
              <label className="inline-flex items-center gap-1">
                <input type="radio" name="pass" value="false" /> 不通过（退回学校修改）
              </label>
            </fieldset>
            <label className="block text-sm" htmlFor="f-review-comment">
              审核意见（不通过时必填，不超过500字）
            </label>
            <textarea id="f-review-comment" name="comment" maxLength={500} rows={2} className={inputCls} />
          </ServerForm>
        </Card>
      ) : null}
      <section aria-label="名单学生" className="space-y-2">
        <h2 className="font-semibold">名单学生</h2>
        <DataTable columns={["姓名", "身份证号", "学籍号", "年级班级", "免除金额（元）", "备注", ""]}>
          {entries.length === 0 ? (
            <tr>
              <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                名单中还没有学生。
              </td>
            </tr>
          ) : (
            entries.map((entry) => (
              <Tr key={entry.id} data-testid="fee-waiver-entry">
                <Td>{entry.student.person.name}</Td>
                <Td className="font-mono text-xs">{entry.student.person.idNumberMasked}</Td>
                <Td className="font-mono text-xs">{entry.student.studentNo}</Td>
                <Td>
                  {entry.student.sortGradeName}
                  {entry.student.sortClassName}
                </Td>
                <Td>{fenToYuan(entry.amountFen)}</Td>
                <Td>{entry.note ?? ""}</Td>
                <Td>
                  {removeAction ? (
                    <ServerForm
                      dataVersion={version}
                      action={removeAction(entry.id)}
                      submitLabel={
                        <>
                          移出<span className="sr-only">{entry.student.person.name}</span>
                        </>
                      }
                      variant="secondary"
                      confirmText={`确定将 ${entry.student.person.name} 移出名单吗？`}
                    />
                  ) : null}
                </Td>
              </Tr>
            ))
          )}
        </DataTable>
      </section>
      <section aria-label="审核记录" className="space-y-2">
        <h2 className="font-semibold">操作与审核记录</h2>
        <DataTable columns={["时间", "操作人", "操作", "变更前", "变更后", "意见"]}>
          {history.map((row) => (
            <Tr key={row.id} data-testid="fee-waiver-history">
              <Td>{formatBeijingDateTime(row.at)}</Td>
              <Td>{row.actor?.displayName ?? "系统"}</Td>
              <Td>{FEE_WAIVER_ACTION_LABELS[row.action as FeeWaiverActionKind] ?? row.action}</Td>
              <Td className="text-xs">{stateText(row.fromState as FeeWaiverState)}</Td>
              <Td className="text-xs">{stateText(row.toState as FeeWaiverState)}</Td>
              <Td>{row.comment ?? ""}</Td>
            </Tr>
          ))}
        </DataTable>
      </section>
    </>
  );
}
