"use client";

import { startTransition, useActionState } from "react";
import type { FormState } from "@/lib/forms/state";
import { FormMessage } from "./form";

/** A button that runs a server action and shows its Chinese message; optionally asks for confirmation first. */
export function ActionButton({
  action,
  label,
  confirmText,
  variant = "primary",
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  label: string;
  confirmText?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const [state, run, pending] = useActionState(action, null);
  const cls = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50",
    danger: "bg-white text-red-700 ring-1 ring-red-300 hover:bg-red-50",
  }[variant];
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={pending}
        className={`w-full rounded-md px-4 py-2.5 text-base font-medium disabled:opacity-60 ${cls}`}
        onClick={() => {
          if (confirmText && !window.confirm(confirmText)) return;
          startTransition(() => run(new FormData()));
        }}
      >
        {pending ? "请稍候…" : label}
      </button>
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
    </div>
  );
}
