"use client";

import { Card } from "@/components/ui/card";
import { GuardianPhone } from "./guardian-phone";

export type CallRowView = {
  studentId: string;
  name: string;
  /** 未开始 / 草稿 / 已退回, with the return deadline when there is one. */
  state: string;
  returned: boolean;
  guardians: { id: string; relation: string; name: string; phoneMasked: string }[];
};

/**
 * The call list's families, rendered from plain strings: the RSC payload carries a few strings per family
 * instead of every card's element tree (bench/README.md §4, seventh pass). Same markup.
 */
export function CallRows({ rows }: { rows: CallRowView[] }) {
  return rows.map((s) => (
    <Card as="li" padding="sm" key={s.studentId} className="space-y-2 text-sm" data-testid="call-row">
      <p className="flex flex-wrap items-baseline justify-between gap-2">
        <strong className="text-base">{s.name}</strong>
        <span
          className={`rounded px-2 py-0.5 text-xs ${s.returned ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-700"}`}
        >
          {s.state}
        </span>
      </p>
      {s.guardians.length === 0 ? (
        <p className="text-slate-500">未登记监护人联系方式。</p>
      ) : (
        <ul className="space-y-1">
          {s.guardians.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center gap-2">
              <span>{`${g.relation} ${g.name}`}</span>
              <GuardianPhone
                guardianId={g.id}
                masked={g.phoneMasked}
                who={`${s.name}的${g.relation}${g.name}`}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  ));
}
