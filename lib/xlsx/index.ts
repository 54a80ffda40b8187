/**
 * Shared .xlsx helpers (exceljs streaming). The whole API:
 *
 * Reading (lib/xlsx/table.ts, read.ts, isolated-read.ts, zip-bounds.ts)
 *   readTable(path, columns, { maxBytes })  async rows keyed by column, header (found among the top rows)
 *                                           mapped by Chinese name/aliases; parsed in a child process
 *                                           with its own heap and time limit unless { inProcess: true }
 *   readSheetRows(path, { maxBytes, onProgress })  async raw text rows of the first sheet
 *   mapHeader(header, columns)              header row → column positions, or a Chinese message
 *   assertXlsxSize(path, maxBytes)          refuse empty / oversize files
 *   cellText(value)                         a cell value as text
 *   XlsxInputError                          file-level problem; `.message` is Chinese, show it as is
 *   Formula cells are refused (XlsxInputError naming row and column); archives beyond ZIP_BOUNDS and
 *   sheets beyond SHEET_BOUNDS (shared strings, columns per row, cell length) too.
 *
 * Writing (lib/xlsx/write.ts)
 *   createSheetWriter(stream, { name, columns })  addRow(cells) / finish()
 *   xlsxResponse(filename, sheet, fill)           streamed download Response for route handlers
 *   xlsxFileResponse(filename, readable)          download Response streaming a finished workbook (temp file)
 *
 * neutraliseCell(value): prefixes ' to text starting with = + - @ (formula injection); the writer applies it.
 */
export {
  assertXlsxSize,
  cellText,
  columnLetter,
  DEFAULT_MAX_XLSX_BYTES,
  readSheetRows,
  SHEET_BOUNDS,
  XlsxInputError,
} from "./read";
export type { RawRow, ReadOptions, SheetBounds } from "./read";
export { HEADER_SEARCH_ROWS, mapHeader, readTable } from "./table";
export type { ColumnSpec, HeaderIndex, ReadLimits, TableOptions, TableRow } from "./table";
export { readSheetRowsIsolated } from "./isolated-read";
export type { IsolationOptions } from "./isolated-read";
export { assertZipWithinBounds, ZIP_BOUNDS } from "./zip-bounds";
export type { ZipBounds } from "./zip-bounds";
export { createSheetWriter, xlsxFileResponse, xlsxResponse } from "./write";
export type { SheetSpec, SheetWriter, XlsxCell } from "./write";
export { neutraliseCell } from "@/lib/domain/spreadsheet-cell";
