"use client";

import { useState, useTransition, type ReactNode } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

/** What a reveal answers: the full value, or the Chinese reason it is refused. */
export type Revealed = { ok: true; value: string } | { ok: false; message: string };

/**
 * A masked value (a phone, an ID number) with a button that fetches the full value from a server action
 * only on click (the action audits it); until then the page holds the masked value only.
 */
export function RevealValue({
  masked,
  maskedClassName,
  who,
  buttonLabel,
  reveal,
  shown,
}: {
  masked: string;
  maskedClassName?: string;
  /** Whose value, for screen readers ("显示完整号码：张三的家长"). */
  who: string;
  buttonLabel: string;
  reveal: () => Promise<Revealed>;
  /** How the full value is shown once fetched. */
  shown: (value: string) => ReactNode;
}) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  if (value) return shown(value);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className={maskedClassName}>{masked}</span>
      <button
        type="button"
        disabled={!hydrated || pending}
        onClick={() =>
          start(async () => {
            const revealed = await reveal();
            if (revealed.ok) setValue(revealed.value);
            else setError(revealed.message);
          })
        }
        className="rounded px-2 py-0.5 text-xs text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50 disabled:opacity-50"
      >
        {pending ? "正在获取…" : buttonLabel}
        <span className="sr-only">：{who}</span>
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
