/**
 * Evidence files (佐证材料): what may be uploaded, decided by the
 * file's content, never by its name or the browser's MIME type.
 *
 * Accepted: JPEG (starts FF D8 FF), PNG (the 8-byte PNG signature) and PDF
 * (starts with "%PDF-" at byte 0 and has "%%EOF" near its end). Everything
 * else is refused, including GIF, SVG, HTML, WebP and HEIC.
 *
 * Polyglots: a file that passes the signature check but carries web markup
 * (`<script`, `<html`, `<body`, `<svg`, `<iframe`, `<!doctype`, `<?xml`,
 * `javascript:`) anywhere in it is refused, whatever its type; a PDF is also
 * refused when it names active content (`/JavaScript`, `/JS`, `/Launch`,
 * `/EmbeddedFile`, `/RichMedia`). That byte scan is only the first filter:
 * {@link inspectEvidence} then parses a PDF as a PDF (./evidence-pdf.ts:
 * object streams, name escapes, every action) and refuses active content
 * the scan cannot see. The download route still serves files with the
 * verified type, `nosniff`, a sandboxing CSP, and PDFs as attachments.
 */
import { EVIDENCE_PURPOSES, type EvidencePurpose } from "./codes";
import { inspectPdf } from "./evidence-pdf";

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 20;

export type EvidenceType = "image/jpeg" | "image/png" | "application/pdf";
export const EVIDENCE_EXTENSIONS: Record<EvidenceType, string> = {
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "application/pdf": ".pdf",
};

export const WRONG_TYPE_MESSAGE = "只能上传JPG、PNG图片或PDF文件，请重新选择（手机拍照的照片即可）。";
export const TOO_LARGE_MESSAGE = "文件超过10MB，请压缩图片或把PDF分成几份后再上传。";
export const EMPTY_MESSAGE = "所选文件是空的（0字节），可能没有下载或保存完整，请重新选择。";
export const UNSAFE_MESSAGE =
  "文件中含有网页或脚本内容，不能作为佐证材料。请重新拍照，或另存为普通PDF后上传。";
export const tooManyMessage = (max = EVIDENCE_MAX_FILES) =>
  `每份申请最多上传${max}份佐证材料，请先删除不需要的文件。`;

export type FileCheck =
  { ok: true; mimeType: EvidenceType; extension: string } | { ok: false; message: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MARKUP = /<\s*(script|html|body|svg|iframe|object|embed|!doctype|\?xml)\b|javascript\s*:/i;
const PDF_ACTIVE = /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)(?![A-Za-z0-9])/;

const startsWith = (b: Uint8Array, sig: readonly number[]) =>
  b.length >= sig.length && sig.every((x, i) => b[i] === x);
/** Bytes as a one-char-per-byte string (ASCII kept as is), for pattern scans of binary data. */
const latin1 = (b: Uint8Array) => new TextDecoder("latin1").decode(b);

/** The file's real type by its magic bytes, or why it is refused. */
export function detectEvidenceType(bytes: Uint8Array): FileCheck {
  if (bytes.length === 0) return { ok: false, message: EMPTY_MESSAGE };
  let mimeType: EvidenceType;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) mimeType = "image/jpeg";
  else if (startsWith(bytes, PNG_SIGNATURE)) mimeType = "image/png";
  else if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    mimeType = "application/pdf"; // "%PDF-"
  else return { ok: false, message: WRONG_TYPE_MESSAGE };

  const text = latin1(bytes);
  if (MARKUP.test(text)) return { ok: false, message: UNSAFE_MESSAGE };
  if (mimeType === "application/pdf") {
    if (!text.slice(-1024).includes("%%EOF"))
      return { ok: false, message: "PDF文件不完整或已损坏，请重新导出后上传。" };
    if (PDF_ACTIVE.test(text)) return { ok: false, message: UNSAFE_MESSAGE };
  }
  return { ok: true, mimeType, extension: EVIDENCE_EXTENSIONS[mimeType] };
}

/** Size, count and type rules for one more file on an application; the first problem, in Chinese. */
export function checkEvidenceFile(
  bytes: Uint8Array,
  existingCount: number,
  max = EVIDENCE_MAX_FILES,
): FileCheck {
  if (bytes.length > EVIDENCE_MAX_BYTES) return { ok: false, message: TOO_LARGE_MESSAGE };
  if (existingCount >= max) return { ok: false, message: tooManyMessage(max) };
  return detectEvidenceType(bytes);
}

/**
 * {@link detectEvidenceType}, then, for a PDF, the parse of ./evidence-pdf.ts.
 * Every upload path (applicant evidence, special-group entries, paper
 * applications) checks files with this.
 */
export async function inspectEvidence(bytes: Uint8Array): Promise<FileCheck> {
  const check = detectEvidenceType(bytes);
  if (!check.ok || check.mimeType !== "application/pdf") return check;
  const pdf = await inspectPdf(bytes);
  return pdf.ok ? check : pdf;
}

/** {@link checkEvidenceFile} with the PDF parse of {@link inspectEvidence}. */
export async function checkEvidenceUpload(
  bytes: Uint8Array,
  existingCount: number,
  max = EVIDENCE_MAX_FILES,
): Promise<FileCheck> {
  const first = checkEvidenceFile(bytes, existingCount, max);
  return first.ok ? inspectEvidence(bytes) : first;
}

export const isEvidencePurpose = (s: string): s is EvidencePurpose =>
  (EVIDENCE_PURPOSES as readonly string[]).includes(s);

/**
 * A safe display/download name: path parts, control and quote characters
 * removed, at most 80 characters, ending in the extension of the verified
 * type (so a ".html" name cannot come back with a PDF).
 */
export function safeFileName(original: string, mimeType: EvidenceType): string {
  const ext = EVIDENCE_EXTENSIONS[mimeType];
  const base = (original.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f"'<>:*?|;]/g, "")
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .trim()
    .slice(0, 80 - ext.length);
  return `${base || "材料"}${ext}`;
}

/** "3.2 MB" / "850 KB" for lists. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}
