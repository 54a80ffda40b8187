"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { trainingSessionSchema } from "@/lib/schemas/support-records";
import { recordTraining } from "@/lib/services/support-records";

export async function recordTrainingAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "training.record",
    form,
    schema: trainingSessionSchema,
    run: (user, input) => recordTraining(user, input),
    revalidate: [{ layout: "/console/support/training" }],
    success: (data) => ({ ok: true, message: `已登记培训，参训${data.attendees}人。` }),
  });
}
