import { ActionButton } from "@/components/ui/action-button";
import { ActionForm } from "@/components/ui/action-form";
import { ErrorCard } from "@/components/portal/error-card";
import { StepHeader } from "@/components/portal/step-header";
import { STAGE_LABELS, GENDER_LABELS } from "@/lib/domain/codes";
import { formatBeijingDate } from "@/lib/domain/time";
import { confirmAction, reportErrorAction } from "../actions";
import { applicantContext, readOnlyReason } from "../context";
import { Card } from "@/components/ui/card";

export const metadata = { title: "确认学籍信息" };

export default async function ConfirmPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const { ctx, error } = await applicantContext(personId);
  if (!ctx) return <ErrorCard message={error} />;
  const s = ctx.student;
  const readOnly = readOnlyReason(ctx);
  const rows: [string, string][] = [
    ["姓名", s.name],
    ["性别", GENDER_LABELS[s.gender]],
    ["身份证号", s.idNumberMasked],
    ["学籍号", s.studentNo.replace(/^(.{5}).*(.{4})$/, "$1*********$2")],
    ["学校", s.schoolName],
    ["学段", STAGE_LABELS[s.stage]],
    ["年级班级", `${s.gradeName}${s.className}`],
    ["入学年月", formatBeijingDate(s.enrolledOn).slice(0, 7)],
    ["学制", `${s.programmeYears}年`],
  ];
  return (
    <>
      <StepHeader personId={personId} title="确认学籍信息" index={1} total={6} readOnly={readOnly} />
      <Card as="dl" tone="portal" padding="none" className="divide-y divide-slate-100">
        {rows.map(([k, v]) => (
          <div key={k} className="flex justify-between px-4 py-2 text-sm">
            <dt className="text-slate-500">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </Card>
      {readOnly ? null : (
        <ActionButton action={confirmAction.bind(null, personId)} label="信息无误，下一步" />
      )}
      <Card as="details" tone="portal">
        <summary className="cursor-pointer text-sm text-brand-600">信息有误？报告给班主任</summary>
        <div className="mt-3">
          <ActionForm
            action={reportErrorAction.bind(null, personId)}
            submitLabel="报告班主任"
            fields={[{ name: "content", label: "哪项信息有误，正确的是什么", maxLength: 300 }]}
          />
        </div>
      </Card>
    </>
  );
}
