"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/forms/state";
import { Field, FormMessage, Select, SubmitButton, TextField } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TransitionForm } from "@/components/ui/transition-form";

const RELATIONS = ["父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母", "兄", "姐", "其他监护人"];

/** Guardian correction: the stored mobile and ID number are shown masked and must be typed in full to change. */
export function GuardianForm({
  action,
  guardian,
  prefix,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  guardian: { name: string; relation: string; phoneMasked: string; idNumberMasked: string | null };
  prefix: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const err = (k: string) => state?.fieldErrors?.[k];
  const id = (k: string) => `${prefix}-${k}`;
  return (
    <TransitionForm run={run} className="space-y-3" noValidate>
      <TextField
        id={id("name")}
        label="监护人姓名"
        error={err("name")}
        name="name"
        maxLength={30}
        defaultValue={state?.values?.name ?? guardian.name}
      />
      <Field id={id("relation")} label="与学生关系" error={err("relation")}>
        <Select
          id={id("relation")}
          name="relation"
          defaultValue={state?.values?.relation ?? guardian.relation}
        >
          {RELATIONS.includes(guardian.relation) ? null : (
            <option value={guardian.relation}>{guardian.relation}</option>
          )}
          {RELATIONS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      </Field>
      <TextField
        id={id("mobile")}
        label="手机号码"
        hint={`现登记为 ${guardian.phoneMasked}，请填写完整的11位手机号`}
        error={err("mobile")}
        name="mobile"
        type="tel"
        inputMode="tel"
        maxLength={20}
        defaultValue={state?.values?.mobile}
      />
      <TextField
        id={id("idNumber")}
        label="监护人身份证号"
        hint={
          guardian.idNumberMasked ? `现登记为 ${guardian.idNumberMasked}；留空则不修改` : "未登记；可留空"
        }
        error={err("idNumber")}
        name="idNumber"
        maxLength={30}
        defaultValue={state?.values?.idNumber}
      />
      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      <SubmitButton pending={pending} disabled={!hydrated}>
        保存更正
      </SubmitButton>
    </TransitionForm>
  );
}
