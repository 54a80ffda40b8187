"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms/state";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Card } from "@/components/ui/card";
import { TransitionForm } from "@/components/ui/transition-form";

export function CommitmentForm({
  action,
  text,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  text: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  return (
    <TransitionForm run={run} className="space-y-3">
      <Card tone="portal">
        <h2 className="font-medium">信用承诺书</h2>
        <p className="mt-1 text-sm leading-relaxed">{text}</p>
        <label className="mt-3 flex items-center gap-2 text-sm">
          <input type="checkbox" name="commitment" className="h-5 w-5" />
          我已阅读并同意以上承诺
        </label>
      </Card>
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        签署承诺并提交申请
      </SubmitButton>
    </TransitionForm>
  );
}
