/**
 * The work-progress table (工作进展): one row per child region or school with the current term's figures,
 * a totals row, and rows behind schedule marked by a text badge as well as a tint (never colour alone).
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { TableFrame, TableHead, Td, Th } from "@/components/ui/table";
import { vocationalCurrent } from "@/lib/domain/work-progress";
import type { ProgressRow } from "@/lib/services/work-progress";

type Column = { header: string; title?: string; value: (row: ProgressRow) => ReactNode };

const COLUMNS: Column[] = [
  { header: "学校数", value: (r) => r.schools },
  { header: "在校学生", value: (r) => r.figures.studentsInSchool },
  { header: "已申请", value: (r) => r.figures.applied },
  { header: "放弃", title: "放弃申请", value: (r) => r.figures.waived },
  { header: "填报中", title: "草稿、退回修改或撤回", value: (r) => r.figures.inProgress },
  { header: "未申请", value: (r) => r.figures.notStarted },
  {
    header: "回收率",
    title: "（已申请＋放弃）÷ 在校学生",
    value: (r) => (r.collectionPercent === null ? "—" : `${r.collectionPercent}%`),
  },
  { header: "待核实", value: (r) => r.figures.awaitingVerification },
  { header: "已核实", value: (r) => r.figures.verified },
  { header: "待认定", value: (r) => r.figures.awaitingDetermination },
  { header: "特别困难", value: (r) => r.figures.determinedSpecial },
  { header: "困难", value: (r) => r.figures.determinedHardship },
  { header: "一般困难", value: (r) => r.figures.determinedGeneral },
  { header: "不困难", value: (r) => r.figures.determinedNone },
  { header: "已公示", value: (r) => r.figures.publicised },
  { header: "名单已审批", value: (r) => r.figures.rosterApproved },
  { header: "已发放", value: (r) => r.figures.paid },
  { header: "重点保障人群", value: (r) => r.figures.specialGroup },
  { header: "已资助", title: "重点保障人群中已资助", value: (r) => r.figures.specialAided },
  { header: "未资助·已报原因", value: (r) => r.figures.specialNoAidWithReason },
  { header: "未资助·未报原因", value: (r) => r.figures.specialNoAidWithoutReason },
  { header: "中职在校", value: (r) => (r.vocational ? r.figures.vocationalInSchool : "—") },
  { header: "逾期", title: "中职逾期学生", value: (r) => (r.vocational ? r.figures.vocationalOverdue : "—") },
  {
    header: "当期",
    title: "中职当期学生",
    value: (r) => (r.vocational ? vocationalCurrent(r.figures) : "—"),
  },
];

export function BehindMarker({ row }: { row: ProgressRow }) {
  if (row.kind === "school" && row.behindReasons.length > 0)
    return (
      <span className="inline-flex flex-col gap-0.5">
        <span className="w-fit rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
          ⚠ 进度滞后
        </span>
        {row.behindReasons.map((reason) => (
          <span key={reason} className="text-xs text-amber-900">
            {reason}
          </span>
        ))}
      </span>
    );
  if (row.kind === "region" && row.behindSchools > 0)
    return (
      <span className="w-fit rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
        ⚠ 滞后学校 {row.behindSchools} 所
      </span>
    );
  return <span className="text-xs text-slate-500">正常</span>;
}

export function ProgressTable({
  rows,
  totals,
  caption,
  hrefOf,
}: {
  rows: ProgressRow[];
  totals: ProgressRow | null;
  caption: string;
  hrefOf: (row: ProgressRow) => string;
}) {
  const behind = (row: ProgressRow) =>
    row.kind === "school" ? row.behindReasons.length > 0 : row.behindSchools > 0;
  return (
    // Focusable so keyboard users can scroll the wide table sideways; the name column stays in view.
    <TableFrame role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full text-sm whitespace-nowrap" data-testid="progress-table">
        <caption className="sr-only">{caption}</caption>
        <TableHead>
          <tr>
            <Th scope="col" className="sticky left-0 bg-slate-50">
              名称
            </Th>
            {COLUMNS.map((c) => (
              <Th key={c.header} scope="col" title={c.title} className="text-right">
                {c.header}
              </Th>
            ))}
            <Th scope="col">进度</Th>
          </tr>
        </TableHead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid="progress-row"
              data-behind={behind(row) ? "true" : "false"}
              className={behind(row) ? "border-t border-amber-200 bg-amber-50" : "border-t border-slate-100"}
            >
              <Th
                scope="row"
                className={`sticky left-0 text-left font-medium ${behind(row) ? "bg-amber-50" : "bg-white"}`}
              >
                <Link href={hrefOf(row)} className="text-sky-700 underline underline-offset-2">
                  {row.name}
                </Link>
                {row.uncomputed > 0 ? <span className="ml-1 text-xs text-slate-500">（统计中）</span> : null}
              </Th>
              {COLUMNS.map((c) => (
                <Td key={c.header} className="text-right tabular-nums">
                  {c.value(row)}
                </Td>
              ))}
              <Td>
                <BehindMarker row={row} />
              </Td>
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot
            className="border-t-2 border-slate-300 bg-slate-50 font-semibold"
            data-testid="progress-totals"
          >
            <tr>
              <Th scope="row" className="sticky left-0 bg-slate-50 text-left">
                合计
              </Th>
              {COLUMNS.map((c) => (
                <Td key={c.header} className="text-right tabular-nums">
                  {c.value(totals)}
                </Td>
              ))}
              <Td>
                <BehindMarker row={totals} />
              </Td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableFrame>
  );
}
