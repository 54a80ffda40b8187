import { DetailHeader } from "@/components/determination/detail-header";
import { ServerForm } from "@/components/ui/server-form";
import { RosterPaymentControls } from "@/components/determination/aid-roster-payment";
import { inputCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { HARDSHIP_LEVEL_LABELS } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { loadRoster } from "@/lib/services/aid-roster";
import {
  addEntryAction,
  approveAction,
  correctPaymentAction,
  payAction,
  removeEntryAction,
  reversePaymentAction,
  rosterPublicityAction,
  startRosterExportAction,
  unlockAction,
} from "../actions";
import { ExportTasks } from "@/components/exports/export-tasks";
import { ActionButton } from "@/components/ui/action-button";
import { exportTasks } from "@/lib/services/export-task";
import { HeadRow, Td, Tr } from "@/components/ui/table";
import { Card } from "@/components/ui/card";

export const metadata = { title: "资助名单" };

export default async function RosterPage({ params }: { params: Promise<{ rosterId: string }> }) {
  const { user } = await requirePageAccess("rosters.view");
  const { rosterId } = await params;
  const r = await loadRoster(user, rosterId);
  if (!r.ok) return <ErrorPanel code="404" title="未找到" message={r.message} />;
  const { roster, totals, payments } = r.data;
  const manage = isAllowed(user.role, "rosters.manage");
  const approved = roster.state === "APPROVED";
  const canExport = manage && approved && isAllowed(user.role, "exports.national");
  const exportHistory = canExport ? await exportTasks(user, { kind: "ROSTER", rosterId: roster.id }) : [];
  // Any change another form makes (add, remove, pay, approve, unlock) clears the other forms' old messages.
  const dataVersion = [
    roster.state,
    roster.approvedAt?.getTime(),
    totals.count,
    totals.totalFen,
    payments.length,
  ].join(":");
  return (
    <>
      <DetailHeader
        backHref="/console/rosters"
        backLabel="返回资助项目"
        title={`${roster.programme.name} · ${roster.term.name}`}
      >
        <p className="text-sm" data-testid="roster-state">
          {approved
            ? `已审核通过（锁定）${roster.approvedAt ? `，${formatBeijingDateTime(roster.approvedAt)}` : ""}`
            : "草稿"}
          {roster.unlockReason ? ` · 上次解锁原因：${roster.unlockReason}` : ""}
        </p>
        <p className="text-sm">
          合计 {totals.count} 人，{fenToYuan(totals.totalFen)} 元
        </p>
        {totals.warnings.map((w) => (
          <p key={w} role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-800">
            {w}
          </p>
        ))}
      </DetailHeader>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <HeadRow
            weight="medium"
            columns={["姓名", "班级", "身份证件号", "等级", "金额（元）", "备注", "发放 / 签收", ""]}
          />
          <tbody>
            {roster.entries.map((e) => (
              <Tr key={e.id} data-testid="roster-entry">
                <Td>{e.student.person.name}</Td>
                <Td>
                  {e.student.grade.name}
                  {e.student.class.name}
                </Td>
                <Td>{e.student.person.idNumberMasked}</Td>
                <Td>{e.level ? HARDSHIP_LEVEL_LABELS[e.level] : "—"}</Td>
                <Td>{fenToYuan(e.amountFen)}</Td>
                <Td>
                  {e.note ?? ""}
                  {e.exceptionReason ? (
                    <span className="block text-xs text-amber-800">例外补录：{e.exceptionReason}</span>
                  ) : null}
                </Td>
                <Td>
                  {e.paidAt
                    ? `${formatBeijingDate(e.paidAt)} 发放${fenToYuan(e.paidAmountFen ?? 0)}元`
                    : "未发放"}
                  {e.receiptConfirmedAt
                    ? ` · ${formatBeijingDate(e.receiptConfirmedAt)} 已签收`
                    : e.paidAt
                      ? " · 未签收"
                      : ""}
                </Td>
                <Td>
                  {manage && !approved && !e.paidAt ? (
                    <ServerForm
                      dataVersion={dataVersion}
                      action={removeEntryAction.bind(null, e.id)}
                      submitLabel="移出"
                      variant="secondary"
                    />
                  ) : null}
                  {manage && !approved && e.paidAt ? (
                    <p className="text-xs text-slate-600">已发放，不能移出（如有误请先冲销）</p>
                  ) : null}
                  {manage ? (
                    <RosterPaymentControls
                      entryId={e.id}
                      studentName={e.student.person.name}
                      standardFen={e.amountFen}
                      paid={!!e.paidAt}
                      approved={approved}
                      history={payments.filter((p) => p.studentId === e.student.id)}
                      payAction={payAction}
                      correctAction={correctPaymentAction}
                      reverseAction={reversePaymentAction}
                    />
                  ) : null}
                </Td>
              </Tr>
            ))}
          </tbody>
        </table>
      </div>
      {manage ? (
        <Card tone="bordered" className="space-y-3">
          {approved ? (
            <>
              <ServerForm
                dataVersion={dataVersion}
                action={rosterPublicityAction.bind(null, roster.id)}
                submitLabel="公示受助名单（不少于5个工作日）"
                variant="secondary"
                className="flex flex-wrap items-end gap-2"
              >
                <div>
                  <label className="block text-sm" htmlFor="f-rp-start">
                    公示开始日期
                  </label>
                  <input
                    id="f-rp-start"
                    type="date"
                    name="startDate"
                    defaultValue={formatBeijingDate(new Date())}
                    className={inputCls}
                  />
                </div>
              </ServerForm>
              {canExport ? (
                <section className="space-y-2" aria-labelledby="roster-export-title">
                  <h2 id="roster-export-title" className="font-semibold">
                    导出资助名册（.xlsx，后台逐行校验后下载）
                  </h2>
                  <div className="max-w-xs">
                    <ActionButton
                      action={startRosterExportAction.bind(null, roster.id)}
                      label="开始导出资助名册"
                      variant="secondary"
                    />
                  </div>
                  <ExportTasks tasks={exportHistory} />
                </section>
              ) : null}
              <ServerForm
                dataVersion={dataVersion}
                action={unlockAction}
                submitLabel="解锁名单"
                variant="danger"
              >
                <input type="hidden" name="rosterId" value={roster.id} />
                <label className="block text-sm">
                  解锁原因（记入日志）
                  <input name="reason" className={inputCls} maxLength={300} />
                </label>
              </ServerForm>
            </>
          ) : (
            <>
              <ServerForm
                dataVersion={dataVersion}
                action={addEntryAction}
                submitLabel="补录学生"
                variant="secondary"
                className="flex flex-wrap items-end gap-2"
              >
                <input type="hidden" name="rosterId" value={roster.id} />
                <div>
                  <label className="block text-sm" htmlFor="f-add-no">
                    学籍号
                  </label>
                  <input id="f-add-no" name="studentNo" className={inputCls} maxLength={30} />
                </div>
                <div>
                  <label className="block text-sm" htmlFor="f-add-amount">
                    金额（元）
                  </label>
                  <input id="f-add-amount" name="amount" className={`${inputCls} w-28`} />
                </div>
                <div>
                  <label className="block text-sm" htmlFor="f-add-note">
                    补录原因
                  </label>
                  <input id="f-add-note" name="note" className={inputCls} maxLength={100} />
                </div>
                <label className="flex items-center gap-1 text-sm">
                  <input type="checkbox" name="exception" value="yes" />
                  按例外情况补录（该生不符合本项目的认定等级要求，原因记入日志）
                </label>
              </ServerForm>
              <ServerForm
                dataVersion={dataVersion}
                action={approveAction.bind(null, roster.id)}
                submitLabel="审核通过并锁定名单"
              />
            </>
          )}
        </Card>
      ) : null}
    </>
  );
}
