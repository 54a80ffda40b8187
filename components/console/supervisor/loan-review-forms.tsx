import { Field, TextArea } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import type { FormState } from "@/lib/forms/state";

/** 通过 / 不通过 (with the comment the refusal needs) for an import or one record. */
export function LoanReviewForms({
  action,
  idPrefix,
  what,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  idPrefix: string;
  /** What is reviewed, for screen readers (the buttons' hidden part). */
  what: string;
}) {
  return (
    <div className="space-y-2">
      <ServerForm
        action={action}
        inline
        submitLabel={
          <>
            审核通过<span className="sr-only">：{what}</span>
          </>
        }
      >
        <input type="hidden" name="decision" value="APPROVE" />
      </ServerForm>
      <ServerForm
        action={action}
        variant="danger"
        submitLabel={
          <>
            审核不通过<span className="sr-only">：{what}</span>
          </>
        }
      >
        <input type="hidden" name="decision" value="REFUSE" />
        <Field id={`${idPrefix}-comment`} label="审核意见（不通过时必填）">
          <TextArea id={`${idPrefix}-comment`} name="comment" rows={2} maxLength={500} />
        </Field>
      </ServerForm>
    </div>
  );
}
