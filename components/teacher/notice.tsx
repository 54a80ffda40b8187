/** A message box for console pages (errors or empty states). */
export function Notice({ children, kind = "info" }: { children: React.ReactNode; kind?: "info" | "error" }) {
  const cls =
    kind === "error" ? "bg-red-50 text-red-700 ring-red-200" : "bg-white text-slate-600 ring-slate-200";
  return (
    <p role={kind === "error" ? "alert" : undefined} className={`rounded-lg p-4 text-sm ring-1 ${cls}`}>
      {children}
    </p>
  );
}

/** Page links for a server-paginated list. */
export function Pager({
  page,
  pageSize,
  total,
  href,
}: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="分页" className="flex items-center gap-3 text-sm">
      {page > 1 ? (
        <a className="text-brand-600" href={href(page - 1)}>
          上一页
        </a>
      ) : null}
      <span>
        第 {page} / {pages} 页，共 {total} 条
      </span>
      {page < pages ? (
        <a className="text-brand-600" href={href(page + 1)}>
          下一页
        </a>
      ) : null}
    </nav>
  );
}
