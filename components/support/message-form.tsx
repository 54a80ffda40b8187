"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { describedBy, Field, FormMessage, SubmitButton, TextArea } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useMultipartPost } from "./post-multipart";

/**
 * A reply (seen by the filer) or an internal note (handlers only) with up to 3 files, posted to
 * POST /api/support/<id>/messages. `mode` says which the caller may write.
 */
export function MessageForm({ problemId, mode }: { problemId: string; mode: "reply" | "note" | "both" }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const { pending, outcome, post } = useMultipartPost<{ id: string }>();
  const errors = outcome && !outcome.ok ? outcome.fieldErrors : {};

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    if (mode === "note") data.set("internal", "on");
    const result = await post(`/api/support/${problemId}/messages`, data);
    if (result.ok) {
      form.current?.reset();
      router.refresh();
    }
  }

  const label = mode === "note" ? "内部备注（仅处理人员可见）" : "回复内容";
  return (
    <form
      ref={form}
      onSubmit={submit}
      className="space-y-3"
      noValidate
      aria-label={mode === "note" ? "写内部备注" : "回复"}
    >
      <Field id="msg-body" label={label} required error={errors.body}>
        <TextArea
          id="msg-body"
          name="body"
          rows={4}
          maxLength={4000}
          aria-required="true"
          aria-invalid={Boolean(errors.body)}
          aria-describedby={describedBy("msg-body", undefined, errors.body)}
        />
      </Field>
      {mode === "both" ? (
        <div className="flex items-center gap-2">
          <input id="msg-internal" name="internal" type="checkbox" className="h-4 w-4" />
          <label htmlFor="msg-internal" className="text-sm text-slate-700">
            作为内部备注（提交人看不到）
          </label>
        </div>
      ) : null}
      <Field
        id="msg-files"
        label="附件"
        hint="最多3个，JPG、PNG 图片或 PDF，每个不超过10MB。"
        error={errors.files}
      >
        <input
          id="msg-files"
          name="files"
          type="file"
          multiple
          accept="image/jpeg,image/png,application/pdf"
          aria-invalid={Boolean(errors.files)}
          aria-describedby={describedBy(
            "msg-files",
            "最多3个，JPG、PNG 图片或 PDF，每个不超过10MB。",
            errors.files,
          )}
          className="block w-full text-sm"
        />
      </Field>
      {outcome ? <FormMessage kind={outcome.ok ? "success" : "error"}>{outcome.message}</FormMessage> : null}
      <SubmitButton pending={pending} disabled={!hydrated} pendingLabel="正在发送…">
        {mode === "note" ? "保存内部备注" : "发送"}
      </SubmitButton>
    </form>
  );
}
