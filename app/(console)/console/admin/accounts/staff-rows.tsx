"use client";

import { Td, Tr } from "@/components/ui/table";

export type StaffRowView = {
  id: string;
  displayName: string;
  username: string | null;
  role: string;
  status: string;
  disabled: boolean;
  classes: string;
  /** 查看 for the admin's own account, else 管理. */
  linkText: string;
};

/**
 * The staff accounts' rows, rendered from plain strings: the RSC payload carries a few strings per account
 * instead of every row's element tree (bench/README.md §4, seventh pass). Same markup.
 */
export function StaffRows({ rows }: { rows: StaffRowView[] }) {
  return rows.map((a) => (
    <Tr key={a.id} className="align-top">
      <Td>{a.displayName}</Td>
      <Td>{a.username}</Td>
      <Td>{a.role}</Td>
      <Td className={a.disabled ? "text-red-700" : undefined}>{a.status}</Td>
      <Td>{a.classes}</Td>
      <Td>
        <a href={`/console/admin/accounts/${a.id}`} className="text-brand-600 underline">
          {a.linkText}
          <span className="sr-only">{`：${a.displayName}`}</span>
        </a>
      </Td>
    </Tr>
  ));
}
