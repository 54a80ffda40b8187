import Link from "next/link";
import { SUPPORT_LEVEL_LABELS, SUPPORT_LEVELS } from "@/lib/domain/support";
import type { SessionUser } from "@/lib/domain/session-user";
import { loadSupportCounts } from "@/lib/services/support-desk";

/** The console home's block: open and overdue support problems per level of the handler's scope. */
export async function SupportCounts({ user }: { user: SessionUser }) {
  const counts = await loadSupportCounts(user);
  if (!counts) return null;
  const rows = SUPPORT_LEVELS.map((level) => counts.find((c) => c.level === level)).filter(
    (c) => c !== undefined,
  );
  const overdue = rows.reduce((n, row) => n + row.overdue, 0);
  return (
    <section aria-labelledby="support-counts-heading" className="space-y-1">
      <h2 id="support-counts-heading" className="font-semibold">
        问题反馈处理
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">没有未办结的问题。</p>
      ) : (
        <ul className="text-sm">
          {rows.map((row) => (
            <li key={row.level}>
              {SUPPORT_LEVEL_LABELS[row.level]}级：未办结 {row.open} 个
              {row.overdue > 0 ? (
                <strong className="text-red-700">，其中已超期 {row.overdue} 个</strong>
              ) : (
                "，无超期"
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm">
        <Link href="/console/support/progress" className="text-brand-700 underline">
          问题处理进度清单{overdue > 0 ? `（${overdue} 个已超期）` : ""}
        </Link>
      </p>
    </section>
  );
}
