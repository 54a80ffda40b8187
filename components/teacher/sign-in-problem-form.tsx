"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms/state";
import { Field, FormMessage, Select, SubmitButton, TextField } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TransitionForm } from "@/components/ui/transition-form";

export function SignInProblemForm({
  action,
  classes,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  classes: { id: string; label: string }[];
}) {
  const [state, run, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const err = (k: string) => state?.fieldErrors?.[k];
  const v = (k: string) => (state?.ok ? undefined : state?.values?.[k]);
  /** The name, error and kept value of a text field. */
  const bound = (name: string) => ({ name, error: err(name), defaultValue: v(name) });
  return (
    <TransitionForm run={run} className="space-y-3" noValidate>
      <Field id="sp-class" label="班级" error={err("classId")}>
        <Select id="sp-class" name="classId" defaultValue={v("classId")}>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      <TextField id="sp-name" label="不能登录的人的姓名" maxLength={30} {...bound("subjectName")} />
      <Field id="sp-role" label="身份" error={err("subjectRole")}>
        <Select id="sp-role" name="subjectRole" defaultValue={v("subjectRole") ?? "STUDENT"}>
          <option value="STUDENT">学生</option>
          <option value="PARENT">家长</option>
        </Select>
      </Field>
      <TextField
        id="sp-desc"
        label="发生了什么"
        hint="如：激活时提示“姓名、身份证号或学籍号与学籍信息不一致”"
        maxLength={500}
        {...bound("description")}
      />
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        报告给学校资助管理员
      </SubmitButton>
    </TransitionForm>
  );
}
