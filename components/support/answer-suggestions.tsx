"use client";

import { useEffect, useState } from "react";
import type { JsonAnswer } from "@/lib/http/json-answer";

type Suggestion = { id: string; title: string; body: string; kind: string };

/**
 * While the filer types the description, the 常见问题 most like it (GET /api/support/answers), announced
 * politely; each opens in place. The filer may still file.
 */
export function AnswerSuggestions({ text }: { text: string }) {
  const [found, setFound] = useState<Suggestion[]>([]);
  useEffect(() => {
    const query = text.trim();
    if ([...query].length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/support/answers?q=${encodeURIComponent(query.slice(0, 100))}`, {
          signal: controller.signal,
        });
        const body = (await res.json()) as JsonAnswer<Suggestion[]>;
        setFound(body.ok ? body.data : []);
      } catch {
        /* aborted or offline: keep what is shown */
      }
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  const shown = [...text.trim()].length < 2 ? [] : found;
  return (
    <div aria-live="polite">
      {shown.length === 0 ? null : (
        <section aria-labelledby="suggest-heading" className="rounded-md bg-sky-50 p-3 ring-1 ring-sky-200">
          <h2 id="suggest-heading" className="text-sm font-semibold">
            这些常见问题可能已经解答了您的问题
          </h2>
          <ul className="mt-1 space-y-1 text-sm">
            {shown.map((answer) => (
              <li key={answer.id}>
                <details>
                  <summary className="cursor-pointer text-brand-700">{answer.title}</summary>
                  <p className="mt-1 whitespace-pre-wrap text-slate-700">{answer.body}</p>
                </details>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-600">没有解决，请继续填写并提交。</p>
        </section>
      )}
    </div>
  );
}
