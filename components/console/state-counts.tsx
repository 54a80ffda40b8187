import { APPLICATION_STATES, APPLICATION_STATE_LABELS, type ApplicationState } from "@/lib/domain/codes";

/** Counts of applications per state, in workflow order; states with none are left out. */
export function StateCounts({ byState }: { byState: Partial<Record<ApplicationState, number>> }) {
  const shown = APPLICATION_STATES.filter((s) => byState[s]);
  if (shown.length === 0) return <span className="text-slate-500">暂无申请</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {shown.map((s) => (
        <li key={s} className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
          {APPLICATION_STATE_LABELS[s]} {byState[s]}
        </li>
      ))}
    </ul>
  );
}
