"use client";

import { Button } from "@/components/ui/button";

/** Prints the page (the browser's print dialog: paper or PDF); hidden on paper itself. */
export function PrintPageButton({ label = "打印" }: { label?: string }) {
  return (
    <Button variant="secondary" className="print:hidden" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
