"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { personIdSchema } from "@/lib/schemas/application";
import { isId } from "@/lib/schemas/id";
import { deleteEvidence } from "@/lib/services/evidence";

/** Deletes one evidence file while the application is still editable (uploads go through /api/evidence). */
export async function deleteEvidenceAction(personId: string, evidenceId: string): Promise<FormState> {
  const auth = await authorize("evidence.upload");
  if (!auth.ok) return { message: auth.message };
  const p = personIdSchema.safeParse(personId);
  if (!p.success || !isId(evidenceId)) return { message: "链接无效，请刷新页面。" };
  const r = await deleteEvidence(auth.user, p.data, evidenceId, await requestIp());
  if (!r.ok) return { message: r.message };
  revalidatePath("/portal", "layout"); // the evidence list, the overview's step marks and the home card
  return { ok: true, message: "已删除。" };
}
