"use client";

import { Td, Tr } from "@/components/ui/table";

export type StudentRowView = {
  id: string;
  name: string;
  idNumber: string;
  studentNo: string;
  className: string;
  status: string;
  categories: string[];
};

/**
 * The student roster's rows, rendered from plain strings: the RSC payload carries a few strings per
 * student instead of every row's element tree (bench/README.md §4, seventh pass). Same markup.
 */
export function StudentRows({ rows }: { rows: StudentRowView[] }) {
  return rows.map((s) => (
    <Tr key={s.id}>
      <Td>
        <a
          href={`/console/students/${s.id}/archive`}
          className="text-brand-600 underline"
          title="查看资助档案"
        >
          {s.name}
        </a>
      </Td>
      <Td className="font-mono text-xs">{s.idNumber}</Td>
      <Td className="font-mono text-xs">{s.studentNo}</Td>
      <Td>{s.className}</Td>
      <Td>{s.status}</Td>
      <Td>
        {s.categories.map((category) => (
          <span
            key={category}
            className="mr-1 inline-block rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800 ring-1 ring-amber-200"
          >
            {category}
          </span>
        ))}
      </Td>
    </Tr>
  ));
}
