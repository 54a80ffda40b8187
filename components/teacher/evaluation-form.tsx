"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms/state";
import { Field, FormMessage, TextArea } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TransitionForm } from "@/components/ui/transition-form";

/** Committee members (one per line: 姓名 职务) and the report; save or submit to the school. */
export function EvaluationForm({
  action,
  members,
  report,
  representatives,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  members: string;
  report: string;
  /** Senior-high classes only: the student representatives and how many the class needs. */
  representatives?: { text: string; min: number; classSize: number } | null;
}) {
  const [state, run, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const err = (k: string) => state?.fieldErrors?.[k];
  return (
    // A TransitionForm keeps what the teacher typed after each answer; the clicked button's intent goes with the data.
    <TransitionForm run={run} className="space-y-3">
      <Field
        id="ev-members"
        label="评议小组成员（每行一人：姓名 职务；学生代表请注明“学生代表”）"
        error={err("members")}
      >
        <TextArea
          id="ev-members"
          name="members"
          rows={5}
          defaultValue={state?.values?.members ?? members}
          aria-invalid={Boolean(err("members"))}
          aria-describedby={err("members") ? "ev-members-error" : undefined}
        />
      </Field>
      {representatives ? (
        <Field
          id="ev-reps"
          label="学生代表（每行一人）"
          hint={`高中班级评议小组须有本班学生代表，不少于班级人数的10%：本班${representatives.classSize}人，至少${representatives.min}人；本学期的申请人不能担任。`}
          error={err("representatives")}
        >
          <TextArea
            id="ev-reps"
            name="representatives"
            rows={4}
            defaultValue={state?.values?.representatives ?? representatives.text}
            aria-invalid={Boolean(err("representatives"))}
            aria-describedby={err("representatives") ? "ev-reps-error" : undefined}
          />
        </Field>
      ) : null}
      <Field id="ev-report" label="评议报告" error={err("report")}>
        <TextArea
          id="ev-report"
          name="report"
          rows={5}
          defaultValue={state?.values?.report ?? report}
          aria-invalid={Boolean(err("report"))}
          aria-describedby={err("report") ? "ev-report-error" : undefined}
        />
      </Field>
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      <div className="flex gap-3">
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={pending || !hydrated}
          className="rounded-md bg-white px-4 py-2.5 ring-1 ring-slate-300"
        >
          保存
        </button>
        <button
          type="submit"
          name="intent"
          value="submit"
          disabled={pending || !hydrated}
          className="rounded-md bg-brand-600 px-4 py-2.5 text-white"
        >
          提交学校
        </button>
      </div>
    </TransitionForm>
  );
}
