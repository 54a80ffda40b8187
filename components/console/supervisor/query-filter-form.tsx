import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The filter form of a region query page (app/(console)/console/supervisor/queries/*): a GET form, so the
 * filters stay in the address (bookmarks, the history page's back link), its fields, then 查询 and 清除
 * (back to the unfiltered list).
 */
export function QueryFilterForm({
  label,
  clearHref,
  columnsClassName,
  children,
}: {
  /** The form's accessible name, e.g. "筛选认定结果". */
  label: string;
  clearHref: string;
  /** The grid's columns per breakpoint, e.g. "md:grid-cols-3 lg:grid-cols-6 lg:items-end". */
  columnsClassName: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      aria-label={label}
      className={`grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 ${columnsClassName}`}
    >
      {children}
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
          查询
        </button>
        <Link href={clearHref} className="rounded-md px-3 py-2 text-slate-600 hover:bg-slate-100">
          清除
        </Link>
      </div>
    </form>
  );
}
