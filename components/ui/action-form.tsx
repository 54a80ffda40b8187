"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton, TextInput } from "./form";

export type FormState = { ok?: boolean; message?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> } | null;

export type FieldSpec = {
  name: string;
  label: string;
  type?: "text" | "password" | "tel" | "date";
  hint?: string;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: "text" | "numeric" | "tel";
};

/**
 * A form posted to a server action, showing the action's Chinese messages next
 * to each field. Typed values are kept after an error (passwords excepted).
 */
export function ActionForm({ action, fields, submitLabel, successMessage }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  submitLabel: string;
  successMessage?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {fields.map((f) => (
        <Field key={f.name} label={f.label} hint={f.hint} error={state?.fieldErrors?.[f.name]}>
          <TextInput
            name={f.name}
            type={f.type ?? "text"}
            autoComplete={f.autoComplete}
            maxLength={f.maxLength ?? 64}
            inputMode={f.inputMode}
            defaultValue={f.type === "password" ? undefined : state?.values?.[f.name]}
            aria-invalid={Boolean(state?.fieldErrors?.[f.name])}
          />
        </Field>
      ))}
      {state?.message ? <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage> : null}
      {state?.ok && successMessage ? <FormMessage kind="success">{successMessage}</FormMessage> : null}
      <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
