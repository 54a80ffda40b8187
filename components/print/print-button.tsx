"use client";

/** The screen-only 打印 button of a print page (the browser's print dialog: A4, or 另存为 PDF). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
    >
      {label}
    </button>
  );
}
