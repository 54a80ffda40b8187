"use server";

import type { LettersState } from "@/components/letters/letter-workbench";
import { formAction } from "@/lib/forms/action";
import { printClassLetters, reissueAccessCode } from "@/lib/services/access-codes";

/** intent: "print-missing" | "reissue-all" | "reissue:<studentId>". The letters to print come back with the state. */
export async function lettersAction(
  classId: string,
  _prev: LettersState,
  form: FormData,
): Promise<LettersState> {
  const intent = String(form.get("intent") ?? "");
  let letters: NonNullable<LettersState>["letters"];
  if (intent.startsWith("reissue:")) {
    const state = await formAction({
      access: "access_code.reissue",
      run: (user) => reissueAccessCode(user, intent.slice("reissue:".length)),
      revalidate: ["/letters"],
      success: (letter) => {
        letters = [letter];
        return {
          ok: true,
          message: `已为${letter.name}生成新的验证码，原验证码已作废。请打印下面的告家长书。`,
        };
      },
    });
    return { ...state, letters };
  }
  const state = await formAction({
    access: "letters.print",
    run: (user) => printClassLetters(user, classId, { reissueAll: intent === "reissue-all" }),
    revalidate: ["/letters"],
    success: (printed) => {
      letters = printed;
      return printed.length === 0
        ? {
            ok: true,
            message: "本班学生都已发放验证码，无需生成。需要重新打印某位学生的告家长书，请点该学生的“补发”。",
          }
        : { ok: true, message: `已为${printed.length}名学生生成验证码。请打印下面的告家长书。` };
    },
  });
  return { ...state, letters: letters?.length ? letters : undefined };
}
