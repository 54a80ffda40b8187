"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { describedBy, Field, FormMessage, Select, SubmitButton } from "@/components/ui/form";
import type { JsonAnswer } from "@/lib/http/json-answer";
import { EVIDENCE_PURPOSES, EVIDENCE_PURPOSE_LABELS } from "@/lib/domain/codes";
import { EMPTY_MESSAGE, TOO_LARGE_MESSAGE } from "@/lib/domain/evidence";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Uploads one file at a time with XMLHttpRequest, so the applicant sees the
 * progress of a several-MB phone photo. The server decides the type by the
 * file's content; the size is also checked here to spare a useless upload.
 */
export function EvidenceUploader({ personId, maxBytes }: { personId: string; maxBytes: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [purpose, setPurpose] = useState("");
  const hydrated = useHydrated();
  const [progress, setProgress] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [errors, setErrors] = useState<{ purpose?: string; file?: string }>({});

  function upload(e: React.FormEvent) {
    e.preventDefault();
    const file = input.current?.files?.[0];
    const errs = {
      purpose: purpose ? undefined : "请选择这份材料用来证明什么",
      file: file ? undefined : "请选择要上传的文件",
    };
    if (file && file.size > maxBytes) errs.file = TOO_LARGE_MESSAGE;
    if (file && file.size === 0) errs.file = EMPTY_MESSAGE;
    setErrors(errs);
    if (errs.purpose || errs.file || !file) {
      setMessage({ kind: "error", text: errs.file ?? errs.purpose ?? "" });
      return;
    }
    const form = new FormData();
    form.set("personId", personId);
    form.set("purpose", purpose);
    form.set("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/evidence");
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onload = () => {
      setUploading(false);
      let body: Partial<JsonAnswer<{ id: string }>> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: use the generic message */
      }
      if (body.ok) {
        setProgress(100);
        setMessage({ kind: "success", text: `上传成功：${file.name}` });
        if (input.current) input.current.value = "";
        setPurpose("");
        router.refresh();
      } else {
        setProgress(null);
        const text = body.message ?? (xhr.status === 413 ? TOO_LARGE_MESSAGE : "上传失败，请稍后重试。");
        const fieldErrors = body.ok === false ? body.fieldErrors : undefined;
        setErrors({ file: fieldErrors?.file, purpose: fieldErrors?.purpose });
        setMessage({ kind: "error", text });
      }
    };
    xhr.onerror = () => {
      setUploading(false);
      setProgress(null);
      setMessage({ kind: "error", text: "网络中断，上传没有完成，请重试。" });
    };
    setUploading(true);
    setProgress(0);
    setMessage(null);
    xhr.send(form);
  }

  return (
    <form
      method="post"
      onSubmit={upload}
      noValidate
      className="space-y-3 rounded-xl bg-white p-4 ring-1 ring-slate-200"
    >
      <Field id="purpose" label="材料用途" error={errors.purpose}>
        <Select
          id="purpose"
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          aria-describedby={describedBy("purpose", undefined, errors.purpose)}
        >
          <option value="">请选择这份材料证明什么</option>
          {EVIDENCE_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {EVIDENCE_PURPOSE_LABELS[p]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="space-y-1">
        <label htmlFor="file" className="block text-sm font-medium text-slate-700">
          选择文件
        </label>
        <input
          id="file"
          ref={input}
          type="file"
          accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
          className="block w-full text-sm"
          aria-describedby="file-hint"
          onChange={() => {
            setMessage(null);
            setErrors({});
            setProgress(null);
          }}
        />
        <p id="file-hint" className="text-xs text-slate-500">
          JPG、PNG图片或PDF文件，每份不超过10MB。可直接用手机拍照。
        </p>
      </div>
      {progress !== null ? (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label="上传进度"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress}
            className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
            data-testid="upload-progress"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${progress}%` }} />
          </div>
          <p className="text-right text-xs text-slate-500">
            {uploading ? `正在上传 ${progress}%` : `${progress}%`}
          </p>
        </div>
      ) : null}
      {message ? <FormMessage kind={message.kind}>{message.text}</FormMessage> : null}
      <SubmitButton pending={uploading} disabled={!hydrated} pendingLabel="正在上传…">
        上传
      </SubmitButton>
    </form>
  );
}
