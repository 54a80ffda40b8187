"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { recordRecovery } from "@/lib/services/aid-recovery";

/** 登记追回: one amount recovered (date, amount in yuan, note). */
export async function recordRecoveryAction(
  recoveryId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "aid_recovery.record",
    form,
    run: (user, input) => recordRecovery(user, recoveryId, input),
    revalidate: ["/console/rosters/recoveries"],
    success: (data) => ({ ok: true, message: data.closed ? "已登记，该笔资金已全部追回。" : "已登记追回。" }),
  });
}
