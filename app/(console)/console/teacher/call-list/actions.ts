"use server";

import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import type { ActionResult } from "@/lib/domain/result";
import { revealGuardianPhone } from "@/lib/services/guardian-contact";

/**
 * One guardian's full mobile, on the class teacher's click (decrypted and audited by the service). Not a form:
 * the button shows the number in place, so the service's result is returned as it is.
 */
export async function revealPhoneAction(guardianId: string): Promise<ActionResult<{ phone: string }>> {
  const auth = await authorize("guardian.reveal_phone");
  if (!auth.ok) return auth;
  return revealGuardianPhone(auth.user, guardianId, await requestIp());
}
