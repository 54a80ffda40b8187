import Link from "next/link";
import type { ReactNode } from "react";
import { linkCls } from "./styles";

/**
 * The head of a determination detail page (an application, a roster, a publicity batch):
 * the way back to its list, the title, and what the page adds below it.
 */
export function DetailHeader({
  backHref,
  backLabel,
  title,
  children,
}: {
  backHref: string;
  backLabel: string;
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="space-y-1">
      <Link href={backHref} className={`${linkCls} text-sm`}>
        ← {backLabel}
      </Link>
      <h1 className="text-xl font-semibold">{title}</h1>
      {children}
    </header>
  );
}
