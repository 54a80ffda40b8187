"use client";

import { usePathname } from "next/navigation";
import type { NavItem } from "@/components/console/nav";

const LINK_CLASS = "whitespace-nowrap rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100";

/**
 * The console's main navigation as one client component: the layout passes a plain array of
 * {href, label} strings, so the RSC payload of every console page carries one component reference and
 * the strings instead of one serialised `next/link` element per item (bench/README.md §4, fifth pass).
 * The items are plain links (a click loads the page): a `next/link` per item cost rendering on every console
 * page and prefetched every item's route on each view (bench/README.md §4, seventh pass). The current page
 * is marked with aria-current="page".
 */
export function ConsoleNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="主导航" className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-col">
      {items.map((item) => (
        <a
          key={item.href}
          href={item.href}
          aria-current={item.href === pathname ? "page" : undefined}
          className={LINK_CLASS}
        >
          {item.label}
        </a>
      ))}
    </nav>
  );
}
