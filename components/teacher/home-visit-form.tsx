"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms/state";
import { Field, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ScoringIndicator } from "@/lib/domain/home-visit";
import { TransitionForm } from "@/components/ui/transition-form";

type Initial = { visitDate: string; visitors: string; findings: string; scores: Record<string, string> };

/** 入户调查 record with the home-visit indicators of the scoring sheet as radio groups. */
export function HomeVisitForm({
  action,
  indicators,
  initial,
  dateRange,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  indicators: ScoringIndicator[];
  initial: Initial;
  /** The term's days a visit may carry (Beijing dates). */
  dateRange: { earliest: string; latest: string };
}) {
  const [state, run, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const err = (k: string) => state?.fieldErrors?.[k];
  const val = (k: keyof Omit<Initial, "scores">) => state?.values?.[k] ?? initial[k];
  /** The name, error and kept value of a text field. */
  const bound = (name: keyof Omit<Initial, "scores">) => ({
    name,
    error: err(name),
    defaultValue: val(name),
  });
  return (
    <TransitionForm run={run} className="space-y-4" noValidate>
      <TextField
        id="hv-date"
        label="走访日期"
        hint={`本学期内：${dateRange.earliest} 至 ${dateRange.latest}`}
        {...bound("visitDate")}
        type="date"
        min={dateRange.earliest}
        max={dateRange.latest}
      />
      <TextField
        id="hv-visitors"
        label="走访人员"
        hint="如：李慧敏（班主任）、张伟（年级组长）"
        maxLength={100}
        {...bound("visitors")}
      />
      <Field id="hv-findings" label="走访情况" error={err("findings")}>
        <textarea
          id="hv-findings"
          name="findings"
          rows={4}
          maxLength={2000}
          defaultValue={val("findings")}
          aria-invalid={Boolean(err("findings"))}
          className="w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
      </Field>
      <fieldset className="space-y-3">
        <legend className="font-medium">量化认定积分表（入户调查部分）</legend>
        {indicators.map((ind) => (
          <fieldset
            key={ind.key}
            className="rounded-md p-3 ring-1 ring-slate-200"
            aria-describedby={err(`score.${ind.key}`) ? `sc-${ind.key}-error` : undefined}
          >
            <legend className="px-1 text-sm font-medium">{ind.label}</legend>
            <div className="flex flex-wrap gap-3">
              {ind.options.map((o) => (
                <label key={o.key} className="flex items-center gap-1 text-sm">
                  <input
                    type="radio"
                    name={`score.${ind.key}`}
                    value={o.key}
                    defaultChecked={
                      (state?.values?.[`score.${ind.key}`] ?? initial.scores[ind.key]) === o.key
                    }
                  />
                  {o.label}（{o.points > 0 ? `+${o.points}` : o.points}分）
                </label>
              ))}
            </div>
            {err(`score.${ind.key}`) ? (
              <p id={`sc-${ind.key}-error`} role="alert" className="text-sm text-red-600">
                {err(`score.${ind.key}`)}
              </p>
            ) : null}
          </fieldset>
        ))}
      </fieldset>
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        保存入户调查
      </SubmitButton>
    </TransitionForm>
  );
}
