import type { ReactNode } from "react";

/** A page section named by its own h2 (aria-labelledby), with what follows the heading. */
export function TitledSection({
  id,
  title,
  className = "space-y-2",
  children,
}: {
  id: string;
  title: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
