"use server";

import { requestIp } from "@/lib/auth/request";
import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { fileObjection } from "@/lib/services/publicity";

export async function objectionAction(batchId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  return formAction({
    access: "publicity.object",
    form,
    run: (user, input) => fileObjection(user, { ...input, batchId }, ip),
    // The filer's own objections (and later the school's answer) are listed on the page.
    revalidate: [`/publicity/${batchId}`],
    success: "异议已提交，学校将调查核实并答复，答复会显示在本页“我提出的异议”中。",
  });
}
