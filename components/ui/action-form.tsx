"use client";

import { startTransition, useActionState } from "react";
import { describedBy, Field, FormMessage, SubmitButton, TextInput } from "./form";
import { useHydrated } from "./use-hydrated";

export type FormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
} | null;

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
 * to each field. Typed values are kept after an error.
 */
export function ActionForm({
  action,
  fields,
  submitLabel,
  successMessage,
  idPrefix = "f",
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  submitLabel: string;
  successMessage?: string;
  /** Distinguishes the input ids when one page shows several of these forms. */
  idPrefix?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  return (
    // Submitting through onSubmit (not the `action` prop) stops React from clearing what the user typed when the server refuses it.
    <form
      method="post"
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
    >
      {fields.map((f) => (
        <Field
          key={f.name}
          id={`${idPrefix}-${f.name}`}
          label={f.label}
          hint={f.hint}
          error={state?.fieldErrors?.[f.name]}
        >
          <TextInput
            id={`${idPrefix}-${f.name}`}
            aria-describedby={describedBy(`${idPrefix}-${f.name}`, f.hint, state?.fieldErrors?.[f.name])}
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
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      {state?.ok && successMessage ? <FormMessage kind="success">{successMessage}</FormMessage> : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
