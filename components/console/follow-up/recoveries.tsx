/**
 * The recoveries of revoked aid (app/(console)/console/rosters/recoveries and the supervisor's): a filter (open /
 * closed / all), per record the student, school, term, why revoked, amount due, recovered, still due, its
 * recoveries with dates, and (the school's aid officer) the form to record one.
 */
import Link from "next/link";
import { inputCls } from "@/components/ui/form-styles";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { remainingFen } from "@/lib/domain/aid-recovery";
import { REVOKE_REASON_LABELS, type RevokeReasonCode } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDate } from "@/lib/domain/time";
import type { FormState } from "@/lib/forms/state";
import type { loadRecoveries } from "@/lib/services/aid-recovery";

type View = Extract<Awaited<ReturnType<typeof loadRecoveries>>, { ok: true }>["data"];
type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

const FILTERS = [
  { value: "open", label: "追回中" },
  { value: "closed", label: "已追回" },
  { value: "all", label: "全部" },
] as const;

const day = (d: Date) => d.toISOString().slice(0, 10);

export function RecoveryList({
  view,
  path,
  showSchool,
  recordAction,
}: {
  view: View;
  path: string;
  showSchool: boolean;
  recordAction?: (recoveryId: string) => FormAction;
}) {
  const { rows, state } = view;
  const due = rows.reduce((sum, row) => sum + remainingFen(row), 0);
  return (
    <>
      <nav aria-label="追回状态" className="flex flex-wrap gap-2 text-sm">
        {FILTERS.map((filter) => (
          <Link
            key={filter.value}
            href={`${path}?state=${filter.value}`}
            aria-current={filter.value === state ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${filter.value === state ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`}
          >
            {filter.label}
          </Link>
        ))}
      </nav>
      <p className="text-sm" data-testid="recovery-summary">
        共 {rows.length} 笔，尚未追回 {fenToYuan(due)} 元。
      </p>
      <DataTable
        columns={[
          "学生",
          ...(showSchool ? ["学校"] : []),
          "学期",
          "取消资格原因",
          "应追回（元）",
          "已追回（元）",
          "尚未追回（元）",
          "追回记录",
          ...(recordAction ? ["登记追回"] : []),
        ]}
      >
        {rows.length === 0 ? (
          <tr>
            <td colSpan={9} className="px-3 py-6 text-center text-slate-500">
              没有追回记录。
            </td>
          </tr>
        ) : (
          rows.map((row) => {
            const determination = row.application.determination;
            const remaining = remainingFen(row);
            return (
              <Tr key={row.id} className="align-top" data-testid="recovery-row">
                <Td>
                  {row.student.person.name}
                  <div className="text-xs text-slate-500">
                    {row.student.sortGradeName}
                    {row.student.sortClassName}
                  </div>
                </Td>
                {showSchool ? <Td>{row.school.name}</Td> : null}
                <Td>{row.term.name}</Td>
                <Td className="max-w-64 text-xs">
                  {determination?.revokeReason
                    ? REVOKE_REASON_LABELS[determination.revokeReason as RevokeReasonCode]
                    : "—"}
                  <div className="text-slate-500">取消日期 {formatBeijingDate(row.openedAt)}</div>
                </Td>
                <Td>{fenToYuan(row.dueFen)}</Td>
                <Td>{fenToYuan(row.recoveredFen)}</Td>
                <Td>
                  {row.closedAt ? (
                    <span className="text-emerald-800">已全部追回（{formatBeijingDate(row.closedAt)}）</span>
                  ) : (
                    fenToYuan(remaining)
                  )}
                </Td>
                <Td className="text-xs">
                  {row.entries.length === 0 ? (
                    "—"
                  ) : (
                    <ul>
                      {row.entries.map((entry) => (
                        <li key={entry.id}>
                          {day(entry.recoveredOn)} {fenToYuan(entry.amountFen)}元
                          {entry.note ? `（${entry.note}）` : ""}
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
                {recordAction ? (
                  <Td>
                    {row.closedAt ? null : (
                      <RecordForm
                        id={row.id}
                        name={row.student.person.name}
                        action={recordAction(row.id)}
                        version={`${row.recoveredFen}`}
                      />
                    )}
                  </Td>
                ) : null}
              </Tr>
            );
          })
        )}
      </DataTable>
    </>
  );
}

function RecordForm({
  id,
  name,
  action,
  version,
}: {
  id: string;
  name: string;
  action: FormAction;
  version: string;
}) {
  const field = (f: string) => `r-${id}-${f}`;
  return (
    <ServerForm
      action={action}
      dataVersion={version}
      submitLabel={
        <>
          登记<span className="sr-only">{name}的追回</span>
        </>
      }
      className="grid min-w-48 gap-1 text-xs"
    >
      <label htmlFor={field("recoveredOn")}>追回日期</label>
      <input
        id={field("recoveredOn")}
        name="recoveredOn"
        type="date"
        required
        defaultValue={formatBeijingDate(new Date())}
        className={inputCls}
      />
      <label htmlFor={field("amount")}>追回金额（元）</label>
      <input
        id={field("amount")}
        name="amount"
        inputMode="decimal"
        required
        maxLength={20}
        className={inputCls}
      />
      <label htmlFor={field("note")}>备注</label>
      <input id={field("note")} name="note" maxLength={500} className={inputCls} />
    </ServerForm>
  );
}
