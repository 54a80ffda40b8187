/**
 * An .xlsx is a zip archive; a small one can expand to gigabytes ("zip
 * bomb"). Before exceljs parses anything, {@link assertZipWithinBounds} reads
 * the archive's central directory with yauzl and refuses the file when a
 * bound of {@link ZIP_BOUNDS} is exceeded; then it checks that the archive
 * holds nothing the directory does not list (exceljs's unzipper reads the
 * local headers one after the other, not the directory) and decompresses
 * every entry once, counting bytes, so a directory that lies about sizes is
 * refused too. The bounds are documented in docs/student-roster-import.md and
 * SECURITY.md.
 *
 * Runs where the file is parsed: in the import's child process
 * (lib/xlsx/sheet-reader-child.ts). Imports carry the .ts extension so that
 * Node runs this file as it is (type stripping).
 */
import yauzl from "yauzl";
import { XlsxInputError } from "./errors.ts";

export const ZIP_BOUNDS = {
  /** Parts in the archive (a workbook has about 10–30). */
  maxEntries: 1000,
  /** Sum of the parts' uncompressed sizes. A 100,000-row roster written by exceljs is about 71 MB. */
  maxTotalBytes: 320 * 1024 * 1024,
  /** Uncompressed / compressed size of one part larger than {@link ZIP_BOUNDS.ratioAppliesAbove}. Real sheets: 5–30. */
  maxRatio: 100,
  ratioAppliesAbove: 1024 * 1024,
} as const;

export type ZipBounds = { -readonly [K in keyof typeof ZIP_BOUNDS]: number };

const mb = (n: number) => `${Math.round(n / 1048576)} MB`;

export const BOMB_MESSAGE = (detail: string) =>
  `文件解压后的内容异常（${detail}），可能是恶意构造的文件，已拒绝导入。请在 Excel 或 WPS 中打开后“另存为”新的 .xlsx 文件，或拆分成多个较小的文件后再导入。`;
const NOT_ZIP =
  "无法读取该文件：请上传 Excel 2007 及以上版本的 .xlsx 文件（不支持 .xls、.csv 或加密的文件）。";

type Zip = yauzl.ZipFile;

const openZip = (path: string) =>
  new Promise<Zip>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err || !zip ? reject(err ?? new Error("no zip")) : resolve(zip as Zip)),
    ),
  );

function readEntries(zip: Zip, max: number): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length > max) reject(new XlsxInputError(BOMB_MESSAGE(`包含超过 ${max} 个部件`)));
      else zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

const localHeader = (zip: Zip, entry: yauzl.Entry) =>
  new Promise<{ fileDataStart: number; compressedSize: number; generalPurposeBitFlag: number }>(
    (resolve, reject) => zip.readLocalFileHeader(entry, {}, (err, h) => (err ? reject(err) : resolve(h))),
  );

/** Decompresses the entry, discarding the bytes; yauzl fails when they are more or fewer than declared. */
const drain = (zip: Zip, entry: yauzl.Entry) =>
  new Promise<void>((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error("no stream"));
      stream.on("error", reject);
      stream.on("end", () => resolve());
      stream.resume();
    }),
  );

/** Bytes a data descriptor may take after an entry's data (with or without signature, zip64 or not). */
const DESCRIPTOR_SIZES = new Set([12, 16, 20, 24]);

/**
 * Throws XlsxInputError (Chinese message) when the archive at `path` is not
 * a readable zip, or expands beyond the bounds.
 */
export async function assertZipWithinBounds(path: string, bounds: ZipBounds = ZIP_BOUNDS): Promise<void> {
  let zip: Zip;
  try {
    zip = await openZip(path);
  } catch {
    throw new XlsxInputError(NOT_ZIP);
  }
  try {
    // Before the first readEntry() yauzl's cursor is the central directory's offset (its typings say boolean).
    const directoryOffset = (zip as unknown as { readEntryCursor: unknown }).readEntryCursor;
    const entries = await readEntries(zip, bounds.maxEntries);
    let total = 0;
    for (const e of entries) {
      if (e.isEncrypted()) throw new XlsxInputError(NOT_ZIP);
      total += e.uncompressedSize;
      if (total > bounds.maxTotalBytes)
        throw new XlsxInputError(BOMB_MESSAGE(`解压后超过 ${mb(bounds.maxTotalBytes)}`));
      if (
        e.uncompressedSize > bounds.ratioAppliesAbove &&
        e.uncompressedSize > bounds.maxRatio * Math.max(1, e.compressedSize)
      )
        throw new XlsxInputError(BOMB_MESSAGE(`压缩比超过 ${bounds.maxRatio} 倍`));
    }
    // The entries must tile the archive from byte 0 to the directory: nothing hidden between them.
    const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    let expected = 0;
    let descriptor = false; // the previous entry is followed by a data descriptor
    const tiles = (offset: number) =>
      offset === expected || (descriptor && DESCRIPTOR_SIZES.has(offset - expected));
    for (const e of sorted) {
      if (!tiles(e.relativeOffsetOfLocalHeader)) throw new XlsxInputError(NOT_ZIP);
      const h = await localHeader(zip, e);
      descriptor = (h.generalPurposeBitFlag & 8) !== 0;
      if (h.compressedSize !== e.compressedSize && !(descriptor && h.compressedSize === 0))
        throw new XlsxInputError(NOT_ZIP);
      expected = h.fileDataStart + e.compressedSize;
    }
    if (typeof directoryOffset === "number" && !tiles(directoryOffset)) throw new XlsxInputError(NOT_ZIP);
    for (const e of entries)
      await drain(zip, e).catch(() => {
        throw new XlsxInputError(BOMB_MESSAGE("实际解压大小与压缩包目录的记录不符"));
      });
  } catch (e) {
    if (e instanceof XlsxInputError) throw e;
    throw new XlsxInputError(NOT_ZIP);
  } finally {
    zip.close();
  }
}
