/**
 * A sheet read as a table: the header row is found by its Chinese column
 * names (a title row or two above it, as the national registry's exports
 * have, is skipped) and every later row is keyed by column. Rows come from
 * a child process (./isolated-read.ts) unless `inProcess` is set.
 */
import { XlsxInputError } from "./errors.ts";
import { readSheetRowsIsolated, type IsolationOptions } from "./isolated-read.ts";
import { readSheetRows, type RawRow, type ReadOptions } from "./read.ts";

/** A column the importer understands: `key` in code, the Chinese header names (first = template name, others = accepted aliases). */
export type ColumnSpec<K extends string> = { key: K; names: readonly string[]; required?: boolean };

export type HeaderIndex<K extends string> = Partial<Record<K, number>>;

/** The header is looked for among this many non-empty rows at the top of the sheet. */
export const HEADER_SEARCH_ROWS = 10;

const normHeader = (s: string) => s.replace(/[\s*＊（）()]/g, "").replace(/\u3000/g, "");

type Mapped<K extends string> =
  { ok: true; index: HeaderIndex<K> } | { ok: false; message: string; found: number };

/**
 * Maps a header row to column positions by name (so any column order is
 * accepted, e.g. the national system's export). Returns the index, or a
 * Chinese message listing the required columns that are missing.
 */
export function mapHeader<K extends string>(
  header: readonly string[],
  spec: readonly ColumnSpec<K>[],
): Mapped<K> {
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
      found: Object.keys(index).length,
      message: `表头缺少必需的列：${missing.join("、")}。请使用下载的模板；列名应在前${HEADER_SEARCH_ROWS}行中的一行（标题行可以保留）。`,
    };
  return { ok: true, index };
}

export type TableRow<K extends string> = {
  rowNumber: number;
  values: Record<K, string>;
  /** Columns whose cell in this row held a number rather than text. */
  numeric: K[];
};

/** The limits a caller may lower (tests): archive and sheet bounds, the child's heap and time. */
export type ReadLimits = Pick<ReadOptions, "zipBounds" | "sheetBounds"> & IsolationOptions;

export type TableOptions = ReadOptions &
  IsolationOptions & { /** read in this process (tests, scripts) */ inProcess?: boolean };

/**
 * The header is the first of the top {@link HEADER_SEARCH_ROWS} non-empty
 * rows that names every required column (rows above it, such as a title
 * "XX学校在校学生信息（导出时间…）", are skipped); every later non-empty row
 * is yielded as `{ rowNumber, values, numeric }` keyed by column key (""
 * for absent columns / empty cells).
 */
export async function* readTable<K extends string>(
  path: string,
  spec: readonly ColumnSpec<K>[],
  opts: TableOptions = {},
): AsyncGenerator<TableRow<K>> {
  let index: HeaderIndex<K> | null = null;
  let best: { message: string; found: number } | null = null;
  let seen = 0;
  const rows: AsyncIterable<RawRow> = opts.inProcess
    ? readSheetRows(path, opts)
    : readSheetRowsIsolated(path, opts);
  for await (const row of rows) {
    if (!index) {
      const mapped = mapHeader(row.cells, spec);
      if (mapped.ok) {
        index = mapped.index;
        continue;
      }
      if (!best || mapped.found > best.found) best = mapped;
      if (++seen >= HEADER_SEARCH_ROWS) throw new XlsxInputError(best.message);
      continue;
    }
    const values = {} as Record<K, string>;
    const numeric: K[] = [];
    for (const col of spec) {
      const pos = index[col.key];
      values[col.key] = pos === undefined ? "" : (row.cells[pos] ?? "");
      if (pos !== undefined && row.numeric.includes(pos)) numeric.push(col.key);
    }
    yield { rowNumber: row.rowNumber, values, numeric };
  }
  if (!index) {
    if (best) throw new XlsxInputError(best.message);
    throw new XlsxInputError("文件是空的：第一行应为列名，从第二行起每行一条记录。");
  }
}
