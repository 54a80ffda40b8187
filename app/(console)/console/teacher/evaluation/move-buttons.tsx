"use client";

import { useTransition } from "react";
import { moveAction } from "./actions";

/**
 * Move-up / move-down buttons for one ranked applicant. Given the ids, not two bound actions: the page's
 * RSC payload then carries two strings per row instead of two bound server references (bench/README.md §4).
 */
export function MoveButtons({
  name,
  classId,
  applicationId,
  first,
  last,
}: {
  name: string;
  classId: string;
  applicationId: string;
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
            await moveAction(classId, applicationId, "up");
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
            await moveAction(classId, applicationId, "down");
          })
        }
      >
        ↓
      </button>
    </span>
  );
}
