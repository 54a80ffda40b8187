"use client";

import { useActionState, useState } from "react";
import type { FormState } from "@/lib/forms/state";
import { FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TransitionForm } from "@/components/ui/transition-form";

/**
 * 退回修改: the reason, and the correction deadline as a Beijing date ending at
 * 23:59 that day, with quick picks (3 / 7 days) and the verification deadline
 * as the latest day.
 */
export function ReturnForm({
  action,
  today,
  latest,
  defaultDeadline,
  verifyDeadlineText,
  quickPicks,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  /** Today's Beijing date: the earliest day that can be chosen. */
  today: string;
  /** The verification deadline's Beijing date: the latest day. */
  latest: string;
  defaultDeadline: string;
  verifyDeadlineText: string;
  quickPicks: { days: number; date: string; label: string }[];
}) {
  const [state, run, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const [deadline, setDeadline] = useState(state?.values?.deadline ?? "");
  const err = (k: string) => state?.fieldErrors?.[k];
  const hint = `截止到所选日期当天 23:59（北京时间）。留空即默认 ${defaultDeadline || "3天后"} 23:59；不能晚于核实截止时间 ${verifyDeadlineText}`;
  return (
    <TransitionForm run={run} className="space-y-4" noValidate>
      <TextField
        id="ret-reason"
        label="退回原因"
        hint="写明需要修改或补充什么，申请人会看到"
        error={err("reason")}
        name="reason"
        maxLength={300}
        defaultValue={state?.values?.reason}
      />
      <TextField
        id="ret-deadline"
        label="修改截止日期"
        hint={hint}
        error={err("deadline")}
        name="deadline"
        type="date"
        min={today}
        max={latest}
        value={deadline}
        onChange={(e) => setDeadline(e.target.value)}
      />
      {quickPicks.length ? (
        <div className="flex flex-wrap gap-2" role="group" aria-label="快捷选择修改截止日期">
          {quickPicks.map((p) => (
            <button
              key={p.days}
              type="button"
              className="rounded-md px-3 py-1 text-sm ring-1 ring-slate-300 hover:bg-slate-50 aria-pressed:bg-brand-50 aria-pressed:ring-brand-600"
              aria-pressed={deadline === p.date}
              onClick={() => setDeadline(p.date)}
            >
              {p.label}
            </button>
          ))}
        </div>
      ) : null}
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        退回修改
      </SubmitButton>
    </TransitionForm>
  );
}
