"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { startTermArchive } from "@/lib/services/term-archive";

export async function startTermArchiveAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "archive.term",
    input: undefined,
    run: (user) => startTermArchive(user, form.get("termId")),
    revalidate: ["/console/archive"],
    success: (started) => ({
      ok: true,
      message: started.created
        ? "已开始生成资助档案：进度见下方，完成后出现下载链接。"
        : "该校的资助档案正在生成中，请等待完成。",
    }),
  });
}
