"use server";

import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import type { ActionResult } from "@/lib/domain/result";
import { revealPersonIdNumber } from "@/lib/services/region-queries";

/**
 * A special-group student's full ID number, on the supervisor's click (decrypted and audited by the
 * service). Not a form: the button shows the number in place, so the service's result is returned as is.
 */
export async function revealIdNumberAction(personId: string): Promise<ActionResult<{ idNumber: string }>> {
  const auth = await authorize("region_query.reveal_id");
  if (!auth.ok) return auth;
  return revealPersonIdNumber(auth.user, personId, await requestIp());
}
