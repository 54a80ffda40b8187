/**
 * PDF evidence is parsed, not scanned: JavaScript inside a FlateDecode
 * object stream, and names written with escapes (`/Java#53cript`,
 * `/L#61unch`, `/Embedded#46ile`), passed the old byte filter. Every fixture
 * is built here; each hostile one is shown to pass the byte filter
 * (detectEvidenceType) and to be refused by inspectEvidence; clean PDFs
 * still pass.
 */
import zlib from "node:zlib";
import { PDFDocument, PDFName, PDFString, StandardFonts } from "@cantoo/pdf-lib";
import { describe, expect, it } from "vitest";
import { detectEvidenceType, inspectEvidence } from "@/lib/domain/evidence";
import { PDF_ACTIVE_MESSAGE, PDF_BROKEN_MESSAGE, PDF_ENCRYPTED_MESSAGE } from "@/lib/domain/evidence-pdf";

async function cleanDoc() {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText("Income certificate 2026", { x: 50, y: 780, size: 14, font });
  return doc;
}

/** A PDF of numbered objects (bodies as written) with a correct cross-reference table. */
function handWritten(objects: (string | Buffer)[], rootRef = "1 0 R"): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, "latin1"),
      typeof body === "string" ? Buffer.from(body, "latin1") : body,
      Buffer.from("\nendobj\n", "latin1"),
    ]);
    offsets.push(offset);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root ${rootRef} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, "latin1"));
  return new Uint8Array(Buffer.concat(parts));
}

const PAGES = [
  "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
];

/** Shows the byte filter lets it through, then returns what the parse says. */
async function bypassesFilterButParse(bytes: Uint8Array) {
  expect(detectEvidenceType(bytes)).toMatchObject({ ok: true, mimeType: "application/pdf" });
  return inspectEvidence(bytes);
}

describe("inspectEvidence parses PDFs", () => {
  it("accepts a clean PDF, written with and without object streams", async () => {
    for (const useObjectStreams of [true, false]) {
      const bytes = await (await cleanDoc()).save({ useObjectStreams });
      expect(await inspectEvidence(bytes)).toEqual({
        ok: true,
        mimeType: "application/pdf",
        extension: ".pdf",
      });
    }
  });

  it("accepts internal links and http links", async () => {
    const bytes = handWritten([
      "<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>",
      PAGES[0]!,
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
      "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://www.gov.cn/) >> >>",
    ]);
    expect(await inspectEvidence(bytes)).toMatchObject({ ok: true });
  });

  it("refuses JavaScript hidden in a FlateDecode object stream", async () => {
    const doc = await cleanDoc();
    const js = doc.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert('x')") });
    doc.catalog.set(PDFName.of("OpenAction"), doc.context.register(js));
    const bytes = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(bytes).toString("latin1")).toContain("/ObjStm");
    expect(await bypassesFilterButParse(bytes)).toEqual({ ok: false, message: PDF_ACTIVE_MESSAGE });
  });

  it.each([
    [
      "/Java#53cript with /J#53",
      "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Java#53cript /J#53 (app.alert(1)) >> >>",
    ],
    ["/L#61unch", "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /L#61unch /F (cmd.exe) >> >>"],
    [
      "/Embedded#46ile#73 in the name tree",
      "<< /Type /Catalog /Pages 2 0 R /Names << /Embedded#46ile#73 << /Names [(a.exe) << /Type /Filespec /F (a.exe) >>] >> >> >>",
    ],
    [
      "a /Launch spelled #4C#61#75#6E#63#68",
      "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /#4C#61#75#6E#63#68 >> >>",
    ],
  ])("refuses names written with escapes: %s", async (_, catalog) => {
    const bytes = handWritten([catalog, ...PAGES]);
    expect(await bypassesFilterButParse(bytes)).toEqual({ ok: false, message: PDF_ACTIVE_MESSAGE });
  });

  it("refuses an embedded file attached by a PDF library", async () => {
    const doc = await cleanDoc();
    await doc.attach(Buffer.from("MZ payload"), "payload.exe", { mimeType: "application/octet-stream" });
    const bytes = await doc.save({ useObjectStreams: true });
    expect(await inspectEvidence(bytes)).toMatchObject({ ok: false }); // the byte filter sees this one already
  });

  it("refuses actions other than GoTo and http(s) links, e.g. a javascript: URI inside an object stream", async () => {
    const doc = await cleanDoc();
    const action = doc.context.obj({ S: "URI", URI: PDFString.of("javascript:alert(1)") });
    const annot = doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [0, 0, 10, 10],
      A: doc.context.register(action),
    });
    doc.getPage(0).node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(annot)]));
    const bytes = await doc.save({ useObjectStreams: true });
    expect(await bypassesFilterButParse(bytes)).toEqual({ ok: false, message: PDF_ACTIVE_MESSAGE });

    const named = handWritten([
      "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /SubmitF#6Frm /F (https://evil.example/) >> >>",
      ...PAGES,
    ]);
    expect(await bypassesFilterButParse(named)).toEqual({ ok: false, message: PDF_ACTIVE_MESSAGE });
  });

  it("refuses an object stream that inflates past the limit, without inflating it all", async () => {
    const bomb = zlib.deflateSync(Buffer.alloc(40 * 1024 * 1024, 0x20), { level: 9 });
    const stream = Buffer.concat([
      Buffer.from(
        `<< /Type /Obj#53tm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
        "latin1",
      ),
      bomb,
      Buffer.from("\nendstream", "latin1"),
    ]);
    const bytes = handWritten(["<< /Type /Catalog /Pages 2 0 R >>", ...PAGES, stream]);
    const before = process.memoryUsage().rss;
    expect(await inspectEvidence(bytes)).toEqual({ ok: false, message: PDF_BROKEN_MESSAGE });
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses encrypted and unparsable PDFs", async () => {
    const encrypted = handWritten(["<< /Type /Catalog /Pages 2 0 R >>", ...PAGES]);
    const withEncrypt = Buffer.from(encrypted)
      .toString("latin1")
      .replace("/Root 1 0 R", "/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>");
    expect(await inspectEvidence(new Uint8Array(Buffer.from(withEncrypt, "latin1")))).toEqual({
      ok: false,
      message: PDF_ENCRYPTED_MESSAGE,
    });
    const garbage = new Uint8Array(
      Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n%%EOF\n", "latin1"),
    );
    expect(await inspectEvidence(garbage)).toMatchObject({ ok: false });
  });
});
