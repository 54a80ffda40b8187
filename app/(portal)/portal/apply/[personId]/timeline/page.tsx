import Link from "next/link";
import { ErrorCard } from "@/components/portal/error-card";
import { APPLICATION_STATE_LABELS, ROLE_LABELS, evidencePurposeLabel } from "@/lib/domain/codes";
import { nextStepFor } from "@/lib/domain/next-step";
import { countdown } from "@/lib/domain/term-window";
import { formatBeijingDateTime } from "@/lib/domain/time";

import { loadApplicationView } from "@/lib/services/application-view";
import { applicantContext } from "../context";
import { Card } from "@/components/ui/card";
import { EvidenceLink } from "@/components/portal/evidence-link";

export const metadata = { title: "申请记录" };

export default async function TimelinePage({
  params,
  searchParams,
}: {
  params: Promise<{ personId: string }>;
  searchParams: Promise<{ submitted?: string }>;
}) {
  const { personId } = await params;
  const { submitted } = await searchParams;
  const { ctx, error } = await applicantContext(personId, "application.view");
  if (!ctx) return <ErrorCard message={error} />;
  if (!ctx.application) return <ErrorCard message="还没有申请记录。" />;
  const view = await loadApplicationView(ctx.user, ctx.application.id);
  if (!view.ok) return <ErrorCard message={view.message} />;
  const { application: app, timeline, evidence } = view.data;
  const now = new Date();
  const next = nextStepFor(
    app.state,
    {
      returnDeadline: app.returnDeadline,
      verifyDeadline: ctx.dates.verifyDeadline,
      reviewDeadline: ctx.dates.reviewDeadline,
      applyEnd: ctx.dates.applyEnd,
    },
    now,
  );
  return (
    <>
      {submitted ? (
        <p role="status" className="rounded-xl bg-green-50 p-4 text-green-700">
          申请已提交，等待班主任核实。
        </p>
      ) : null}
      <Card tone="portal">
        <h1 className="text-lg font-semibold">申请记录 · {ctx.student.name}</h1>
        <p className="text-sm">
          当前步骤：<strong>{APPLICATION_STATE_LABELS[app.state]}</strong>
        </p>
        <p className="text-sm text-slate-600" data-testid="next-step">
          {next}
        </p>
      </Card>
      <Card as="ol" tone="portal" aria-label="申请进度" className="space-y-0">
        {timeline.map((t) => (
          <li
            key={t.id}
            className="relative border-l-2 border-brand-100 pb-4 pl-4 last:pb-0"
            data-testid="timeline-entry"
          >
            <span className="absolute -left-[7px] top-1 h-3 w-3 rounded-full bg-brand-600" />
            <p className="text-sm font-medium">{APPLICATION_STATE_LABELS[t.toState]}</p>
            <p className="text-xs text-slate-500">
              {formatBeijingDateTime(t.at)} · {t.actorRole ? ROLE_LABELS[t.actorRole] : "系统"}
            </p>
            {t.comment ? <p className="mt-1 text-sm text-slate-700">{t.comment}</p> : null}
          </li>
        ))}
      </Card>
      {evidence.length ? (
        <Card tone="portal" aria-label="佐证材料" className="text-sm">
          <h2 className="font-medium">佐证材料（{evidence.length}份）</h2>
          <ul className="mt-1 space-y-1">
            {evidence.map((f) => (
              <li key={f.id}>
                {evidencePurposeLabel(f.purpose, f.purpose)}：
                <EvidenceLink file={f} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {app.state === "returned" && app.returnDeadline ? (
        <p className="text-center text-sm text-amber-700">
          修改剩余时间：{countdown(now, app.returnDeadline)}
        </p>
      ) : null}
      <Link href={`/portal/apply/${personId}`} className="block text-center text-sm text-brand-600">
        返回申请概览
      </Link>
    </>
  );
}
