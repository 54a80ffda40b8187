import type { ExportProblem } from "@/lib/domain/national-export";
import { TableHead, Td, Th, Tr } from "@/components/ui/table";

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
            <TableHead>
              <tr>
                <Th weight="medium">行号</Th>
                <Th weight="medium">列</Th>
                <Th weight="medium">问题</Th>
              </tr>
            </TableHead>
            <tbody>
              {shown.map((p, i) => (
                <Tr key={i}>
                  <Td>{p.row}</Td>
                  <Td>{p.column ?? "—"}</Td>
                  <Td>{p.message}</Td>
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
