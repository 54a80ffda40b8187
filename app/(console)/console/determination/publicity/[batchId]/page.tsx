import { DetailHeader } from "@/components/determination/detail-header";
import Link from "next/link";
import { ServerForm } from "@/components/ui/server-form";
import { inputCls, linkCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS, OBJECTION_KIND_LABELS } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { loadBatchAdmin } from "@/lib/services/publicity";
import { answerObjectionAction, finalisePublicityAction } from "../../actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "异议处理" };

export default async function BatchAdminPage({ params }: { params: Promise<{ batchId: string }> }) {
  const { user } = await requirePageAccess("publicity.manage");
  const { batchId } = await params;
  const r = await loadBatchAdmin(user, batchId);
  if (!r.ok) return <ErrorPanel code="404" title="未找到" message={r.message} />;
  const b = r.data;
  return (
    <>
      <DetailHeader backHref="/console/determination/publicity" backLabel="返回公示列表" title={b.title}>
        <p className="text-sm text-slate-600">
          公示期 {b.startDate.toISOString().slice(0, 10)} 至 {b.endDate.toISOString().slice(0, 10)} ·{" "}
          {b._count.items}人 ·{" "}
          <Link className={linkCls} href={`/publicity/${b.id}`}>
            查看公示页
          </Link>
        </p>
      </DetailHeader>
      <section className="space-y-3" aria-labelledby="obj-title">
        <h2 id="obj-title" className="font-semibold">
          异议与复议申请（{b.objections.length}）
        </h2>
        {b.objections.length === 0 ? <p className="text-sm text-slate-600">暂无。</p> : null}
        {b.objections.map((o) => (
          <Card tone="bordered" as="article" key={o.id} className="space-y-3">
            <p className="text-sm">
              <strong>{OBJECTION_KIND_LABELS[o.kind]}</strong> · {ROLE_LABELS[o.filedBy.role]}
              {o.filedBy.displayName} · {formatBeijingDateTime(o.createdAt)}
            </p>
            <p className="text-sm">{o.content}</p>
            {o.state === "DONE" ? (
              <p className="text-sm text-green-700">
                处理结果：{o.answer}（{o.answeredAt ? formatBeijingDateTime(o.answeredAt) : ""}）
              </p>
            ) : (
              <ServerForm action={answerObjectionAction} submitLabel="提交处理结果">
                <input type="hidden" name="objectionId" value={o.id} />
                <label className="block text-sm">
                  调查处理结果
                  <textarea name="answer" className={inputCls} rows={2} maxLength={500} />
                </label>
              </ServerForm>
            )}
          </Card>
        ))}
      </section>
      {b.state !== "FINAL" ? (
        <Card tone="bordered" className="space-y-3">
          <h2 className="font-semibold">确定最终结果</h2>
          <p className="text-sm text-slate-600">公示期满且所有异议、复议申请处理完毕后，才能确定最终结果。</p>
          <ServerForm action={finalisePublicityAction.bind(null, b.id)} submitLabel="确定最终结果" />
        </Card>
      ) : (
        <p className="rounded-md bg-green-50 p-3 text-sm text-green-700">该公示结果已确定。</p>
      )}
    </>
  );
}
