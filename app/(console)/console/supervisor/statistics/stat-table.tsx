import { TableFrame, TableHead, Td, Th, Tr } from "@/components/ui/table";
import { cellText, type StatTable } from "@/lib/domain/statistics";

/** One statistics table: the figures its chart draws, a link per drillable row, totals in bold. */
export function StatTableView({
  table,
  id,
}: {
  table: Omit<StatTable, "key"> & { key: string };
  id: string;
}) {
  return (
    // Focusable so keyboard users can scroll the wide tables sideways.
    <TableFrame role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="w-full text-sm" data-testid={`table-${table.key}`}>
        <caption id={`${id}-caption`} className="sr-only">
          {table.title}
        </caption>
        <TableHead>
          <tr>
            {table.columns.map((column) => (
              <Th key={column.header} scope="col" className={column.kind === "text" ? "" : "text-right"}>
                {column.header}
              </Th>
            ))}
          </tr>
        </TableHead>
        <tbody>
          {table.rows.map((row) => (
            <Tr key={row.key} className={row.total ? "bg-slate-50 font-semibold" : ""} data-row={row.key}>
              <Th scope="row" weight="medium" className="text-left whitespace-nowrap">
                {row.href ? (
                  <a href={row.href} className="text-brand-700 underline">
                    {row.label}
                  </a>
                ) : (
                  row.label
                )}
              </Th>
              {row.cells.map((cell, i) => {
                const column = table.columns[i + 1]!;
                return (
                  <Td key={column.header} className={column.kind === "text" ? "" : "text-right tabular-nums"}>
                    {cellText(column, cell)}
                  </Td>
                );
              })}
            </Tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
