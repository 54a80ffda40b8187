"use client";

import { useActionState, type ReactNode } from "react";
import type { FormState } from "@/components/ui/action-form";
import { FormMessage } from "@/components/ui/form";

/**
 * A form of the determination pages posted to a server action; shows the
 * action's Chinese message and every field's problem. Inputs are passed as
 * children (selects, checkboxes and text areas included).
 */
export function DetForm({ action, submitLabel, children, confirmText, variant = "primary", className }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  submitLabel: string;
  children?: ReactNode;
  confirmText?: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const cls = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50",
    danger: "bg-white text-red-700 ring-1 ring-red-300 hover:bg-red-50",
  }[variant];
  const errors = Object.values(state?.fieldErrors ?? {}).filter((m) => m !== state?.message);
  return (
    <form
      action={formAction}
      className={className ?? "space-y-3"}
      onSubmit={(e) => { if (confirmText && !window.confirm(confirmText)) e.preventDefault(); }}
    >
      {children}
      {state?.message ? <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage> : null}
      {errors.length ? <ul className="list-disc pl-5 text-sm text-red-600" role="alert">{errors.map((m) => <li key={m}>{m}</li>)}</ul> : null}
      <button type="submit" disabled={pending} className={`rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${cls}`}>{pending ? "请稍候…" : submitLabel}</button>
    </form>
  );
}

