import type { ExportProblem } from "@/lib/domain/national-export";
import { tdCls, thCls } from "./styles";
import { Tr } from "@/components/ui/table";

/** Every problem row of an export (the first 500 on screen; the downloadable report has all). */
export function ValidationReport({
  summary,
  problems,
}: {
  summary: string;
  problems: readonly ExportProblem[];
}) {
  const shown = problems.slice(0, 500);
  return (
    <section aria-labelledby="report-title" className="space-y-2">
      <h2 id="report-title" className="font-semibold">
        校验报告
      </h2>
      <p className={problems.length ? "text-red-700" : "text-green-700"} data-testid="validation-summary">
        {summary}
      </p>
      {problems.length ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th className={thCls}>行号</th>
                <th className={thCls}>列</th>
                <th className={thCls}>问题</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p, i) => (
                <Tr key={i}>
                  <td className={tdCls}>{p.row}</td>
                  <td className={tdCls}>{p.column ?? "—"}</td>
                  <td className={tdCls}>{p.message}</td>
                </Tr>
              ))}
            </tbody>
          </table>
          {problems.length > shown.length ? (
            <p className="p-2 text-sm text-slate-600">
              另有{problems.length - shown.length}个问题，请下载校验报告查看全部。
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
