import Link from "next/link";
import { Notice } from "@/components/teacher/notice";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS, type Role } from "@/lib/domain/codes";
import { loadUntrained } from "@/lib/services/support-records";

export const metadata = { title: "未参加培训的用户" };

const KIND_LABELS = { calendar: "自然年", academic: "学年（9月起）" } as const;

export default async function UntrainedPage({
  searchParams,
}: {
  searchParams: Promise<{ kind?: string | string[]; page?: string | string[] }>;
}) {
  const { user } = await requirePageAccess("training.untrained");
  const params = await searchParams;
  const r = await loadUntrained(user, params.kind, params.page);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { kind, yearLabel, page, pages, total, rows } = r.data;
  const href = (to: { kind?: string; page?: number }) =>
    `/console/support/training/untrained?kind=${to.kind ?? kind}&page=${to.page ?? 1}`;
  return (
    <>
      <h1 className="text-xl font-semibold">未参加培训的用户</h1>
      <nav aria-label="统计年度" className="flex gap-3 text-sm">
        {(Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[]).map((option) => (
          <Link
            key={option}
            href={href({ kind: option })}
            aria-current={option === kind ? "page" : undefined}
            className={option === kind ? "font-semibold underline" : "underline"}
          >
            按{KIND_LABELS[option]}
          </Link>
        ))}
      </nav>
      <p className="text-sm" data-testid="untrained-summary">
        本辖区区县级、校级用户中，{yearLabel}尚未参加培训的有 {total} 人。
      </p>
      {rows.length > 0 ? (
        <DataTable columns={["姓名", "单位", "身份"]}>
          {rows.map((row) => (
            <Tr key={row.id}>
              <Td>{row.displayName}</Td>
              <Td>{row.unit}</Td>
              <Td>{ROLE_LABELS[row.role as Role] ?? row.role}</Td>
            </Tr>
          ))}
        </DataTable>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="分页" className="flex items-center gap-3 text-sm">
          {page > 1 ? <Link href={href({ page: page - 1 })}>上一页</Link> : null}
          <span>
            第 {page} / {pages} 页
          </span>
          {page < pages ? <Link href={href({ page: page + 1 })}>下一页</Link> : null}
        </nav>
      ) : null}
      <p className="text-sm">
        <Link href="/console/support/training" className="underline">
          返回培训记录
        </Link>
      </p>
    </>
  );
}
