"use client";

import { startTransition, type ReactNode } from "react";

/**
 * A form posted to a server action by `run(formData)` in a transition, with the clicked submit button's
 * name and value in the data. Submitting through onSubmit (not the `action` prop) stops React from
 * clearing what the user typed when the server refuses it. `confirmText` asks first.
 */
export function TransitionForm({
  run,
  className,
  noValidate,
  confirmText,
  children,
}: {
  run: (data: FormData) => void;
  className?: string;
  noValidate?: boolean;
  confirmText?: string;
  children: ReactNode;
}) {
  return (
    <form
      method="post"
      className={className}
      noValidate={noValidate}
      onSubmit={(e) => {
        e.preventDefault();
        if (confirmText && !window.confirm(confirmText)) return;
        const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        startTransition(() => run(data));
      }}
    >
      {children}
    </form>
  );
}
