"use server";

import { requestIp } from "@/lib/auth/request";
import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { deleteEvidence } from "@/lib/services/evidence";

/** Deletes one evidence file while the application is still editable (uploads go through /api/evidence). */
export async function deleteEvidenceAction(personId: string, evidenceId: string): Promise<FormState> {
  const ip = await requestIp();
  return formAction({
    access: "evidence.upload",
    run: (user) => deleteEvidence(user, personId, evidenceId, ip),
    revalidate: [{ layout: "/portal" }], // the evidence list, the overview's step marks and the home card
    success: "已删除。",
  });
}
