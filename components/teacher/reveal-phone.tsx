"use client";

import type { ActionResult } from "@/lib/domain/result";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * The masked mobile with a "显示完整号码" button: the full number is fetched from the server action only
 * on click (audited there), then shown as a tel: link. Until then the page holds the masked number only.
 */
export function RevealPhone({
  masked,
  who,
  reveal,
}: {
  masked: string;
  who: string;
  reveal: () => Promise<ActionResult<{ phone: string }>>;
}) {
  const [phone, setPhone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  if (phone)
    return (
      <a href={`tel:${phone}`} className="font-medium text-brand-700 underline" data-testid="full-phone">
        {phone}
        <span className="sr-only">（拨打{who}）</span>
      </a>
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span>{masked}</span>
      <button
        type="button"
        disabled={!hydrated || pending}
        onClick={() =>
          start(async () => {
            const revealed = await reveal();
            if (revealed.ok) setPhone(revealed.data.phone);
            else setError(revealed.message);
          })
        }
        className="rounded px-2 py-0.5 text-xs text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50 disabled:opacity-50"
      >
        {pending ? "正在获取…" : "显示完整号码"}
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
