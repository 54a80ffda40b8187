"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { FormOutcome } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";

type Outcome = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

/**
 * 自采集 form: the entry's fields (children) plus the evidence file, posted
 * as multipart to `endpoint` (a route handler: the file may be up to 10 MB,
 * more than a server action takes). Shows the Chinese outcome and field
 * errors; typed values stay after an error, the form clears after success.
 */
export function SpecialEntryForm({ endpoint, children }: { endpoint: string; children: ReactNode }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errors = outcome?.fieldErrors
    ? [...new Set(Object.values(outcome.fieldErrors))].filter((m) => m !== outcome.message)
    : [];
  return (
    <form
      method="post"
      noValidate
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
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
                : "提交失败，请稍后重试。",
          };
          setOutcome(result);
          if (result.ok) {
            form.reset();
            router.refresh();
          }
        } catch {
          setOutcome({ ok: false, message: "网络异常，提交没有完成，请稍后重试。" });
        } finally {
          setBusy(false);
        }
      }}
    >
      {children}
      <button
        type="submit"
        disabled={busy || !hydrated}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {busy ? "正在上传…" : "添加"}
      </button>
      {outcome ? <FormOutcome ok={outcome.ok} message={outcome.message} errors={errors} /> : null}
    </form>
  );
}
