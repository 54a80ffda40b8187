"use client";

import { Button, type ButtonVariant } from "@/components/ui/button";

/** Prints the page (the browser's print dialog: A4 paper or PDF); hidden on paper itself. */
export function PrintPageButton({
  label = "打印",
  variant = "secondary",
}: {
  label?: string;
  variant?: ButtonVariant;
}) {
  return (
    <Button variant={variant} className="print:hidden" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
