"use client";

import { useState } from "react";
import type { JsonAnswer } from "@/lib/http/json-answer";

export type PostOutcome<Data> =
  | { ok: true; message: string; data: Data }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

/** Posts a multipart form to a JSON route (lib/http/json-answer.ts) and keeps its answer for the form. */
export function useMultipartPost<Data>() {
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<PostOutcome<Data> | null>(null);
  async function post(url: string, form: FormData): Promise<PostOutcome<Data>> {
    setPending(true);
    let result: PostOutcome<Data>;
    try {
      const res = await fetch(url, { method: "POST", body: form });
      const body = (await res.json().catch(() => null)) as JsonAnswer<Data> | null;
      result = body?.ok
        ? { ok: true, message: body.message, data: body.data }
        : {
            ok: false,
            message: body?.message ?? "提交失败，请稍后重试。",
            fieldErrors: body && !body.ok ? (body.fieldErrors ?? {}) : {},
          };
    } catch {
      result = { ok: false, message: "网络连接失败，请检查网络后重试。", fieldErrors: {} };
    }
    setPending(false);
    setOutcome(result);
    return result;
  }
  return { pending, outcome, post };
}
