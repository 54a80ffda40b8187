/**
 * The pieces of a console data table: a scrolling frame in a card, the grey
 * head row, ruled body rows and padded cells. Each takes `className` for what
 * one table adds (align-top, whitespace-nowrap, a font) and passes other
 * attributes (data-testid, scope, colSpan) through.
 */
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { CARD_TONES } from "./card";
import { cx } from "./class-names";

/**
 * The card the table scrolls in (sideways on a narrow screen). Positioned, so the table's visually hidden
 * (absolute) labels scroll with it instead of widening the whole page on a phone.
 */
export function TableFrame({ className, children, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div {...rest} className={cx("relative overflow-x-auto", CARD_TONES.console, className)}>
      {children}
    </div>
  );
}

export function TableHead({ className, children, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <thead {...rest} className={cx("bg-slate-50 text-left text-slate-600", className)}>
      {children}
    </thead>
  );
}

/** The head of a table with only plain head cells: one `Th` of `weight` for each of `columns`, in order. */
export function HeadRow({ columns, weight }: { columns: readonly ReactNode[]; weight?: "bold" | "medium" }) {
  return (
    <TableHead>
      <tr>
        {columns.map((column, index) => (
          <Th key={index} weight={weight}>
            {column}
          </Th>
        ))}
      </tr>
    </TableHead>
  );
}

/** A body row, ruled off from the one above. */
export function Tr({
  className,
  children,
  ...rest
}: HTMLAttributes<HTMLTableRowElement> & { "data-testid"?: string; children?: ReactNode }) {
  return (
    <tr {...rest} className={cx("border-t border-slate-100", className)}>
      {children}
    </tr>
  );
}

/** A head cell: bold as browsers draw it, or `weight="medium"` (the determination pages' tables). */
export function Th({
  weight = "bold",
  className,
  children,
  ...rest
}: ThHTMLAttributes<HTMLTableCellElement> & { weight?: "bold" | "medium" }) {
  return (
    <th {...rest} className={cx("px-3 py-2", weight === "medium" && "font-medium", className)}>
      {children}
    </th>
  );
}

export function Td({ className, children, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td {...rest} className={cx("px-3 py-2", className)}>
      {children}
    </td>
  );
}

/**
 * A whole console data table: the frame, the head row of `columns` and the body rows given as
 * children (Tr). `frameClassName` adds to the frame (e.g. "hidden md:block").
 */
export function DataTable({
  columns,
  frameClassName,
  children,
}: {
  columns: readonly ReactNode[];
  frameClassName?: string;
  children: ReactNode;
}) {
  return (
    <TableFrame className={frameClassName}>
      <table className="w-full text-sm">
        <TableHead>
          <tr>
            {columns.map((column, index) => (
              <Th key={index}>{column}</Th>
            ))}
          </tr>
        </TableHead>
        <tbody>{children}</tbody>
      </table>
    </TableFrame>
  );
}
