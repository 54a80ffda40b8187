"use server";

import { formAction } from "@/lib/forms/action";
import { formFields, formGroup } from "@/lib/forms/read";
import type { FormState } from "@/lib/forms/state";
import { recordHomeVisit, returnApplication, verifyApplication } from "@/lib/services/teacher-verification";

const reviewPage = (applicationId: string) => `/console/teacher/applications/${applicationId}`;

export async function verifyAction(applicationId: string, version: number): Promise<FormState> {
  return formAction({
    access: "application.verify",
    run: (user) => verifyApplication(user, applicationId, version),
    revalidate: [reviewPage(applicationId)],
    success: "已核实。",
  });
}

export async function returnAction(
  applicationId: string,
  version: number,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "application.return",
    form,
    run: (user, input) => returnApplication(user, applicationId, input, version),
    revalidate: [reviewPage(applicationId)],
    success: "已退回申请人修改。",
  });
}

export async function homeVisitAction(
  applicationId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "homevisit.record",
    form,
    input: { ...formFields(form), scores: formGroup(form, "score") },
    run: (user, input) => recordHomeVisit(user, applicationId, input),
    redirect: `${reviewPage(applicationId)}?visit=1`,
  });
}
