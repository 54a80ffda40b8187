"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormOutcome } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";

type Outcome = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

/**
 * The 资助名单公示 attachment upload of a 中职 monthly list: one file (PDF or image, up to 10 MB) posted as
 * multipart to the list's attachments route (app/(console)/console/rosters/vocational/[rosterId]/attachments),
 * which checks the type by content. Shows the Chinese outcome; the page refreshes after success.
 */
export function AttachmentUpload({ endpoint, required }: { endpoint: string; required: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errors = outcome?.fieldErrors
    ? [...new Set(Object.values(outcome.fieldErrors))].filter((message) => message !== outcome.message)
    : [];
  return (
    <form
      method="post"
      encType="multipart/form-data"
      noValidate
      aria-label="上传公示附件"
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        setBusy(true);
        setOutcome(null);
        try {
          const res = await fetch(endpoint, { method: "POST", body: new FormData(form) });
          const body = (await res.json().catch(() => null)) as Outcome | null;
          const result = body ?? {
            ok: false,
            message:
              res.status === 413
                ? "文件超过10MB，请压缩图片或把PDF分成几份后再上传。"
                : "上传失败，请稍后重试。",
          };
          setOutcome(result);
          if (result.ok) {
            form.reset();
            router.refresh();
          }
        } catch {
          setOutcome({ ok: false, message: "网络异常，上传没有完成，请稍后重试。" });
        } finally {
          setBusy(false);
        }
      }}
    >
      <div>
        <label htmlFor="publicity-file" className="block text-sm">
          公示附件（PDF 或 JPG/PNG 图片，不超过 10MB{required ? "；本月必须上传" : "；本月可不上传"}）
        </label>
        <input
          id="publicity-file"
          name="file"
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          aria-invalid={Boolean(outcome?.fieldErrors?.file)}
          className="mt-1 block text-sm"
        />
      </div>
      <button
        type="submit"
        disabled={busy || !hydrated}
        className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
      >
        {busy ? "正在上传…" : "上传附件"}
      </button>
      {outcome ? (
        <div className="w-full">
          <FormOutcome ok={outcome.ok} message={outcome.message} errors={errors} />
        </div>
      ) : null}
    </form>
  );
}
