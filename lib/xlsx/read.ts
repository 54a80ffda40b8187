/**
 * Streaming .xlsx reading on ExcelJS.stream.xlsx.WorkbookReader: rows are
 * yielded one by one while the file is parsed, so a 100,000-row sheet never
 * sits in memory as a whole (only the shared-string table is cached, as
 * ExcelJS must). Refuses files over a size limit and cells holding formulas,
 * with Chinese messages naming the row and column.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import ExcelJS from "exceljs";

/** Default upload limit: 30 MB (a 100,000-row roster is about 10 MB). */
export const DEFAULT_MAX_XLSX_BYTES = 30 * 1024 * 1024;

/** A problem with the uploaded file as a whole; `message` is Chinese and says how to fix it. */
export class XlsxInputError extends Error {
  override name = "XlsxInputError";
}

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
 * with setEncoding("utf8").
 */
function decodeUtf8Whole(reader: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookReader>): void {
  const r = reader as unknown as {
    _parseWorksheet: (iterator: AsyncIterable<Buffer>, sheetNo: string) => unknown;
    _parseSharedStrings: (entry: NodeJS.ReadableStream) => unknown;
  };
  const parseWorksheet = r._parseWorksheet.bind(reader);
  const parseSharedStrings = r._parseSharedStrings.bind(reader);
  if (typeof parseWorksheet !== "function" || typeof parseSharedStrings !== "function")
    throw new Error("exceljs internals changed: re-check lib/xlsx/read.ts");
  r._parseWorksheet = (iterator, sheetNo) =>
    parseWorksheet(utf8Chunks(iterator) as unknown as AsyncIterable<Buffer>, sheetNo);
  r._parseSharedStrings = (entry) => {
    entry.setEncoding("utf8");
    return parseSharedStrings(entry);
  };
}

const isFormula = (v: unknown) =>
  typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v);

export type RawRow = { rowNumber: number; cells: string[] };

export type ReadOptions = {
  /** Refuse larger files (default {@link DEFAULT_MAX_XLSX_BYTES}). */
  maxBytes?: number;
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
  decodeUtf8Whole(reader);
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      if (sheets++ > 0) break; // only the first worksheet is read
      for await (const row of sheet) {
        const cells: string[] = [];
        let any = false;
        const values = row.values as unknown[]; // 1-based sparse array
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
          cells[c - 1] = t;
          if (t !== "") any = true;
        }
        for (let i = 0; i < cells.length; i++) cells[i] ??= "";
        if (any) yield { rowNumber: row.number, cells };
      }
    }
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw new XlsxInputError("文件中没有工作表。");
}

/** A column the importer understands: `key` in code, the Chinese header names (first = template name, others = accepted aliases). */
export type ColumnSpec<K extends string> = { key: K; names: readonly string[]; required?: boolean };

export type HeaderIndex<K extends string> = Partial<Record<K, number>>;

const normHeader = (s: string) => s.replace(/[\s*＊（）()]/g, "").replace(/\u3000/g, "");

/**
 * Maps a header row to column positions by name (so any column order is
 * accepted, e.g. the national system's export). Returns the index, or a
 * Chinese message listing the required columns that are missing.
 */
export function mapHeader<K extends string>(
  header: readonly string[],
  spec: readonly ColumnSpec<K>[],
): { ok: true; index: HeaderIndex<K> } | { ok: false; message: string } {
  const index: HeaderIndex<K> = {};
  const normalised = header.map(normHeader);
  for (const col of spec) {
    const pos = normalised.findIndex((h) => col.names.some((n) => normHeader(n) === h));
    if (pos >= 0) index[col.key] = pos;
  }
  const missing = spec.filter((c) => c.required && index[c.key] === undefined).map((c) => `“${c.names[0]}”`);
  if (missing.length)
    return {
      ok: false,
      message: `表头缺少必需的列：${missing.join("、")}。请使用下载的模板，第一行为列名。`,
    };
  return { ok: true, index };
}

export type TableRow<K extends string> = { rowNumber: number; values: Record<K, string> };

/**
 * The first non-empty row is the header (mapped with {@link mapHeader}); every
 * later non-empty row is yielded as `{ rowNumber, values }` keyed by column
 * key ("" for absent columns / empty cells).
 */
export async function* readTable<K extends string>(
  path: string,
  spec: readonly ColumnSpec<K>[],
  opts: ReadOptions = {},
): AsyncGenerator<TableRow<K>> {
  let index: HeaderIndex<K> | null = null;
  for await (const row of readSheetRows(path, opts)) {
    if (!index) {
      const mapped = mapHeader(row.cells, spec);
      if (!mapped.ok) throw new XlsxInputError(mapped.message);
      index = mapped.index;
      continue;
    }
    const values = {} as Record<K, string>;
    for (const col of spec) {
      const pos = index[col.key];
      values[col.key] = pos === undefined ? "" : (row.cells[pos] ?? "");
    }
    yield { rowNumber: row.rowNumber, values };
  }
  if (!index) throw new XlsxInputError("文件是空的：第一行应为列名，从第二行起每行一条记录。");
}
