"use client";

import { RevealValue } from "@/components/ui/reveal-value";
import type { ActionResult } from "@/lib/domain/result";

/** The masked mobile with a "显示完整号码" button, then a tel: link (the server action audits the reveal). */
export function RevealPhone({
  masked,
  who,
  reveal,
}: {
  masked: string;
  who: string;
  reveal: () => Promise<ActionResult<{ phone: string }>>;
}) {
  return (
    <RevealValue
      masked={masked}
      who={who}
      buttonLabel="显示完整号码"
      reveal={async () => {
        const revealed = await reveal();
        return revealed.ok ? { ok: true, value: revealed.data.phone } : revealed;
      }}
      shown={(phone) => (
        <a href={`tel:${phone}`} className="font-medium text-brand-700 underline" data-testid="full-phone">
          {phone}
          <span className="sr-only">（拨打{who}）</span>
        </a>
      )}
    />
  );
}
