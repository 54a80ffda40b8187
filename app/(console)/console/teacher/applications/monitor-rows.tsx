"use client";

import { StackedCell, StackedRow, StackedTitle } from "@/components/ui/stacked-table";

export type MonitorRowView = {
  id: string;
  name: string;
  studentNo: string;
  state: string;
  returnDeadline: string | null;
  submittedAt: string;
  /** The application's page and its link text (核实 / 查看); null before the family has started. */
  link: { href: string; text: string } | null;
};

/**
 * The monitor's rows, rendered from plain strings: the RSC payload carries a few strings per student
 * instead of every row's element tree (bench/README.md §4, seventh pass). Same markup as before.
 */
export function MonitorRows({ rows }: { rows: MonitorRowView[] }) {
  return rows.map((s) => (
    <StackedRow key={s.id} data-testid="monitor-row">
      <StackedTitle>{s.name}</StackedTitle>
      <StackedCell label="学籍号" className="text-xs text-slate-500">
        {s.studentNo}
      </StackedCell>
      <StackedCell label="申请状态">
        {s.state}
        {s.returnDeadline ? (
          <span className="block text-xs text-amber-700">{`修改截止 ${s.returnDeadline}`}</span>
        ) : null}
      </StackedCell>
      <StackedCell label="提交时间" className="max-md:text-xs">
        {s.submittedAt}
      </StackedCell>
      <StackedCell>
        {s.link ? (
          <a className="inline-block text-brand-600 max-md:py-1" href={s.link.href}>
            {s.link.text}
            <span className="sr-only">{`${s.name}的申请`}</span>
          </a>
        ) : null}
      </StackedCell>
    </StackedRow>
  ));
}
