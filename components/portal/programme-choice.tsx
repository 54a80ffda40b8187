"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms/state";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Card } from "@/components/ui/card";
import { TransitionForm } from "@/components/ui/transition-form";

export type ProgrammeOption = {
  id: string;
  name: string;
  description: string;
  amount: string;
  checked: boolean;
};

export function ProgrammeChoice({
  action,
  options,
  readOnly = false,
  version,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  options: ProgrammeOption[];
  /** Submitted: the choice is shown, not editable. */
  readOnly?: boolean;
  /** The draft's version when the page was read: a save from a stale page is refused. */
  version: number;
}) {
  const [state, run, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  return (
    <TransitionForm run={run} className="space-y-3">
      <input type="hidden" name="version" value={version} />
      {options.map((o) => (
        <Card as="label" tone="portal" key={o.id} className="flex gap-3">
          <input
            type="checkbox"
            name="programmeId"
            value={o.id}
            defaultChecked={o.checked}
            disabled={readOnly}
            className="mt-1 h-5 w-5"
          />
          <span>
            <span className="block font-medium">{o.name}</span>
            <span className="block text-sm text-slate-600">{o.description}</span>
            <span className="block text-xs text-slate-500">标准：{o.amount}</span>
          </span>
        </Card>
      ))}
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      {readOnly ? null : (
        <SubmitButton pending={pending} disabled={!hydrated}>
          保存，下一步
        </SubmitButton>
      )}
    </TransitionForm>
  );
}
