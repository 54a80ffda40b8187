/**
 * Streaming .xlsx reading on ExcelJS.stream.xlsx.WorkbookReader: rows are
 * yielded one by one while the file is parsed, so a 100,000-row sheet never
 * sits in memory as a whole (only the shared-string table is cached, as
 * ExcelJS must). Refuses files over a size limit, archives that expand
 * beyond ZIP_BOUNDS (./zip-bounds.ts), shared-string tables, rows and cells
 * beyond SHEET_BOUNDS, and cells holding formulas, with Chinese messages
 * naming the row and column.
 *
 * The web process never runs this on an upload: imports read through
 * ./isolated-read.ts, which runs it in a child process with its own heap
 * and time limit (./sheet-reader-child.ts). Node runs this file as it is
 * (type stripping): only node: and package imports, and ./x.ts ones.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { Transform } from "node:stream";
import ExcelJS from "exceljs";
import { XlsxInputError } from "./errors.ts";
import { assertZipWithinBounds, BOMB_MESSAGE, ZIP_BOUNDS, type ZipBounds } from "./zip-bounds.ts";

export { XlsxInputError };

/** Default upload limit: 30 MB (a 100,000-row roster is about 10 MB). */
export const DEFAULT_MAX_XLSX_BYTES = 30 * 1024 * 1024;

/** What one sheet may hold (documented in docs/student-roster-import.md and SECURITY.md). */
export const SHEET_BOUNDS = {
  /** Entries of the shared-string table (a 100,000-row roster has at most 1.6 million cells). */
  maxSharedStrings: 2_000_000,
  /** Characters of the shared-string part (xl/sharedStrings.xml) as read. */
  maxSharedStringChars: 64 * 1024 * 1024,
  /** Columns of one row (Excel allows 16,384; the national registry export has about 60). */
  maxColumns: 256,
  /** Characters of one cell's text. */
  maxCellChars: 4000,
} as const;
export type SheetBounds = { -readonly [K in keyof typeof SHEET_BOUNDS]: number };

/** "A".."Z", "AA".. for a 1-based column number. */
export function columnLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Throws XlsxInputError when the file at `path` is larger than `maxBytes` or empty. */
export async function assertXlsxSize(path: string, maxBytes = DEFAULT_MAX_XLSX_BYTES): Promise<number> {
  const { size } = await stat(path);
  if (size === 0) throw new XlsxInputError("上传的文件是空的，请选择填好的 .xlsx 文件。");
  if (size > maxBytes) {
    throw new XlsxInputError(
      `文件过大（${(size / 1048576).toFixed(1)} MB），上限为 ${Math.floor(maxBytes / 1048576)} MB。请拆分成多个文件后分别导入。`,
    );
  }
  return size;
}

/** The plain text of a cell value as a user typed it (trimmed); "" for empty cells. Dates become YYYY-MM-DD. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; error?: string; result?: unknown };
    if (Array.isArray(v.richText))
      return v.richText
        .map((r) => r.text)
        .join("")
        .trim();
    if (typeof v.text === "string") return v.text.trim();
    if (v.error) return "";
  }
  return String(value).trim();
}

/** Async iterable of Buffers → strings, never splitting a multi-byte UTF-8 character. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const c of chunks) yield typeof c === "string" ? c : decoder.write(c);
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * exceljs 4.4 decodes each zip chunk on its own, so a Chinese character split
 * across two chunks turns into "��" (exceljs issues #2063, #2084). Its SAX
 * step passes strings through unchanged, so we hand it whole-character
 * strings: worksheet chunks through a StringDecoder, the shared-string entry
 * through a utf8 Transform — which also counts the part's characters and the
 * strings exceljs has cached so far, and stops the read past SHEET_BOUNDS.
 */
function guardReader(
  reader: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookReader>,
  bounds: SheetBounds,
): void {
  const r = reader as unknown as {
    _parseWorksheet: (iterator: AsyncIterable<Buffer>, sheetNo: string) => unknown;
    _parseSharedStrings: (entry: NodeJS.ReadableStream) => unknown;
    sharedStrings?: unknown[];
  };
  const parseWorksheet = r._parseWorksheet.bind(reader);
  const parseSharedStrings = r._parseSharedStrings.bind(reader);
  if (typeof parseWorksheet !== "function" || typeof parseSharedStrings !== "function")
    throw new Error("exceljs internals changed: re-check lib/xlsx/read.ts");
  r._parseWorksheet = (iterator, sheetNo) =>
    parseWorksheet(utf8Chunks(iterator) as unknown as AsyncIterable<Buffer>, sheetNo);
  r._parseSharedStrings = (entry) => {
    let chars = 0;
    const decoder = new StringDecoder("utf8");
    const guard = new Transform({
      transform(chunk: Buffer, _enc, done) {
        const text = decoder.write(chunk);
        chars += text.length;
        if (chars > bounds.maxSharedStringChars)
          return done(
            new XlsxInputError(BOMB_MESSAGE(`共享字符串超过 ${bounds.maxSharedStringChars} 个字符`)),
          );
        if ((r.sharedStrings?.length ?? 0) > bounds.maxSharedStrings)
          return done(new XlsxInputError(BOMB_MESSAGE(`共享字符串超过 ${bounds.maxSharedStrings} 条`)));
        done(null, text);
      },
      flush(done) {
        const rest = decoder.end();
        done(null, rest || undefined);
      },
    });
    guard.setEncoding("utf8");
    entry.on("error", (e) => guard.destroy(e));
    entry.pipe(guard);
    return parseSharedStrings(guard);
  };
}

const isFormula = (v: unknown) =>
  typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v);

/**
 * One non-empty row: its cells as text, and the positions of the cells that
 * held a number (Excel keeps 15 significant digits: an 18-digit ID number
 * typed into a number cell has already lost its last digits).
 */
export type RawRow = { rowNumber: number; cells: string[]; numeric: number[] };

export type ReadOptions = {
  /** Refuse larger files (default {@link DEFAULT_MAX_XLSX_BYTES}). */
  maxBytes?: number;
  /** Bounds of the archive (default {@link ZIP_BOUNDS}) and of the sheet (default {@link SHEET_BOUNDS}). */
  zipBounds?: ZipBounds;
  sheetBounds?: SheetBounds;
  /** Called as the file is consumed: bytes read so far and file size (for a progress bar). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
};

/** exceljs lost part of the archive (see {@link readSheetRows}); safe to retry while no row was yielded. */
class ReaderGlitch extends Error {}

const NOT_XLSX =
  "无法读取该文件：请上传 Excel 2007 及以上版本的 .xlsx 文件（不支持 .xls、.csv 或加密的文件）。";
const ATTEMPTS = 4;

/**
 * Yields the non-empty rows of the first worksheet as text cells (index 0 =
 * column A). A formula anywhere aborts with an XlsxInputError naming the
 * cell. Not a valid .xlsx → XlsxInputError as well.
 *
 * exceljs 4.4's streaming reader occasionally (about 1 read in 300 in our
 * tests, for files whose shared strings follow the worksheet, as Excel writes
 * them) ends the archive early and fails before the first row, or would hand
 * out unresolved shared-string references. Both are detected and the file is
 * read again from the start (up to 4 attempts), as long as no row has been
 * yielded yet.
 */
export async function* readSheetRows(path: string, opts: ReadOptions = {}): AsyncGenerator<RawRow> {
  const size = await assertXlsxSize(path, opts.maxBytes);
  await assertZipWithinBounds(path, opts.zipBounds ?? ZIP_BOUNDS);
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const row of readOnce(path, size, opts)) {
        yielded = true;
        yield row;
      }
      return;
    } catch (e) {
      if (e instanceof XlsxInputError) throw e;
      if (process.env.XLSX_DEBUG) console.error("XLSXDEBUG", e);
      if (!yielded && attempt < ATTEMPTS) continue;
      throw new XlsxInputError(NOT_XLSX);
    }
  }
}

async function* readOnce(path: string, size: number, opts: ReadOptions): AsyncGenerator<RawRow> {
  const input = createReadStream(path);
  if (opts.onProgress) {
    let read = 0;
    const report = opts.onProgress;
    input.on("data", (chunk) => report((read += chunk.length), size));
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const bounds = opts.sheetBounds ?? SHEET_BOUNDS;
  guardReader(reader, bounds);
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      if (sheets++ > 0) break; // only the first worksheet is read
      for await (const row of sheet) {
        const cells: string[] = [];
        const numeric: number[] = [];
        let any = false;
        const values = row.values as unknown[]; // 1-based sparse array
        if (values.length - 1 > bounds.maxColumns)
          throw new XlsxInputError(
            `第${row.number}行有内容的列超过 ${bounds.maxColumns} 列（到 ${columnLetter(values.length - 1)} 列）。请删除多余的列后再导入。`,
          );
        for (let c = 1; c < values.length; c++) {
          const v = values[c];
          if (isFormula(v)) {
            throw new XlsxInputError(
              `第${row.number}行第${columnLetter(c)}列（${columnLetter(c)}${row.number}单元格）是公式。请把公式转换为数值（复制后“选择性粘贴→数值”）再导入。`,
            );
          }
          if (typeof v === "object" && v !== null && "sharedString" in v)
            throw new ReaderGlitch("shared strings missing");
          const t = cellText(v);
          if (t.length > bounds.maxCellChars)
            throw new XlsxInputError(
              `${columnLetter(c)}${row.number}单元格的内容超过 ${bounds.maxCellChars} 个字符，请核对后再导入。`,
            );
          cells[c - 1] = t;
          if (typeof v === "number") numeric.push(c - 1);
          if (t !== "") any = true;
        }
        for (let i = 0; i < cells.length; i++) cells[i] ??= "";
        if (any) yield { rowNumber: row.number, cells, numeric };
      }
    }
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw new XlsxInputError("文件中没有工作表。");
}
