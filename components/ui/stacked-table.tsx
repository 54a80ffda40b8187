/**
 * A list rendered ONCE that is a table from the `md` breakpoint up and a stack
 * of cards below it, by CSS alone: under `md` the table, its body, rows and
 * cells become blocks, the head row is kept for screen readers only, each row
 * is drawn as a card and each cell shows its column's caption (`label`, from
 * `data-label`) in front of its value. The teacher's class lists used to
 * render every row twice (a card list for phones and a table for desktops, one
 * hidden by CSS); see bench/README.md §4, "Staff list pages". The rows' and
 * cells' utilities are the classes stacked-row / stacked-title / stacked-cell
 * of app/globals.css (a cell with a `label` gets its caption from
 * `data-label`), so they are not repeated in every cell's markup.
 */
import type { HTMLAttributes, ReactNode, TdHTMLAttributes } from "react";
import { cx } from "./class-names";

export function StackedTable({
  columns,
  label,
  children,
}: {
  columns: readonly ReactNode[];
  /** The table's accessible name (e.g. 学生名单). */
  label: string;
  children: ReactNode;
}) {
  return (
    <div className="md:overflow-x-auto md:rounded-lg md:bg-white md:ring-1 md:ring-slate-200">
      <table aria-label={label} className="w-full text-sm max-md:block">
        <thead className="bg-slate-50 text-left text-slate-600 max-md:sr-only">
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className="px-3 py-2">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="max-md:block max-md:space-y-2">{children}</tbody>
      </table>
    </div>
  );
}

/** A row: ruled off from the one above on a desktop, a card on a phone. */
export function StackedRow({
  className,
  children,
  ...rest
}: HTMLAttributes<HTMLTableRowElement> & { "data-testid"?: string }) {
  return (
    <tr {...rest} className={cx("stacked-row", className)}>
      {children}
    </tr>
  );
}

/** The row's title cell (the student's name): a row header; on a phone the card's bold first line. */
export function StackedTitle({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <th scope="row" className={cx("stacked-title", className)}>
      {children}
    </th>
  );
}

/** A cell; on a phone a line of the card with its column's caption (`label`) in front. */
export function StackedCell({
  label,
  className,
  children,
  ...rest
}: TdHTMLAttributes<HTMLTableCellElement> & { label?: string }) {
  return (
    <td {...rest} data-label={label || undefined} className={cx("stacked-cell", className)}>
      {children}
    </td>
  );
}
