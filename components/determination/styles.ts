/** Shared class names of the determination pages. */
export const inputCls =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-100";
export const cardCls = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";
export const linkCls = "text-brand-700 underline-offset-2 hover:underline";
export const thCls = "px-3 py-2 text-left font-medium text-slate-600";
export const tdCls = "px-3 py-2";
