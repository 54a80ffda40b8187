import { describe, expect, it } from "vitest";
import {
  checkEvidenceFile,
  detectEvidenceType,
  EMPTY_MESSAGE,
  EVIDENCE_MAX_BYTES,
  formatBytes,
  safeFileName,
  TOO_LARGE_MESSAGE,
  tooManyMessage,
  UNSAFE_MESSAGE,
  WRONG_TYPE_MESSAGE,
} from "@/lib/domain/evidence";

const bytes = (...parts: (string | number[] | Uint8Array)[]) => {
  const chunks = parts.map((p) => (typeof p === "string" ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

const JPEG = bytes(
  [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00],
  new Uint8Array(2000).fill(0x11),
  [0xff, 0xd9],
);
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR", new Uint8Array(100));
const PDF = bytes(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

describe("detectEvidenceType: by content, not by name", () => {
  it.each([
    ["JPEG", JPEG, "image/jpeg", ".jpg"],
    ["PNG", PNG, "image/png", ".png"],
    ["PDF", PDF, "application/pdf", ".pdf"],
  ])("accepts a real %s", (_, b, mimeType, extension) => {
    expect(detectEvidenceType(b)).toEqual({ ok: true, mimeType, extension });
  });

  it.each([
    ["GIF", bytes("GIF89a\x01\x00\x01\x00\x00\x00\x00;")],
    ["SVG", bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ["SVG with XML prolog", bytes('<?xml version="1.0"?><svg/>')],
    ["HTML", bytes("<!doctype html><html><body>hi</body></html>")],
    ["plain text named .jpg", bytes("just some text")],
    ["WebP", bytes("RIFF\x00\x00\x00\x00WEBPVP8 ")],
    ["HEIC", bytes([0, 0, 0, 0x18], "ftypheic")],
    ["ZIP / docx", bytes([0x50, 0x4b, 0x03, 0x04], "word/document.xml")],
    ["a PDF header not at byte 0", bytes(" %PDF-1.4\n%%EOF")],
    ["a truncated JPEG signature", bytes([0xff, 0xd8])],
  ])("refuses %s with the Chinese type message", (_, b) => {
    expect(detectEvidenceType(b)).toEqual({ ok: false, message: WRONG_TYPE_MESSAGE });
  });

  it("refuses an empty file", () => {
    expect(detectEvidenceType(new Uint8Array())).toEqual({ ok: false, message: EMPTY_MESSAGE });
  });

  it.each([
    [
      "PDF header followed by HTML and script",
      bytes("%PDF-1.4\n<html><body><script>fetch('/api')</script></body></html>\n%%EOF"),
    ],
    [
      "PDF with upper-case SCRIPT tag far into the file",
      bytes("%PDF-1.7\n", new Uint8Array(50_000).fill(0x20), "<SCRIPT src=x>", "\n%%EOF"),
    ],
    ["PDF with a javascript: link", bytes("%PDF-1.4\n<< /URI (javascript:alert(1)) >>\n%%EOF")],
    [
      "PDF with an /OpenAction /JavaScript",
      bytes("%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF"),
    ],
    ["PDF with a /Launch action", bytes("%PDF-1.4\n<< /S /Launch /F (cmd.exe) >>\n%%EOF")],
    ["PDF with an embedded file", bytes("%PDF-1.4\n<< /Type /EmbeddedFile >>\n%%EOF")],
    [
      "JPEG followed by HTML (GIFAR-style polyglot)",
      bytes([0xff, 0xd8, 0xff, 0xe0], "<html><script>alert(1)</script>"),
    ],
    ["PNG carrying an SVG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "<svg onload=alert(1)>")],
  ])("refuses a polyglot: %s", (_, b) => {
    expect(detectEvidenceType(b)).toEqual({ ok: false, message: UNSAFE_MESSAGE });
  });

  it("does not mistake PDF names that merely start with JS for active content", () => {
    expect(detectEvidenceType(bytes("%PDF-1.4\n<< /JSONish 1 /Type /Page >>\n%%EOF\n")).ok).toBe(true);
  });

  it("refuses a PDF without its end marker (truncated upload)", () => {
    const r = detectEvidenceType(bytes("%PDF-1.4\n1 0 obj\n<< >>\n"));
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("PDF文件不完整") });
  });
});

describe("checkEvidenceFile: limits enforced before the type", () => {
  it("refuses a file over 10 MB and accepts exactly 10 MB", () => {
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(checkEvidenceFile(big, 0)).toEqual({ ok: false, message: TOO_LARGE_MESSAGE });
    expect(TOO_LARGE_MESSAGE).toContain("文件超过10MB");
    const exact = big.subarray(0, EVIDENCE_MAX_BYTES);
    expect(checkEvidenceFile(exact, 0).ok).toBe(true);
  });

  it("refuses the 21st file of an application and allows the 20th", () => {
    expect(checkEvidenceFile(JPEG, 19).ok).toBe(true);
    expect(checkEvidenceFile(JPEG, 20)).toEqual({ ok: false, message: tooManyMessage(20) });
  });

  it("passes the type check through", () => {
    expect(checkEvidenceFile(bytes("GIF89a"), 0)).toEqual({ ok: false, message: WRONG_TYPE_MESSAGE });
  });
});

describe("safeFileName", () => {
  it("keeps the Chinese name and forces the verified extension", () => {
    expect(safeFileName("收入证明.jpg", "image/jpeg")).toBe("收入证明.jpg");
    expect(safeFileName("诊断证明.html", "application/pdf")).toBe("诊断证明.pdf");
    expect(safeFileName("IMG_0001.JPEG", "image/jpeg")).toBe("IMG_0001.jpg");
  });
  it("drops paths, quotes and control characters, and names a nameless file", () => {
    expect(safeFileName('C:\\Users\\x\\"evil"\r\n.png', "image/png")).toBe("evil.png");
    expect(safeFileName("../../etc/passwd", "application/pdf")).toBe("passwd.pdf");
    expect(safeFileName("", "application/pdf")).toBe("材料.pdf");
  });
  it("limits the length to 80 characters", () => {
    expect(safeFileName("长".repeat(200) + ".pdf", "application/pdf")).toHaveLength(80);
  });
});

it("formats sizes for the list", () => {
  expect(formatBytes(3 * 1024 * 1024 + 200_000)).toBe("3.2 MB");
  expect(formatBytes(500)).toBe("1 KB");
  expect(formatBytes(850 * 1024)).toBe("850 KB");
});
