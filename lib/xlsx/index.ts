/**
 * Shared .xlsx helpers (exceljs streaming). The whole API:
 *
 * Reading (lib/xlsx/read.ts)
 *   readTable(path, columns, { maxBytes })  async rows keyed by column, header mapped by Chinese name/aliases
 *   readSheetRows(path, { maxBytes, onProgress })  async raw text rows of the first sheet
 *   mapHeader(header, columns)              header row → column positions, or a Chinese message
 *   assertXlsxSize(path, maxBytes)          refuse empty / oversize files
 *   cellText(value)                         a cell value as text
 *   XlsxInputError                          file-level problem; `.message` is Chinese, show it as is
 *   Formula cells are refused (XlsxInputError naming row and column).
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
  mapHeader,
  readSheetRows,
  readTable,
  XlsxInputError,
} from "./read";
export type { ColumnSpec, HeaderIndex, RawRow, ReadOptions, TableRow } from "./read";
export { createSheetWriter, xlsxFileResponse, xlsxResponse } from "./write";
export type { SheetSpec, SheetWriter, XlsxCell } from "./write";
export { neutraliseCell } from "@/lib/domain/spreadsheet-cell";
