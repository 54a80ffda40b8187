/**
 * PDF evidence parsed as a PDF, not scanned as text: the byte filter of
 * ./evidence.ts cannot see into compressed object streams and misses names
 * written with escapes (`/Java#53cript`, `/L#61unch`). Here the file is
 * loaded with @cantoo/pdf-lib (a maintained fork of pdf-lib), which reads
 * the cross-reference tables and streams, unpacks object streams and decodes
 * name escapes; then every object — reachable or not — is walked:
 *
 * - refused anywhere: the names in {@link FORBIDDEN_NAMES} (JavaScript,
 *   Launch, embedded and attached files, rich media, forms that submit or
 *   import data, actions on other documents, additional actions /AA, XFA);
 * - actions (/A, /Next, /OpenAction as a dictionary) may only be GoTo (a
 *   page of the same file) or URI with an http, https or mailto address;
 * - encrypted files are refused (their objects cannot be inspected).
 *
 * Before parsing, every object and cross-reference stream (the only streams
 * the parser inflates while loading) is inflated once with a size cap, so a
 * 10 MB upload cannot expand to gigabytes in the web process.
 */
import zlib from "node:zlib";
import {
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFObject,
  PDFRef,
  PDFStream,
  PDFString,
} from "@cantoo/pdf-lib";

export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  "JavaScript",
  "JS",
  "Launch",
  "EmbeddedFile",
  "EmbeddedFiles",
  "EF",
  "FileAttachment",
  "RichMedia",
  "RichMediaExecute",
  "SubmitForm",
  "ImportData",
  "GoToR",
  "GoToE",
  "AA",
  "XFA",
  "Sound",
  "Movie",
  "Rendition",
]);
const ALLOWED_ACTIONS = new Set(["GoTo", "URI"]);
const SAFE_URI = /^(https?:\/\/|mailto:)/i;

/** Decompressed bytes allowed per object/xref stream and for all of them together. */
export const PDF_STREAM_LIMITS = { perStream: 16 * 1024 * 1024, total: 64 * 1024 * 1024 } as const;

export const PDF_ACTIVE_MESSAGE =
  "PDF文件中含有脚本、自动执行的动作或附件，不能作为佐证材料。请用“打印→另存为PDF”重新生成普通PDF，或拍照后上传图片。";
export const PDF_ENCRYPTED_MESSAGE = "PDF文件已加密或设置了密码，请取消密码后重新导出再上传。";
export const PDF_BROKEN_MESSAGE = "PDF文件已损坏或格式异常，无法读取。请重新导出后上传，或拍照后上传图片。";

export type PdfCheck = { ok: true } | { ok: false; message: string };

const latin1 = (b: Uint8Array) => new TextDecoder("latin1").decode(b);
const decodeEscapes = (s: string) =>
  s.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * Inflates, with a cap, every stream whose dictionary says /Type /ObjStm or
 * /XRef (names decoded). From the stream's first byte to the end of the
 * file: inflate stops where the deflate data ends, so a wrong /Length cannot
 * hide data. Only FlateDecode (or no filter) is accepted for these streams.
 */
function objectStreamsWithinLimits(bytes: Uint8Array, text: string): boolean {
  let total = 0;
  const streamKeyword = /stream(\r\n|\n|\r)/g;
  for (let m; (m = streamKeyword.exec(text));) {
    if (text.slice(m.index - 3, m.index) === "end") continue; // "endstream"
    const objStart = text.lastIndexOf("obj", m.index);
    if (objStart < 0) continue;
    const dict = decodeEscapes(text.slice(objStart, m.index));
    if (!/\/Type\s*\/(ObjStm|XRef)\b/.test(dict)) continue;
    const filters = [...dict.matchAll(/\/(\w+Decode|AHx|A85|LZW|Fl|RL|CCF|DCT)\b/g)].map((f) => f[1]);
    if (filters.some((f) => f !== "FlateDecode" && f !== "Fl")) return false;
    if (filters.length === 0) continue;
    const data = bytes.subarray(m.index + m[0].length);
    try {
      const out = zlib.inflateSync(data, {
        maxOutputLength: PDF_STREAM_LIMITS.perStream,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
      total += out.length;
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return false;
      // Other inflate errors: the parser will fail on the stream as well.
    }
    if (total > PDF_STREAM_LIMITS.total) return false;
  }
  return true;
}

function nameOf(o: PDFObject | undefined): string | null {
  return o instanceof PDFName ? o.decodeText() : null;
}

function textOf(o: PDFObject | undefined): string | null {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return null;
}

/** Walks the loaded document; returns false at the first forbidden name or action. */
function documentIsInert(doc: PDFDocument): boolean {
  const context = doc.context;
  const resolve = (o: PDFObject | undefined) => (o instanceof PDFRef ? context.lookup(o) : o);

  const actionIsSafe = (value: PDFObject | undefined): boolean => {
    const action = resolve(value);
    if (action instanceof PDFArray) return true; // a destination (OpenAction [page /Fit])
    if (!(action instanceof PDFDict)) return action === undefined;
    const type = nameOf(resolve(action.get(PDFName.of("S"))));
    if (!type || !ALLOWED_ACTIONS.has(type)) return false;
    if (type === "URI") {
      const uri = textOf(resolve(action.get(PDFName.of("URI"))));
      if (uri === null || !SAFE_URI.test(uri.trim())) return false;
    }
    return true;
  };

  const seen = new Set<PDFObject>();
  const visit = (o: PDFObject | undefined): boolean => {
    if (o === undefined || o instanceof PDFRef || seen.has(o)) return true; // refs: every object is visited below
    seen.add(o);
    if (o instanceof PDFName) return !FORBIDDEN_NAMES.has(o.decodeText());
    if (o instanceof PDFArray) return o.asArray().every(visit);
    const dict = o instanceof PDFStream ? o.dict : o instanceof PDFDict ? o : null;
    if (!dict) return true;
    for (const [key, value] of dict.entries()) {
      const k = key.decodeText();
      if (FORBIDDEN_NAMES.has(k)) return false;
      if ((k === "A" || k === "Next" || k === "OpenAction") && !actionIsSafe(value)) return false;
      if (k === "Next" && resolve(value) instanceof PDFArray) {
        if (!(resolve(value) as PDFArray).asArray().every(actionIsSafe)) return false;
      }
      if (!visit(value)) return false;
    }
    return true;
  };

  for (const [, object] of context.enumerateIndirectObjects()) if (!visit(object)) return false;
  return visit(context.trailerInfo.Root) && visit(context.trailerInfo.Info);
}

/** Whether a PDF (already past the byte checks of ./evidence.ts) may be kept as evidence. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfCheck> {
  const text = latin1(bytes);
  if (/\/Encrypt\b/.test(decodeEscapes(text))) return { ok: false, message: PDF_ENCRYPTED_MESSAGE };
  if (!objectStreamsWithinLimits(bytes, text)) return { ok: false, message: PDF_BROKEN_MESSAGE };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    if (e instanceof EncryptedPDFError) return { ok: false, message: PDF_ENCRYPTED_MESSAGE };
    return { ok: false, message: PDF_BROKEN_MESSAGE };
  }
  if (doc.isEncrypted) return { ok: false, message: PDF_ENCRYPTED_MESSAGE };
  return documentIsInert(doc) ? { ok: true } : { ok: false, message: PDF_ACTIVE_MESSAGE };
}
