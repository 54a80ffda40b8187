"use client";

import { linkCls } from "@/components/determination/styles";
import { Td, Tr } from "@/components/ui/table";

export type QueueRowView = {
  id: string;
  name: string;
  className: string;
  state: string;
  classRank: string;
  simulatedScore: string;
  simulatedLevel: string;
  /** 年级调整 level, when it differs from the simulated one. */
  gradeAdjusted: string | null;
  finalLevel: string;
  adjusted: boolean;
};

/**
 * The determination queue's rows, rendered from plain strings: the RSC payload carries a few strings per
 * application instead of every row's element tree (bench/README.md §4, seventh pass). Same markup.
 */
export function QueueRows({ rows }: { rows: QueueRowView[] }) {
  return rows.map((x) => (
    <Tr key={x.id} data-testid="queue-row">
      <Td>{x.name}</Td>
      <Td>{x.className}</Td>
      <Td>{x.state}</Td>
      <Td>{x.classRank}</Td>
      <Td>{x.simulatedScore}</Td>
      <Td>
        {x.simulatedLevel}
        {x.gradeAdjusted ? (
          <span className="block text-xs text-amber-700">{`年级调整：${x.gradeAdjusted}`}</span>
        ) : null}
      </Td>
      <Td>
        {x.finalLevel}
        {x.adjusted ? <span className="block text-xs text-amber-700">已调整</span> : null}
      </Td>
      <Td>
        <a className={linkCls} href={`/console/determination/${x.id}`}>
          查看与认定
        </a>
      </Td>
    </Tr>
  ));
}
