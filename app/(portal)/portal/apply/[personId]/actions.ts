"use server";

import type { Action } from "@/lib/auth/access";
import type { ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { formAction, type RedirectTo } from "@/lib/forms/action";
import { formFields } from "@/lib/forms/read";
import type { FormState } from "@/lib/forms/state";
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
import { applicantContext, withinContext, type ApplicantContext } from "@/lib/services/context";

type Step<Data> = (ctx: ApplicantContext) => Promise<ActionResult<Data>>;

/** One step of the applicant flow for `personId`: the applicant context, the service, then the next page. */
function applicantStep<Data>(personId: string, step: Step<Data>, next: RedirectTo, form?: FormData) {
  return formAction({
    access: "application.apply",
    form,
    run: (user: SessionUser) => withinContext(applicantContext(user, personId), step),
    // Every portal page that shows this application (home card, overview, steps) shows the new state next time.
    revalidate: [{ layout: "/portal" }],
    redirect: next,
  });
}

const base = (personId: string) => `/portal/apply/${personId}`;

export async function startAction(personId: string): Promise<FormState> {
  return applicantStep(personId, startApplication, `${base(personId)}/confirm`);
}
export async function confirmAction(personId: string): Promise<FormState> {
  return applicantStep(personId, confirmEnrolment, `${base(personId)}/policy`);
}
export async function acknowledgeAction(personId: string): Promise<FormState> {
  return applicantStep(personId, acknowledgePolicy, `${base(personId)}/programmes`);
}
export async function withdrawAction(personId: string): Promise<FormState> {
  return applicantStep(personId, withdrawApplication, base(personId));
}
export async function reopenAction(personId: string): Promise<FormState> {
  return applicantStep(personId, reopenApplication, `${base(personId)}/confirm`);
}
export async function waiveAction(personId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return applicantStep(personId, (ctx) => waiveApplication(ctx, formFields(form)), base(personId), form);
}
export async function programmesAction(
  personId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const input = formFields(form, ["programmeId"]);
  return applicantStep(
    personId,
    (ctx) => chooseProgrammes(ctx, { ...input, programmeIds: input.programmeId }),
    `${base(personId)}/household`,
  );
}
export async function submitAction(personId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return applicantStep(
    personId,
    (ctx) => submitApplication(ctx, form.get("commitment") === "on"),
    // The record replaces the commitment form in the history: "back" does not offer the form again.
    { replace: `${base(personId)}/timeline?submitted=1` },
  );
}

export async function reportErrorAction(
  personId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const access: Action = "enrolment.report_error";
  return formAction({
    access,
    form,
    run: (user) =>
      withinContext(applicantContext(user, personId, access), (ctx) =>
        reportEnrolmentError(ctx, formFields(form)),
      ),
    success: "已报告给班主任，班主任核实后会更正学籍信息。",
  });
}

/** The household form posts its state as JSON (dynamic lists of members and events). */
export async function householdAction(personId: string, payload: unknown): Promise<FormState> {
  return formAction({
    access: "application.apply",
    input: payload,
    run: (user, input) =>
      withinContext(applicantContext(user, personId), (ctx) => saveHouseholdInfo(ctx, input)),
    // The form keeps the new version so its next save is not mistaken for a stale one.
    success: (saved) => ({ ok: true, message: "已保存。", values: { version: String(saved.version) } }),
  });
}
