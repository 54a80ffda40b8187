import { PAYMENT_KIND_LABELS } from "@/lib/domain/codes";
import type { FormState } from "@/lib/forms/state";
import { ServerForm } from "@/components/ui/server-form";
import { inputCls } from "@/components/determination/styles";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDate } from "@/lib/domain/time";

export type PaymentRecord = {
  id: string;
  kind: "PAYMENT" | "CORRECTION" | "REVERSAL";
  amountFen: number;
  previousAmountFen: number | null;
  reason: string | null;
  at: Date;
  recordedBy: { displayName: string } | null;
};

type FormAction = (state: FormState, f: FormData) => Promise<FormState>;

/** One line of an entry's payment history: what was recorded, by whom, and why. */
function historyLine(p: PaymentRecord): string {
  const who = p.recordedBy ? `（${p.recordedBy.displayName}）` : "";
  const why = p.reason ? `，原因：${p.reason}` : "";
  if (p.kind === "PAYMENT") return `${formatBeijingDate(p.at)} 发放 ${fenToYuan(p.amountFen)} 元${why}${who}`;
  if (p.kind === "CORRECTION")
    return `${formatBeijingDate(p.at)} 更正 ${fenToYuan(p.previousAmountFen ?? 0)} → ${fenToYuan(p.amountFen)} 元${why}${who}`;
  return `${formatBeijingDate(p.at)} 冲销 ${fenToYuan(p.previousAmountFen ?? 0)} 元${why}${who}`;
}

/**
 * The payment controls of one roster entry: record a payment (approved roster, unpaid entry; a reason
 * when above the standard), or correct / reverse a recorded one with a reason. The history stays visible.
 */
export function RosterPaymentControls({
  entryId,
  studentName,
  standardFen,
  paid,
  approved,
  history,
  payAction,
  correctAction,
  reverseAction,
}: {
  entryId: string;
  studentName: string;
  standardFen: number;
  paid: boolean;
  approved: boolean;
  history: PaymentRecord[];
  payAction: FormAction;
  correctAction: FormAction;
  reverseAction: FormAction;
}) {
  return (
    <div className="space-y-2">
      {history.length ? (
        <ul className="space-y-0.5 text-xs text-slate-600" aria-label={`${studentName}的发放记录`}>
          {history.map((p) => (
            <li key={p.id} data-testid="payment-history">
              {PAYMENT_KIND_LABELS[p.kind]}：{historyLine(p)}
            </li>
          ))}
        </ul>
      ) : null}
      {approved && !paid ? (
        <ServerForm action={payAction} submitLabel="登记发放" variant="secondary" className="space-y-1">
          <input type="hidden" name="entryId" value={entryId} />
          <label className="block text-xs">
            实发金额（元）
            <input
              name="amount"
              aria-label={`${studentName}实发金额（元）`}
              defaultValue={fenToYuan(standardFen)}
              className={`${inputCls} block w-28`}
            />
          </label>
          <label className="block text-xs">
            超标准发放原因（高于 {fenToYuan(standardFen)} 元时必填）
            <input
              name="reason"
              aria-label={`${studentName}超标准发放原因`}
              maxLength={200}
              className={`${inputCls} block w-48`}
            />
          </label>
        </ServerForm>
      ) : null}
      {paid ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">更正或冲销</summary>
          <div className="mt-2 space-y-3">
            <ServerForm
              action={correctAction}
              submitLabel="更正金额"
              variant="secondary"
              className="space-y-1"
            >
              <input type="hidden" name="entryId" value={entryId} />
              <label className="block text-xs">
                更正后的实发金额（元）
                <input
                  name="amount"
                  aria-label={`${studentName}更正后的实发金额（元）`}
                  className={`${inputCls} block w-28`}
                />
              </label>
              <ReasonInput label="更正原因（记入日志，原记录保留）" ariaLabel={`${studentName}更正原因`} />
            </ServerForm>
            <ServerForm
              action={reverseAction}
              submitLabel="冲销这笔发放"
              variant="danger"
              className="space-y-1"
              confirmText={`确定冲销${studentName}的这笔发放吗？原记录会保留。`}
            >
              <input type="hidden" name="entryId" value={entryId} />
              <ReasonInput label="冲销原因（记入日志）" ariaLabel={`${studentName}冲销原因`} />
            </ServerForm>
          </div>
        </details>
      ) : null}
    </div>
  );
}

/** The reason a correction or a reversal must carry (written to the audit log). */
function ReasonInput({ label, ariaLabel }: { label: string; ariaLabel: string }) {
  return (
    <label className="block text-xs">
      {label}
      <input name="reason" aria-label={ariaLabel} maxLength={200} className={`${inputCls} block w-48`} />
    </label>
  );
}
