import Link from "next/link";
import { ServerForm } from "@/components/ui/server-form";
import { inputCls } from "@/components/determination/styles";
import { requirePageAccess } from "@/lib/auth/access";
import { APPLICATION_STATE_LABELS, HARDSHIP_LEVEL_LABELS } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDate } from "@/lib/domain/time";
import { ADJUSTMENT_EVENT_LABELS, ADJUSTMENT_STATE_LABELS } from "@/lib/domain/adjustments";
import { ownResult } from "@/lib/services/publicity";
import { receiptAction, reviewRequestAction } from "./actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "认定结果与资助" };
const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function ResultPage({ params }: { params: Promise<{ personId: string }> }) {
  const { user } = await requirePageAccess("result.view");
  const { personId } = await params;
  const r = await ownResult(user, personId);
  if (!r.ok) return <p className="rounded-xl bg-white p-4 text-sm text-slate-600">{r.message}</p>;
  const { app, adjustments, batches, requests } = r.data;
  const d = app.determination;
  const open = batches.find((b) => b.phase === "open");
  return (
    <>
      <Card tone="portal" className="space-y-2">
        <h1 className="text-lg font-semibold">{app.person.name} · 认定结果</h1>
        <p className="text-sm">申请状态：{APPLICATION_STATE_LABELS[app.state]}</p>
        {d?.finalLevel && !d.revokedAt ? (
          <p className="text-base" data-testid="own-level">
            认定等级：<strong>{HARDSHIP_LEVEL_LABELS[d.finalLevel]}</strong>
            {d.determinedAt ? `（${formatBeijingDate(d.determinedAt)}）` : ""}
          </p>
        ) : null}
        {d?.revokedAt ? (
          <p className="text-sm text-red-700">认定资格已取消。如有疑问请联系学校资助办公室。</p>
        ) : null}
        {!d?.finalLevel ? <p className="text-sm text-slate-600">学校尚未确定认定结果。</p> : null}
      </Card>
      {adjustments.map((adjustment) => (
        <Card
          key={adjustment.applicationId}
          tone="portal"
          className="space-y-1"
          data-testid="own-adjustment"
          aria-label="动态调整"
        >
          <h2 className="font-semibold">动态调整（{ADJUSTMENT_EVENT_LABELS[adjustment.event]}）</h2>
          <p className="text-sm">调整理由：{adjustment.reason}</p>
          <p className="text-sm">
            状态：{ADJUSTMENT_STATE_LABELS[adjustment.state]}
            {adjustment.state === "OPEN"
              ? `（${APPLICATION_STATE_LABELS[adjustment.application.state]}）`
              : ""}
          </p>
          {adjustment.application.determination?.finalLevel ? (
            <p className="text-sm">
              调整后的认定等级：
              <strong>{HARDSHIP_LEVEL_LABELS[adjustment.application.determination.finalLevel]}</strong>
              {adjustment.effectiveFrom
                ? `，自${adjustment.effectiveFrom.toISOString().slice(0, 10)}起生效（此前按原等级发放的资助不变）`
                : "，公示结束后生效"}
            </p>
          ) : null}
        </Card>
      ))}
      {batches.length ? (
        <Card tone="portal" className="space-y-2">
          <h2 className="font-semibold">公示</h2>
          {batches.map((b) => (
            <p key={b.id} className="text-sm">
              <Link href={`/publicity/${b.id}`} className="text-brand-700">
                {b.title}
              </Link>
              ：{day(b.startDate)} 至 {day(b.endDate)}
              {b.phase === "open" ? "（公示中）" : b.phase === "ended" ? "（已结束）" : "（未开始）"}
            </p>
          ))}
          {requests.map((q) => (
            <p key={q.id} className="text-sm">
              我的复议申请：{q.content} — {q.state === "DONE" ? `学校答复：${q.answer}` : "处理中"}
            </p>
          ))}
          {open ? (
            <ServerForm action={reviewRequestAction.bind(null, personId)} submitLabel="申请复议">
              <label className="block text-sm">
                对认定结果有异议，可在公示期内申请复议：
                <textarea name="content" className={inputCls} rows={3} maxLength={500} />
              </label>
            </ServerForm>
          ) : null}
        </Card>
      ) : null}
      {app.rosterEntries.length ? (
        <Card tone="portal" className="space-y-2">
          <h2 className="font-semibold">资助发放与签收</h2>
          {app.rosterEntries.map((e) => (
            <div key={e.id} className="space-y-1 text-sm">
              <p>
                {e.roster.programme.name}：{fenToYuan(e.amountFen)}元 ·{" "}
                {e.paidAt
                  ? `已于${formatBeijingDate(e.paidAt)}发放${fenToYuan(e.paidAmountFen ?? 0)}元`
                  : "尚未发放"}
                {e.receiptConfirmedAt ? ` · 已于${formatBeijingDate(e.receiptConfirmedAt)}签收` : ""}
              </p>
              {e.paidAt && !e.receiptConfirmedAt ? (
                <ServerForm
                  action={receiptAction.bind(null, personId, e.id)}
                  submitLabel="确认已收到（签收）"
                />
              ) : null}
            </div>
          ))}
        </Card>
      ) : null}
      <Link href="/portal" className="text-sm text-brand-700">
        返回首页
      </Link>
    </>
  );
}
