/**
 * The list a publicity would show, before it is published: every name, class and level, and a warning
 * naming the applications still undetermined (they would be left off). Publishing then needs the
 * "已知晓" box ticked while any are pending (lib/services/publicity.ts checks it again).
 */
import { ServerForm } from "@/components/ui/server-form";
import type { FormState } from "@/lib/forms/state";
import { APPLICATION_STATE_LABELS, HARDSHIP_LEVEL_LABELS } from "@/lib/domain/codes";
import type { PublicityPlan } from "@/lib/services/publicity";

import { Tr, TableHead, Td, Th } from "@/components/ui/table";

export function PublicityPreview({
  plan,
  form,
  publish,
}: {
  plan: PublicityPlan;
  publish: (state: FormState, form: FormData) => Promise<FormState>;
  form: { scope: string; gradeId: string; startDate: string; workingDays: string };
}) {
  const { candidates, pending } = plan;
  return (
    <section aria-labelledby="preview-title" className="space-y-3 rounded-md border border-brand-100 p-3">
      <h3 id="preview-title" className="font-semibold">
        公示预览：{plan.title}
      </h3>
      <p className="text-sm">
        公示期 {form.startDate} 至 {plan.endDate}（{form.workingDays}个工作日），将公示{" "}
        <strong data-testid="preview-count">{candidates.length}</strong> 人。
      </p>
      {pending.length ? (
        <div role="alert" className="space-y-1 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-semibold" data-testid="pending-warning">
            还有 {pending.length} 份申请尚未认定，不会出现在本次公示中：
          </p>
          <ul className="list-disc pl-5">
            {pending.map((a) => (
              <li key={a.applicationId}>
                {a.className} {a.name}（{APPLICATION_STATE_LABELS[a.state]}）
              </li>
            ))}
          </ul>
          <p>建议先完成这些申请的认定再公示；如确需先公示，请勾选下方“已知晓”。</p>
        </div>
      ) : null}
      <div className="max-h-96 overflow-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">将公示的名单</caption>
          <TableHead>
            <tr>
              <Th weight="medium">姓名</Th>
              <Th weight="medium">班级</Th>
              <Th weight="medium">认定等级</Th>
            </tr>
          </TableHead>
          <tbody>
            {candidates.map((c) => (
              <Tr key={c.applicationId} data-testid="preview-row">
                <Td>{c.name}</Td>
                <Td>{c.className}</Td>
                <Td>{HARDSHIP_LEVEL_LABELS[c.level]}</Td>
              </Tr>
            ))}
          </tbody>
        </table>
      </div>
      <ServerForm action={publish} submitLabel="确认发布公示">
        <input type="hidden" name="scope" value={form.scope} />
        <input type="hidden" name="gradeId" value={form.gradeId} />
        <input type="hidden" name="startDate" value={form.startDate} />
        <input type="hidden" name="workingDays" value={form.workingDays} />
        {pending.length ? (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="acknowledgePending" value="yes" required className="mt-1" />
            已知晓还有 {pending.length} 份申请尚未认定，本次公示不包括他们
          </label>
        ) : null}
      </ServerForm>
    </section>
  );
}
