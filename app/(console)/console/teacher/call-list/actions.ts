"use server";

import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { revealGuardianPhone } from "@/lib/services/guardian-contact";

export type RevealResult = { ok: true; phone: string } | { ok: false; message: string };

/** One guardian's full mobile, on the class teacher's click (decrypted and audited by the service). */
export async function revealPhoneAction(guardianId: string): Promise<RevealResult> {
  const a = await authorize("guardian.reveal_phone");
  if (!a.ok) return { ok: false, message: a.message };
  const r = await revealGuardianPhone(a.user, guardianId, await requestIp());
  return r.ok ? { ok: true, phone: r.data.phone } : { ok: false, message: r.message };
}
