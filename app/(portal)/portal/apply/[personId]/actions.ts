"use server";

import { revalidatePath } from "next/cache";
import { redirect, RedirectType } from "next/navigation";
import type { FormState } from "@/components/ui/action-form";
import {
  acknowledgePolicy,
  chooseProgrammes,
  confirmEnrolment,
  reopenApplication,
  reportEnrolmentError,
  saveHouseholdInfo,
  startApplication,
  submitApplication,
  waiveApplication,
  withdrawApplication,
} from "@/lib/services/application-portal";
import type { ActionResult } from "@/lib/services/result";
import { personIdSchema } from "@/lib/schemas/application";
import type { Action } from "@/lib/auth/access";
import { applicantActionContext } from "./context";

async function run(
  personIdRaw: string,
  fn: Parameters<typeof withCtx>[1],
  next?: string,
  redirectType: "push" | "replace" = "push",
): Promise<FormState> {
  const r = await withCtx(personIdRaw, fn, "application.apply");
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors };
  // Every portal page that shows this application (home card, overview, steps) shows the new state next time.
  revalidatePath("/portal", "layout");
  if (next) redirect(next, redirectType === "replace" ? RedirectType.replace : RedirectType.push);
  return { ok: true, message: "已保存。" };
}

async function withCtx<T>(
  personIdRaw: string,
  fn: (
    ctx: NonNullable<Awaited<ReturnType<typeof applicantActionContext>>["ctx"]>,
  ) => Promise<ActionResult<T>>,
  action: Action,
): Promise<ActionResult<T>> {
  const personId = personIdSchema.safeParse(personIdRaw);
  if (!personId.success) return { ok: false, message: "链接无效。" };
  const { ctx, error } = await applicantActionContext(personId.data, action);
  if (!ctx) return { ok: false, message: error };
  return fn(ctx);
}

const base = (personId: string) => `/portal/apply/${personId}`;

export async function startAction(personId: string): Promise<FormState> {
  return run(personId, (ctx) => startApplication(ctx), `${base(personId)}/confirm`);
}
export async function confirmAction(personId: string): Promise<FormState> {
  return run(personId, (ctx) => confirmEnrolment(ctx), `${base(personId)}/policy`);
}
export async function reportErrorAction(
  personId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const r = await withCtx(
    personId,
    (ctx) => reportEnrolmentError(ctx, { content: String(form.get("content") ?? "") }),
    "enrolment.report_error",
  );
  return r.ok
    ? { ok: true, message: "已报告给班主任，班主任核实后会更正学籍信息。" }
    : { message: r.message, fieldErrors: r.fieldErrors };
}
export async function acknowledgeAction(personId: string): Promise<FormState> {
  return run(personId, (ctx) => acknowledgePolicy(ctx), `${base(personId)}/programmes`);
}
export async function waiveAction(personId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(
    personId,
    (ctx) => waiveApplication(ctx, { reason: String(form.get("reason") ?? "") }),
    base(personId),
  );
}
export async function programmesAction(
  personId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return run(
    personId,
    (ctx) =>
      chooseProgrammes(ctx, {
        programmeIds: form.getAll("programmeId").map(String),
        version: form.get("version"),
      }),
    `${base(personId)}/household`,
  );
}
/** The household form posts its state as JSON (dynamic lists of members and events). */
export async function householdAction(personId: string, payload: unknown): Promise<FormState> {
  const r = await withCtx(personId, (ctx) => saveHouseholdInfo(ctx, payload), "application.apply");
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors };
  // The form keeps the new version so its next save is not mistaken for a stale one.
  return { ok: true, message: "已保存。", values: { version: String(r.data.version) } };
}
export async function submitAction(personId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(
    personId,
    (ctx) => submitApplication(ctx, form.get("commitment") === "on"),
    `${base(personId)}/timeline?submitted=1`,
    // The record replaces the commitment form in the history: "back" does not offer the form again.
    "replace",
  );
}
export async function withdrawAction(personId: string): Promise<FormState> {
  return run(personId, (ctx) => withdrawApplication(ctx), base(personId));
}
export async function reopenAction(personId: string): Promise<FormState> {
  return run(personId, (ctx) => reopenApplication(ctx), `${base(personId)}/confirm`);
}
