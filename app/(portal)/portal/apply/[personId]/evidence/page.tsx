import Link from "next/link";
import { ErrorCard } from "@/components/portal/error-card";
import { EvidenceUploader } from "@/components/portal/evidence-uploader";
import { StepHeader } from "@/components/portal/step-header";
import { ActionButton } from "@/components/ui/action-button";
import { evidencePurposeLabel } from "@/lib/domain/codes";
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, formatBytes } from "@/lib/domain/evidence";
import { applicantEditable } from "@/lib/services/application-portal";
import { listApplicantEvidence } from "@/lib/services/evidence";
import { applicantContext, readOnlyReason } from "../context";
import { deleteEvidenceAction } from "./actions";
import { Card } from "@/components/ui/card";
import { EvidenceLink } from "@/components/portal/evidence-link";

export const metadata = { title: "上传佐证材料" };

export default async function EvidencePage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId);
  if (!ctx) return <ErrorCard message={error} />;
  if (!ctx.application) return <ErrorCard message="请先开始申请。" />;
  const items = await listApplicantEvidence(ctx);
  const check = applicantEditable(ctx);
  const editable = check.ok;
  const full = items.length >= EVIDENCE_MAX_FILES;
  return (
    <>
      <StepHeader
        personId={personId}
        title="上传佐证材料"
        index={5}
        total={6}
        readOnly={readOnlyReason(ctx)}
      />
      <Card as="p" tone="portal" className="text-sm leading-relaxed text-slate-700">
        请上传能证明家庭经济困难情况的材料（如收入证明、诊断证明、低保证），每份注明用途。支持JPG、PNG图片或PDF文件，每份不超过10MB，最多
        {EVIDENCE_MAX_FILES}份。 没有材料可以不上传，直接进入下一步。
      </Card>
      {!check.ok ? null : full ? (
        <p role="status" className="rounded-xl bg-amber-50 p-4 text-sm text-amber-800">
          已上传{EVIDENCE_MAX_FILES}份，已达上限。如需更换，请先删除不需要的文件。
        </p>
      ) : (
        <EvidenceUploader personId={personId} maxBytes={EVIDENCE_MAX_BYTES} />
      )}
      <Card tone="portal" padding="none" aria-labelledby="evidence-list">
        <h2 id="evidence-list" className="border-b border-slate-100 px-4 py-3 font-medium">
          已上传的材料（{items.length}/{EVIDENCE_MAX_FILES}）
        </h2>
        {items.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">还没有上传材料。</p>
        ) : (
          <ul>
            {items.map((f) => (
              <li
                key={f.id}
                className="space-y-2 border-b border-slate-100 px-4 py-3 last:border-0"
                data-testid="evidence-item"
              >
                <p className="text-sm font-medium">{evidencePurposeLabel(f.purpose, f.purpose)}</p>
                <p className="break-all text-sm text-slate-600">
                  <EvidenceLink file={f} />
                  <span className="ml-2 text-xs text-slate-500">{formatBytes(f.sizeBytes)}</span>
                </p>
                {editable ? (
                  <ActionButton
                    action={deleteEvidenceAction.bind(null, personId, f.id)}
                    label={`删除 ${f.originalName}`}
                    variant="danger"
                    confirmText="确定删除这份材料吗？"
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Link
        href={`/portal/apply/${personId}/submit`}
        className="block rounded-md bg-white py-2.5 text-center font-medium text-brand-700 ring-1 ring-brand-100"
      >
        下一步：诚信承诺并提交
      </Link>
    </>
  );
}
