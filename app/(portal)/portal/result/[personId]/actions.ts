"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { requestReview } from "@/lib/services/publicity";
import { receipt } from "@/lib/services/rosters";
import { isId } from "@/lib/schemas/id";

export async function reviewRequestAction(personId: string, _s: FormState, f: FormData): Promise<FormState> {
  const a = await authorize("result.review_request");
  if (!a.ok) return { message: a.message };
  const r = await requestReview(
    a.user,
    { personId, content: String(f.get("content") ?? "") },
    await requestIp(),
  );
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors };
  if (isId(personId)) revalidatePath(`/portal/result/${personId}`);
  return { ok: true, message: "复议申请已提交，学校将在公示结束前答复。" };
}

export async function receiptAction(personId: string, entryId: string): Promise<FormState> {
  const a = await authorize("result.confirm_receipt");
  if (!a.ok) return { message: a.message };
  const r = await receipt(a.user, entryId);
  if (!r.ok) return { message: r.message };
  if (isId(personId)) revalidatePath(`/portal/result/${personId}`);
  return { ok: true, message: "已确认签收。" };
}
