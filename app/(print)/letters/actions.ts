"use server";

import { revalidatePath } from "next/cache";
import type { LettersState } from "@/components/letters/letter-workbench";
import { authorize } from "@/lib/auth/access";
import { printClassLetters, reissueAccessCode } from "@/lib/services/access-codes";

/** intent: "print-missing" | "reissue-all" | "reissue:<studentId>". */
export async function lettersAction(
  classId: string,
  _prev: LettersState,
  form: FormData,
): Promise<LettersState> {
  const intent = String(form.get("intent") ?? "");
  if (intent.startsWith("reissue:")) {
    const a = await authorize("access_code.reissue");
    if (!a.ok) return { message: a.message };
    const r = await reissueAccessCode(a.user, intent.slice("reissue:".length));
    if (!r.ok) return { message: r.message };
    revalidatePath("/letters");
    return {
      ok: true,
      message: `已为${r.data.name}生成新的验证码，原验证码已作废。请打印下面的告家长书。`,
      letters: [r.data],
    };
  }
  const a = await authorize("letters.print");
  if (!a.ok) return { message: a.message };
  const r = await printClassLetters(a.user, classId, { reissueAll: intent === "reissue-all" });
  if (!r.ok) return { message: r.message };
  revalidatePath("/letters");
  if (r.data.length === 0)
    return {
      ok: true,
      message: "本班学生都已发放验证码，无需生成。需要重新打印某位学生的告家长书，请点该学生的“补发”。",
    };
  return {
    ok: true,
    message: `已为${r.data.length}名学生生成验证码。请打印下面的告家长书。`,
    letters: r.data,
  };
}
