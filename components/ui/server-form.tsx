"use client";

import { useActionState, useState, type ReactNode } from "react";
import type { FormState } from "@/lib/forms/state";
import { FormOutcome } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TransitionForm } from "./transition-form";

/**
 * A small form whose fields are given as children (selects, hidden ids),
 * posted to a server action; shows the action's Chinese message and field
 * errors below. Typed values are kept after an error. Used by the console's
 * list and detail pages (one form per row or per decision).
 *
 * `dataVersion` names the state of the page's data (e.g. a roster's state, count and total): a message
 * shown for an earlier version is hidden once another form on the page has changed the data, so a
 * refusal ("超出预算") never stays on screen after the cause was fixed.
 */
export function ServerForm({
  action,
  children,
  submitLabel,
  variant = "primary",
  confirmText,
  inline = false,
  className,
  dataVersion,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  children?: ReactNode;
  /** The button's text; may hold a visually hidden part (the row it acts on) for screen readers. */
  submitLabel: ReactNode;
  variant?: "primary" | "secondary" | "danger";
  confirmText?: string;
  inline?: boolean;
  className?: string;
  dataVersion?: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  // The data version the current message was produced at (React's "state from the previous render" pattern).
  const [answered, setAnswered] = useState({ state, dataVersion });
  if (answered.state !== state) setAnswered({ state, dataVersion });
  const current = answered.state !== state || answered.dataVersion === dataVersion;
  const hydrated = useHydrated();
  // The buttons' utilities are the server-form-button classes of app/globals.css: a list page has one
  // such button per row or more, and the same ~120 characters on each made up much of its HTML.
  const cls = `server-form-button-${variant}`;
  const errors = state?.fieldErrors ? Object.values(state.fieldErrors) : [];
  return (
    <TransitionForm
      run={run}
      noValidate
      className={className ?? (inline ? "inline-flex flex-wrap items-center gap-2" : "space-y-3")}
      confirmText={confirmText}
    >
      {children}
      <button type="submit" disabled={pending || !hydrated} className={`server-form-button ${cls}`}>
        {pending ? "请稍候…" : submitLabel}
      </button>
      {state?.message && current ? (
        <div className={inline ? "basis-full" : ""}>
          <FormOutcome ok={state.ok} message={state.message} errors={errors} />
        </div>
      ) : null}
    </TransitionForm>
  );
}
