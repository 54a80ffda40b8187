"use client";

import { startTransition, useActionState } from "react";
import type { FieldSpec, FormState } from "@/components/ui/action-form";
import { describedBy, Field, FormMessage, SubmitButton, TextInput } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * The binding and activation form: like ActionForm, plus — when SMS is
 * configured — a "获取短信验证码" button that posts the same form with
 * intent=send-sms (the action sends the code and keeps what was typed).
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
  const [state, formAction, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const all: FieldSpec[] = sms
    ? [
        ...fields,
        {
          name: "smsCode",
          label: "短信验证码",
          hint: sms.hint,
          inputMode: "numeric",
          maxLength: 6,
          autoComplete: "one-time-code",
        },
      ]
    : fields;
  return (
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
      {all.map((f) => (
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
      {sms ? (
        <button
          type="submit"
          name="intent"
          value="send-sms"
          disabled={pending || !hydrated}
          className="w-full rounded-md bg-white px-4 py-2.5 text-base font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
        >
          获取短信验证码
        </button>
      ) : null}
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
