"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
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
  // The filer's own objections (and later the school's answer) are listed on the page.
  if (r.ok) revalidatePath(`/publicity/${batchId}`);
  return r.ok
    ? { ok: true, message: "异议已提交，学校将调查核实并答复，答复会显示在本页“我提出的异议”中。" }
    : { message: r.message, fieldErrors: r.fieldErrors };
}
