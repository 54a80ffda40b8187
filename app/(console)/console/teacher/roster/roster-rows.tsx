"use client";

import { StackedCell, StackedRow, StackedTitle } from "@/components/ui/stacked-table";

export type RosterRowView = {
  id: string;
  name: string;
  studentNo: string;
  idNumber: string;
  enrolment: string;
  status: string;
  guardians: { id: string; text: string }[];
};

/**
 * The class roster's rows, rendered from plain strings: the page passes the rows as data, so the RSC
 * payload carries a few strings per student instead of every row's element tree (bench/README.md §4,
 * seventh pass). Same markup as before.
 */
export function RosterRows({ rows }: { rows: RosterRowView[] }) {
  return rows.map((s) => (
    <StackedRow key={s.id} data-testid="class-roster-row">
      <StackedTitle>{s.name}</StackedTitle>
      <StackedCell label="学籍号" className="text-xs">
        {s.studentNo}
      </StackedCell>
      <StackedCell label="身份证号" className="text-xs">
        {s.idNumber}
      </StackedCell>
      <StackedCell label="入学 / 学制">{s.enrolment}</StackedCell>
      <StackedCell label="学籍状态">{s.status}</StackedCell>
      <StackedCell label="监护人">
        {s.guardians.map((g) => (
          <div key={g.id} className="max-md:inline-block max-md:mr-2">
            {g.text}
          </div>
        ))}
      </StackedCell>
      <StackedCell>
        <a className="inline-block text-brand-600 max-md:py-1" href={`/console/teacher/roster/${s.id}`}>
          更正<span className="sr-only">{`${s.name}的监护人信息`}</span>
        </a>
      </StackedCell>
    </StackedRow>
  ));
}
