/** Shared class names of the determination pages (panels and table cells: components/ui/card.tsx, components/ui/table.tsx). */
export const inputCls =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100";
export const linkCls = "text-brand-700 underline-offset-2 hover:underline";
