/**
 * Streaming .xlsx writing on ExcelJS.stream.xlsx.WorkbookWriter: each row is
 * committed as it is added, so exports of 100,000 rows stream out without
 * building the workbook in memory. Every text cell passes through
 * {@link neutraliseCell}. The header row is frozen (it stays in view while
 * scrolling); money columns hold numbers of yuan shown with two decimals.
 */
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { neutraliseCell } from "@/lib/domain/spreadsheet-cell";

export type XlsxCell = string | number | null | undefined;
export type SheetSpec = {
  name: string;
  columns: readonly {
    header: string;
    width?: number;
    /** format the column as text (ID numbers, 学籍号) */ text?: boolean;
    /**
     * an amount in yuan (money is integer fen inside the app: pass fen / 100 or a "625.00" text):
     * stored as a number with the number format 0.00, so sums and sorting work in Excel
     */
    money?: boolean;
  }[];
};

export type SheetWriter = {
  addRow(cells: readonly XlsxCell[]): void;
  /** Finishes the workbook; resolves when the last byte is written. */
  finish(): Promise<void>;
  /**
   * Resolves when the output's buffer is below its high-water mark. A paged export awaits it after each
   * page: the rows reach the output through the zip stream a little later, so what waits in memory is
   * about the last page or two, never the whole list, however slow the download.
   */
  ready?(): Promise<void>;
};

/** Starts a one-sheet workbook written to `output` (a file stream or a PassThrough). Text cells are stored as text, never as formulas. */
export function createSheetWriter(output: NodeJS.WritableStream, spec: SheetSpec): SheetWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output as unknown as import("stream").Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  // The header row stays in view while scrolling (frozen pane below row 1).
  const ws = wb.addWorksheet(spec.name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  // One style object per text or money column, shared by all its cells (see addRow).
  const textStyles = spec.columns.map((c) =>
    c.money ? { numFmt: "0.00" } : c.text ? { numFmt: "@" } : null,
  );
  const money = spec.columns.map((c) => c.money === true);
  ws.columns = spec.columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    style: textStyles[i] ?? {},
  }));
  const header = ws.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const shareStyles = textStyles.some((s) => s !== null);
  return {
    addRow(cells) {
      const row = ws.addRow(
        cells.map((c, i) => (c === undefined ? null : money[i] ? moneyCell(c) : neutraliseCell(c))),
      );
      // exceljs gives each cell a fresh copy of its column's style, which its style table then
      // serialises to find the style id — per cell. Handing back the column's own object lets the
      // table find it by identity: writing a 21-column national export took half the time
      // (bench/export.ts). Only the text columns: their numFmt fixes the style whatever the value.
      if (shareStyles) {
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          const style = textStyles[col - 1];
          if (style) cell.style = style;
        });
      }
      row.commit();
    },
    async finish() {
      ws.commit();
      await wb.commit();
    },
    async ready() {
      // The rows reach the output through exceljs's zip stream a few ticks later: let them arrive first.
      await new Promise((resolve) => setImmediate(resolve));
      const out = output as NodeJS.WritableStream & { writableNeedDrain?: boolean };
      while (out.writableNeedDrain) await once(out, "drain");
    },
  };
}

const YUAN_TEXT = /^-?\d+(\.\d{1,2})?$/;

/** A money cell: a number of yuan as is, a plain "625.00" text as its number, anything else as neutralised text. */
function moneyCell(c: string | number | null): string | number | null {
  if (typeof c === "string" && YUAN_TEXT.test(c.trim())) return Number(c.trim());
  return c === null || typeof c === "number" ? c : neutraliseCell(c);
}

/** Headers of an .xlsx download (file name in RFC 5987 form so Chinese names survive). */
function xlsxHeaders(filename: string): HeadersInit {
  return {
    "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "content-disposition": `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "cache-control": "no-store",
  };
}

/** For route handlers: a download Response streaming an already produced workbook (e.g. a temp file's read stream). */
export function xlsxFileResponse(filename: string, body: Readable): Response {
  return new Response(Readable.toWeb(body) as unknown as ReadableStream, { headers: xlsxHeaders(filename) });
}

/**
 * For route handlers: a Response body that streams the workbook produced by
 * `fill` (which adds rows and returns); errors abort the stream.
 */
export function xlsxResponse(
  filename: string,
  spec: SheetSpec,
  fill: (w: SheetWriter) => Promise<void>,
): Response {
  const out = new PassThrough();
  const writer = createSheetWriter(out, spec);
  void (async () => {
    try {
      await fill(writer);
      await writer.finish();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return xlsxFileResponse(filename, out);
}
