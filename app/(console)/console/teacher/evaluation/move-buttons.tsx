"use client";

import { useTransition } from "react";

/** Move-up / move-down buttons for one ranked applicant. */
export function MoveButtons({
  name,
  up,
  down,
  first,
  last,
}: {
  name: string;
  up: () => Promise<unknown>;
  down: () => Promise<unknown>;
  first: boolean;
  last: boolean;
}) {
  const [pending, start] = useTransition();
  const cls = "rounded px-2 py-1 text-sm ring-1 ring-slate-300 disabled:opacity-40";
  return (
    <span className="flex gap-1">
      <button
        type="button"
        className={cls}
        disabled={first || pending}
        aria-label={`上移 ${name}`}
        onClick={() =>
          start(async () => {
            await up();
          })
        }
      >
        ↑
      </button>
      <button
        type="button"
        className={cls}
        disabled={last || pending}
        aria-label={`下移 ${name}`}
        onClick={() =>
          start(async () => {
            await down();
          })
        }
      >
        ↓
      </button>
    </span>
  );
}
