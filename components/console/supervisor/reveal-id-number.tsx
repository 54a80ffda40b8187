"use client";

import { useState, useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ActionResult } from "@/lib/domain/result";

/**
 * The masked ID number with a "显示完整身份证号" button: the full number is fetched from the server action
 * only on click (audited there); until then the page holds the masked number only.
 */
export function RevealIdNumber({
  masked,
  who,
  reveal,
}: {
  masked: string;
  who: string;
  reveal: () => Promise<ActionResult<{ idNumber: string }>>;
}) {
  const [idNumber, setIdNumber] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  if (idNumber)
    return (
      <span className="font-mono" data-testid="full-id-number">
        {idNumber}
      </span>
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono">{masked}</span>
      <button
        type="button"
        disabled={!hydrated || pending}
        onClick={() =>
          start(async () => {
            const revealed = await reveal();
            if (revealed.ok) setIdNumber(revealed.data.idNumber);
            else setError(revealed.message);
          })
        }
        className="rounded px-2 py-0.5 text-xs text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50 disabled:opacity-50"
      >
        {pending ? "正在获取…" : "显示完整身份证号"}
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
