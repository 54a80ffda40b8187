"use client";

import { ActionForm, type FieldSpec } from "@/components/ui/action-form";
import type { FormState } from "@/lib/forms/state";

/**
 * The binding and activation form: an ActionForm plus — when SMS is configured — the one-time code field
 * and a "获取短信验证码" button that posts the same form with intent=send-sms (the action sends the code and
 * keeps what was typed).
 */
export function CodeForm({
  action,
  fields,
  submitLabel,
  sms,
  idPrefix = "f",
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  submitLabel: string;
  /** Where SMS is configured: the one-time code field and its send button. */
  sms?: { hint: string };
  idPrefix?: string;
}) {
  const smsField: FieldSpec = {
    name: "smsCode",
    label: "短信验证码",
    hint: sms?.hint,
    inputMode: "numeric",
    maxLength: 6,
    autoComplete: "one-time-code",
  };
  return (
    <ActionForm
      action={action}
      fields={sms ? [...fields, smsField] : fields}
      submitLabel={submitLabel}
      idPrefix={idPrefix}
      secondarySubmit={sms ? { name: "intent", value: "send-sms", label: "获取短信验证码" } : undefined}
    />
  );
}
