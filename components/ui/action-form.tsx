"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField } from "./form";
import type { FormState } from "@/lib/forms/state";
import { useHydrated } from "./use-hydrated";
import { TransitionForm } from "./transition-form";

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
  secondarySubmit,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  submitLabel: string;
  successMessage?: string;
  /** Distinguishes the input ids when one page shows several of these forms. */
  idPrefix?: string;
  /** A second submit button posting the same form with `name=value` (e.g. intent=send-sms). */
  secondarySubmit?: { name: string; value: string; label: string };
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  return (
    <TransitionForm run={formAction} className="space-y-4" noValidate>
      {fields.map((f) => (
        <TextField
          key={f.name}
          id={`${idPrefix}-${f.name}`}
          label={f.label}
          hint={f.hint}
          error={state?.fieldErrors?.[f.name]}
          name={f.name}
          type={f.type ?? "text"}
          autoComplete={f.autoComplete}
          maxLength={f.maxLength ?? 64}
          inputMode={f.inputMode}
          defaultValue={f.type === "password" ? undefined : state?.values?.[f.name]}
        />
      ))}
      {secondarySubmit ? (
        <button
          type="submit"
          name={secondarySubmit.name}
          value={secondarySubmit.value}
          disabled={pending || !hydrated}
          className="w-full rounded-md bg-white px-4 py-2.5 text-base font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
        >
          {secondarySubmit.label}
        </button>
      ) : null}
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      {state?.ok && successMessage ? <FormMessage kind="success">{successMessage}</FormMessage> : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        {submitLabel}
      </SubmitButton>
    </TransitionForm>
  );
}
