"use server";

import { requestIp } from "@/lib/auth/request";
import { publicFormAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { registerParent } from "@/lib/services/applicant-accounts";

export async function registerAction(_prev: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  return publicFormAction({
    form,
    run: (input) => registerParent(input, ip),
    redirect: "/login?notice=registered",
  });
}
