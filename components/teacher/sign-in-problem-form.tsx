"use client";

import { startTransition, useActionState } from "react";
import type { FormState } from "@/lib/forms/state";
import { describedBy, Field, FormMessage, SubmitButton, TextInput } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";

const select = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base";

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
  return (
    <form
      method="post"
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const d = new FormData(e.currentTarget);
        startTransition(() => run(d));
      }}
    >
      <Field id="sp-class" label="班级" error={err("classId")}>
        <select id="sp-class" name="classId" defaultValue={v("classId")} className={select}>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="sp-name" label="不能登录的人的姓名" error={err("subjectName")}>
        <TextInput
          id="sp-name"
          name="subjectName"
          maxLength={30}
          defaultValue={v("subjectName")}
          aria-invalid={Boolean(err("subjectName"))}
          aria-describedby={describedBy("sp-name", undefined, err("subjectName"))}
        />
      </Field>
      <Field id="sp-role" label="身份" error={err("subjectRole")}>
        <select
          id="sp-role"
          name="subjectRole"
          defaultValue={v("subjectRole") ?? "STUDENT"}
          className={select}
        >
          <option value="STUDENT">学生</option>
          <option value="PARENT">家长</option>
        </select>
      </Field>
      <Field
        id="sp-desc"
        label="发生了什么"
        hint="如：激活时提示“姓名、身份证号或学籍号与学籍信息不一致”"
        error={err("description")}
      >
        <TextInput
          id="sp-desc"
          name="description"
          maxLength={500}
          defaultValue={v("description")}
          aria-invalid={Boolean(err("description"))}
          aria-describedby={describedBy("sp-desc", "h", err("description"))}
        />
      </Field>
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        报告给学校资助管理员
      </SubmitButton>
    </form>
  );
}
