"use client";

import { RevealValue } from "@/components/ui/reveal-value";
import type { ActionResult } from "@/lib/domain/result";

/** The masked ID number with a "显示完整身份证号" button (the server action audits the reveal). */
export function RevealIdNumber({
  masked,
  who,
  reveal,
}: {
  masked: string;
  who: string;
  reveal: () => Promise<ActionResult<{ idNumber: string }>>;
}) {
  return (
    <RevealValue
      masked={masked}
      maskedClassName="font-mono"
      who={who}
      buttonLabel="显示完整身份证号"
      reveal={async () => {
        const revealed = await reveal();
        return revealed.ok ? { ok: true, value: revealed.data.idNumber } : revealed;
      }}
      shown={(idNumber) => (
        <span className="font-mono" data-testid="full-id-number">
          {idNumber}
        </span>
      )}
    />
  );
}
