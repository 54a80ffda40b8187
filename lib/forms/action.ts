/**
 * THE server-action pipeline: authorize through the access matrix → read the form → call one service →
 * revalidate the pages that show what changed → redirect, or answer the form's state. Every `actions.ts`
 * uses it (docs/architecture.md, "How to write an action"):
 *
 *   export async function returnAction(applicationId: string, _prev: FormState, form: FormData) {
 *     return formAction({
 *       access: "application.return",
 *       form,
 *       schema: returnSchema,                                  // optional: without it, input = form's fields
 *       run: (user, input) => returnApplication(user, applicationId, input),
 *       revalidate: [`/console/teacher/applications/${applicationId}`],
 *       success: "已退回申请人修改。",                           // or (data) => FormState, or redirect
 *     });
 *   }
 */
import { revalidatePath } from "next/cache";
import { redirect, RedirectType } from "next/navigation";
import { authorize, type Action } from "@/lib/auth/access";
import type { z } from "zod";
import type { ActionResult, Failure } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { echoValues, formFields, readForm, type FormFields } from "./read";
import type { FormState } from "./state";

/** A page to revalidate: its path, or `{ layout: path }` for every page under it. */
export type Revalidate = string | { layout: string };
/** Where to go after success: a path, or `{ replace: path }` so "back" does not offer the form again. */
export type RedirectTo = string | { replace: string };

type Outcome<Data> = {
  /** The pages that show what changed (revalidated only on success). */
  revalidate?: Revalidate[] | ((data: Data) => Revalidate[]);
  /** After success, go there (nothing is returned to the form). */
  redirect?: RedirectTo | ((data: Data) => RedirectTo);
  /** After success (without redirect): the message, or the whole state (e.g. with new `values`). */
  success?: string | ((data: Data) => NonNullable<FormState>);
};

type Reading<Input> = {
  /** The posted form: read through `schema` (or as its text fields), its values echoed back on failure. */
  form?: FormData;
  /** Parses the form (lib/forms/read.ts `readForm`): an INVALID failure names each field. */
  schema?: z.ZodType<Input>;
  /** Input that is not a posted form (a JSON payload of a client form, ids bound into the action). */
  input?: Input;
};

export type FormActionSpec<Input, Data> = Reading<Input> &
  Outcome<Data> & {
    /** The access-matrix action: the caller must be allowed it (authorize) before anything is read. */
    access: Action;
    /** Calls ONE service with the signed-in caller; the service derives its context (lib/services/context.ts). */
    run: (user: SessionUser, input: Input) => Promise<ActionResult<Data>>;
  };

export type PublicFormActionSpec<Input, Data> = Reading<Input> &
  Outcome<Data> & {
    /** Calls ONE service; for the few entry points without an account (register, activate). */
    run: (input: Input) => Promise<ActionResult<Data>>;
  };

/** A failure as the form's state: code, message, field errors and the typed values to show again. */
export function failureState(
  failure: Pick<Failure, "code" | "message" | "fieldErrors">,
  form?: FormData,
): NonNullable<FormState> {
  return {
    ok: false,
    code: failure.code,
    message: failure.message,
    fieldErrors: failure.fieldErrors,
    values: form ? echoValues(form) : undefined,
  };
}

function read<Input>(spec: Reading<Input>): ActionResult<Input> {
  if (spec.form && spec.schema) return readForm(spec.form, spec.schema);
  if (spec.input !== undefined) return { ok: true, data: spec.input };
  return { ok: true, data: (spec.form ? formFields(spec.form) : {}) as FormFields as Input };
}

async function complete<Data>(
  result: ActionResult<Data>,
  spec: Outcome<Data> & { form?: FormData },
): Promise<FormState> {
  if (!result.ok) return failureState(result, spec.form);
  const paths =
    typeof spec.revalidate === "function" ? spec.revalidate(result.data) : (spec.revalidate ?? []);
  for (const path of paths)
    if (typeof path === "string") revalidatePath(path);
    else revalidatePath(path.layout, "layout");
  if (spec.redirect) {
    const to = typeof spec.redirect === "function" ? spec.redirect(result.data) : spec.redirect;
    if (typeof to === "string") redirect(to, RedirectType.push);
    redirect(to.replace, RedirectType.replace);
  }
  if (typeof spec.success === "function") return spec.success(result.data);
  return { ok: true, message: spec.success };
}

/** The server-action pipeline for a signed-in caller (see the top of this file). */
export async function formAction<Input = FormFields, Data = unknown>(
  spec: FormActionSpec<Input, Data>,
): Promise<FormState> {
  const auth = await authorize(spec.access);
  if (!auth.ok) return failureState(auth);
  const input = read(spec);
  if (!input.ok) return failureState(input, spec.form);
  return complete(await spec.run(auth.user, input.data), spec);
}

/**
 * The same pipeline for an entry point open to anyone (registering, activating an account): no caller to
 * authorize. Every use must be listed, with its reason, in tests/unit/server-entry-guards.test.ts.
 */
export async function publicFormAction<Input = FormFields, Data = unknown>(
  spec: PublicFormActionSpec<Input, Data>,
): Promise<FormState> {
  const input = read(spec);
  if (!input.ok) return failureState(input, spec.form);
  return complete(await spec.run(input.data), spec);
}
