/**
 * The pieces the school's and the supervisor's 中职 monthly list pages share
 * (app/(console)/console/rosters/vocational/*, app/(console)/console/supervisor/vocational/*): the table of lists,
 * a list's states, entries, attachments, payment records and its history.
 */
import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { withParams } from "@/components/console/supervisor/region-query";
import { HARDSHIP_LEVEL_LABELS } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDateTime } from "@/lib/domain/time";
import {
  LIST_PROGRAMME_LABELS,
  LIST_STAGE_LABELS,
  listStage,
  monthLabel,
  stateChanges,
  stateLabels,
  TODO_LABELS,
  type ListTodo,
} from "@/lib/domain/vocational-list-view";
import {
  CONFIRMATION_STATE_LABELS,
  LIST_ACTION_LABELS,
  PAYMENT_STATE_LABELS,
  PUBLICITY_STATE_LABELS,
  REVIEW_STATE_LABELS,
  WITHDRAWAL_STATE_LABELS,
  type ListActionKind,
  type MonthlyListState,
} from "@/lib/domain/vocational-roster";
import type { ListCounts, ListSummary } from "@/lib/db/vocational-list-query.repo";
import type { ListPage } from "@/lib/services/vocational-list-pages";

const yuan = (fen: number) => `${fenToYuan(fen)} 元`;

/** The to-do counts as links to the filtered list (the console home links to the same addresses). */
export function TodoLinks({
  path,
  params,
  todos,
  counts,
}: {
  path: string;
  params: Record<string, string>;
  todos: readonly ListTodo[];
  counts: ListCounts;
}) {
  const { page: _page, todo: _todo, stage: _stage, ...base } = params;
  void _page;
  void _todo;
  void _stage;
  return (
    <nav aria-label="待办事项" className="flex flex-wrap gap-2 text-sm">
      {todos.map((todo) => (
        <Link
          key={todo}
          href={withParams(path, base, { todo })}
          aria-current={params.todo === todo ? "true" : undefined}
          className={`rounded-md px-3 py-1.5 ring-1 ${params.todo === todo ? "bg-brand-50 ring-brand-600" : "bg-white ring-slate-300"}`}
          data-testid={`todo-${todo}`}
        >
          {TODO_LABELS[todo]}：{counts.byTodo[todo]}
        </Link>
      ))}
    </nav>
  );
}

/** The lists of a page, each with every state in Chinese and a link to it. */
export function ListsTable({
  rows,
  hrefOf,
  showSchool,
}: {
  rows: ListSummary[];
  hrefOf: (rosterId: string) => string;
  showSchool: boolean;
}) {
  const columns = [
    "月份",
    ...(showSchool ? ["学校"] : []),
    "资助项目",
    "人数",
    "金额",
    "已发放",
    "附件",
    "学校审核",
    "主管部门审核",
    "学校公示状态",
    "名单公示确认",
    "公示退回",
    "资金发放",
    "当前环节",
  ];
  return (
    <DataTable columns={columns}>
      {rows.length === 0 ? (
        <tr>
          <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-500">
            没有符合条件的名单。
          </td>
        </tr>
      ) : (
        rows.map((row) => (
          <Tr key={row.rosterId} data-testid="vocational-list-row">
            <Td className="whitespace-nowrap">
              <Link href={hrefOf(row.rosterId)} className="text-brand-600 underline">
                {row.year}年{row.month}月
                <span className="sr-only">
                  {showSchool ? row.schoolName : ""}
                  {LIST_PROGRAMME_LABELS[row.programmeKind]}名单
                </span>
              </Link>
            </Td>
            {showSchool ? (
              <Td>
                {row.schoolName}
                <span className="block font-mono text-xs text-slate-500">{row.schoolCode}</span>
              </Td>
            ) : null}
            <Td>{LIST_PROGRAMME_LABELS[row.programmeKind]}</Td>
            <Td>
              {row.entries}
              {row.overdue > 0 ? (
                <span className="block text-xs text-amber-800">逾期 {row.overdue}</span>
              ) : null}
            </Td>
            <Td className="whitespace-nowrap">{yuan(row.standardFen)}</Td>
            <Td className="whitespace-nowrap">{yuan(row.paidFen)}</Td>
            <Td>{row.attachments}</Td>
            <Td>{REVIEW_STATE_LABELS[row.state.schoolReview]}</Td>
            <Td>{REVIEW_STATE_LABELS[row.state.supervisorReview]}</Td>
            <Td>{PUBLICITY_STATE_LABELS[row.state.publicity]}</Td>
            <Td>{CONFIRMATION_STATE_LABELS[row.state.confirmation]}</Td>
            <Td>{WITHDRAWAL_STATE_LABELS[row.state.withdrawal]}</Td>
            <Td>{PAYMENT_STATE_LABELS[row.state.payment]}</Td>
            <Td className="whitespace-nowrap">{LIST_STAGE_LABELS[listStage(row.state)]}</Td>
          </Tr>
        ))
      )}
    </DataTable>
  );
}

/** A list's states and publicity dates. */
export function ListStates({ state }: { state: MonthlyListState }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm md:grid-cols-4" data-testid="list-states">
      <div>
        <dt className="text-slate-600">当前环节</dt>
        <dd className="font-medium" data-testid="list-stage">
          {LIST_STAGE_LABELS[listStage(state)]}
        </dd>
      </div>
      {stateLabels(state).map((item) => (
        <div key={item.label}>
          <dt className="text-slate-600">{item.label}</dt>
          <dd data-testid={`state-${item.label}`}>{item.value}</dd>
        </div>
      ))}
      <div>
        <dt className="text-slate-600">公示期</dt>
        <dd>{state.publicityStart ? `${state.publicityStart} 至 ${state.publicityEnd}` : "—"}</dd>
      </div>
    </dl>
  );
}

type Detail = ListPage["detail"];

/** The entries: student, level, standard / actual / paid amounts, overdue flag; `actions` adds a cell per row. */
export function EntriesTable({
  detail,
  actions,
}: {
  detail: Detail;
  actions?: (entry: Detail["entries"][number]) => React.ReactNode;
}) {
  const totals = detail.entries.reduce(
    (sum, entry) => ({
      standard: sum.standard + entry.amountFen,
      actual: sum.actual + (entry.actualAmountFen ?? entry.amountFen),
      paid: sum.paid + (entry.paidAmountFen ?? 0),
    }),
    { standard: 0, actual: 0, paid: 0 },
  );
  const columns = [
    "姓名",
    "学籍号",
    "班级",
    "身份证件号",
    "认定等级",
    "标准金额（元）",
    "实际金额（元）",
    "已发放（元）",
    "备注",
    ...(actions ? ["操作"] : []),
  ];
  return (
    <TitledSection id="entries-title" title={`名单学生（${detail.entries.length}人）`}>
      <p className="text-sm" data-testid="list-totals">
        合计：标准金额 {yuan(totals.standard)}，实际金额 {yuan(totals.actual)}，已发放{" "}
        <span data-testid="paid-total">{yuan(totals.paid)}</span>
      </p>
      <DataTable columns={columns}>
        {detail.entries.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-500">
              名单中还没有学生。
            </td>
          </tr>
        ) : (
          detail.entries.map((entry) => (
            <Tr key={entry.id} data-testid="list-entry">
              <Td>
                {entry.student.person.name}
                {entry.overdue ? (
                  <span
                    className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900"
                    data-testid="overdue"
                  >
                    逾期
                  </span>
                ) : null}
              </Td>
              <Td className="font-mono text-xs">{entry.student.studentNo}</Td>
              <Td>
                {entry.student.grade.name}
                {entry.student.class.name}
              </Td>
              <Td className="font-mono text-xs">{entry.student.person.idNumberMasked}</Td>
              <Td>{entry.level ? HARDSHIP_LEVEL_LABELS[entry.level] : "—"}</Td>
              <Td>{fenToYuan(entry.amountFen)}</Td>
              <Td>{fenToYuan(entry.actualAmountFen ?? entry.amountFen)}</Td>
              <Td data-testid="entry-paid">{fenToYuan(entry.paidAmountFen ?? 0)}</Td>
              <Td className="text-xs">
                {entry.note ?? ""}
                {entry.overdue ? <span className="block text-amber-800">已超过学制年限，不发放</span> : null}
              </Td>
              {actions ? <Td>{actions(entry)}</Td> : null}
            </Tr>
          ))
        )}
      </DataTable>
    </TitledSection>
  );
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The publicity attachments, each a link to view or download it (audited). */
export function AttachmentsList({ detail }: { detail: Detail }) {
  const attachments = detail.vocationalList?.attachments ?? [];
  if (attachments.length === 0) return <p className="text-sm text-slate-600">尚未上传公示附件。</p>;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="attachments">
      {attachments.map(({ evidenceFile, createdAt }) => (
        <li key={evidenceFile.id}>
          <a
            href={`/console/rosters/vocational/${detail.id}/attachments/${evidenceFile.id}`}
            className="text-brand-600 underline"
          >
            {evidenceFile.originalName}
          </a>{" "}
          <span className="text-slate-600">
            （{evidenceFile.mimeType === "application/pdf" ? "PDF" : "图片"}，
            {sizeText(evidenceFile.sizeBytes)}，{formatBeijingDateTime(createdAt)}{" "}
            上传；查看和下载记入审计日志）
          </span>
        </li>
      ))}
    </ul>
  );
}

const PAYMENT_KIND_LABELS: Record<string, string> = { PAYMENT: "发放", CORRECTION: "更正", REVERSAL: "冲销" };

/** The payment records of the list (paid, reversed), kept after a granted withdrawal. */
export function PaymentRecords({ detail }: { detail: Detail }) {
  if (detail.payments.length === 0) return null;
  const names = new Map(detail.entries.map((entry) => [entry.student.id, entry.student.person.name]));
  return (
    <TitledSection id="payments-title" title="资金发放记录">
      <DataTable columns={["时间", "学生", "类型", "金额（元）", "原金额（元）", "原因"]}>
        {detail.payments.map((payment) => (
          <Tr key={payment.id} data-testid="payment-record">
            <Td className="whitespace-nowrap">{formatBeijingDateTime(payment.at)}</Td>
            <Td>{names.get(payment.studentId) ?? "（已移出名单）"}</Td>
            <Td>{PAYMENT_KIND_LABELS[payment.kind] ?? payment.kind}</Td>
            <Td>{fenToYuan(payment.amountFen)}</Td>
            <Td>{payment.previousAmountFen === null ? "" : fenToYuan(payment.previousAmountFen)}</Td>
            <Td>{payment.reason ?? ""}</Td>
          </Tr>
        ))}
      </DataTable>
    </TitledSection>
  );
}

const HISTORY_ACTION_LABELS: Record<string, string> = {
  BUILD: "生成名单",
  ...(LIST_ACTION_LABELS as Record<ListActionKind, string>),
};

/** The append-only history: actor, time, action, from → to, comment. */
export function HistoryTable({ detail }: { detail: Detail }) {
  return (
    <TitledSection id="history-title" title="操作记录">
      <DataTable columns={["时间", "操作人", "操作", "状态变化", "意见"]}>
        {detail.vocationalHistory.map((row) => {
          const changes = stateChanges(
            row.fromState as unknown as MonthlyListState,
            row.toState as unknown as MonthlyListState,
          );
          return (
            <Tr key={row.id} data-testid="history-row">
              <Td className="whitespace-nowrap">{formatBeijingDateTime(row.at)}</Td>
              <Td>{row.actor?.displayName ?? "系统"}</Td>
              <Td>{HISTORY_ACTION_LABELS[row.action] ?? row.action}</Td>
              <Td className="text-xs">
                {changes.length === 0
                  ? "状态未变"
                  : changes.map((line) => (
                      <span key={line} className="block">
                        {line}
                      </span>
                    ))}
              </Td>
              <Td className="text-xs">{row.comment ?? ""}</Td>
            </Tr>
          );
        })}
      </DataTable>
    </TitledSection>
  );
}

/** "2026年9月 · 中职国家助学金 · 学校名" of a list's page. */
export function listTitle(detail: Detail): string {
  return `${monthLabel(detail.term.academicYear, detail.month ?? 0)} · ${detail.programme.name}`;
}
