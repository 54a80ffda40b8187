import { DutySelect } from "@/components/supervisor/duty-select";
import { Field, TextArea, TextField } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import type { FormState } from "@/lib/forms/state";

/** Files a request (用户申请) for another account of the requester's own school or region. */
export function AccountRequestForm({
  action,
  withDuty,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  withDuty: boolean;
}) {
  return (
    <ServerForm action={action} submitLabel="提交申请">
      <div className="grid gap-3 md:grid-cols-2">
        <TextField id="request-name" name="displayName" label="姓名" maxLength={30} required />
        <TextField
          id="request-username"
          name="username"
          label="登录名"
          maxLength={40}
          required
          hint="3–40位英文字母、数字或 _ . -"
          autoComplete="off"
        />
        {withDuty ? <DutySelect id="request-duty" /> : null}
        <Field id="request-reason" label="申请理由" required>
          <TextArea id="request-reason" name="reason" maxLength={200} rows={2} aria-required="true" />
        </Field>
      </div>
    </ServerForm>
  );
}
