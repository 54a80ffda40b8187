"use server";

import { formAction } from "@/lib/forms/action";
import { formFields } from "@/lib/forms/read";
import type { FormState } from "@/lib/forms/state";
import {
  savePaperHousehold,
  savePaperProgrammes,
  startPaperApplication,
  submitPaperApplication,
} from "@/lib/services/paper-application";

const paperPage = (personId: string) => `/console/teacher/paper/${personId}`;

export async function startPaperAction(personId: string): Promise<FormState> {
  return formAction({
    access: "paper.enter",
    run: (user) => startPaperApplication(user, personId),
    redirect: paperPage(personId),
  });
}

export async function paperProgrammesAction(
  personId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "paper.enter",
    form,
    input: formFields(form, ["programmeId"]),
    run: (user, input) => savePaperProgrammes(user, personId, { ...input, programmeIds: input.programmeId }),
    revalidate: [paperPage(personId)],
    success: "资助项目已保存。",
  });
}

export async function paperHouseholdAction(personId: string, payload: unknown): Promise<FormState> {
  return formAction({
    access: "paper.enter",
    input: payload,
    run: (user, input) => savePaperHousehold(user, personId, input),
    // The page's other forms carry the draft's version: re-render them with the new one.
    revalidate: [paperPage(personId)],
    success: (saved) => ({
      ok: true,
      message: "家庭经济情况已保存。",
      values: { version: String(saved.version) },
    }),
  });
}

export async function submitPaperAction(personId: string): Promise<FormState> {
  return formAction({
    access: "paper.enter",
    run: (user) => submitPaperApplication(user, personId),
    revalidate: [paperPage(personId)],
    success: "纸质申请已提交，进入待核实。",
  });
}
