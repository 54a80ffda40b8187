"use server";

import type { FormState } from "@/components/ui/action-form";
import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { fileObjectionAs } from "@/lib/services/publicity";

export async function objectionAction(batchId: string, _s: FormState, f: FormData): Promise<FormState> {
  const a = await authorize("publicity.object");
  if (!a.ok) return { message: a.message };
  const r = await fileObjectionAs(
    a.user,
    { batchId, content: String(f.get("content") ?? "") },
    await requestIp(),
  );
  return r.ok
    ? { ok: true, message: "异议已提交，学校将调查核实并答复。" }
    : { message: r.message, fieldErrors: r.fieldErrors };
}
