import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { SUPPORT_LEVEL_LABELS, SUPPORT_STATE_LABELS } from "@/lib/domain/support";
import type { ProblemWithStatus } from "@/lib/services/support-desk";
import { categoryText } from "./labels";

/**
 * Problems with their place, owner and deadline. An overdue one says so in words ("已超期 N 个工作日") and is
 * marked with a bold border — never by colour alone.
 */
export function ProblemTable({
  rows,
  showFiler,
}: {
  rows: readonly ProblemWithStatus[];
  showFiler: boolean;
}) {
  const columns = [
    "问题",
    ...(showFiler ? ["提交人"] : []),
    "类别",
    "当前层级",
    "受理人",
    "状态",
    "提交时间",
    "答复期限",
  ];
  return (
    <DataTable columns={columns}>
      {rows.map((row) => (
        <Tr key={row.id} className={row.status.overdue ? "border-l-4 border-l-red-700" : undefined}>
          <Td>
            <Link href={`/console/support/${row.id}`} className="font-medium text-brand-700 underline">
              {row.subject}
            </Link>
            {row.urgent ? <span className="ml-2 text-xs font-semibold text-red-700">【紧急】</span> : null}
            <div className="max-w-xs truncate text-xs text-slate-500">{row.description}</div>
          </Td>
          {showFiler ? (
            <Td>
              {row.filerName}
              <div className="text-xs text-slate-500">{row.filerUnit}</div>
            </Td>
          ) : null}
          <Td>{categoryText(row.category, row.subcategory)}</Td>
          <Td>
            {SUPPORT_LEVEL_LABELS[row.level]}
            <div className="text-xs text-slate-500">{row.queueSchool?.name ?? row.queueRegion?.name}</div>
          </Td>
          <Td>{row.owner?.displayName ?? "待受理"}</Td>
          <Td>{SUPPORT_STATE_LABELS[row.state]}</Td>
          <Td>
            {formatBeijingDateTime(row.filedAt)}
            <div className="text-xs text-slate-500">已过 {row.status.ageWorkingDays} 个工作日</div>
          </Td>
          <Td>
            {row.deadlineDay}
            <div className={row.status.overdue ? "font-bold text-red-700" : "text-xs text-slate-600"}>
              {row.status.overdue ? `⚠ ${row.status.text}` : row.status.text}
            </div>
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}
