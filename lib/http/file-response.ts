/**
 * Answers for stored evidence files (applicants' evidence, special-group
 * evidence): the verified type, nosniff and a sandboxing CSP so a file can
 * never run as a page; images inline, PDFs as attachments; refusals as plain
 * Chinese text with the same headers.
 */
const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "private, no-store",
};

export type FileOutcome =
  | { ok: true; data: { bytes: Uint8Array; mimeType: string; fileName: string } }
  | { ok: false; status: number; message: string };

export function fileResponse(r: FileOutcome): Response {
  if (!r.ok)
    return new Response(r.message, {
      status: r.status,
      headers: { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" },
    });
  const { bytes, mimeType, fileName } = r.data;
  const disposition = mimeType === "application/pdf" ? "attachment" : "inline";
  return new Response(Buffer.from(bytes), {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      "Content-Type": mimeType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `${disposition}; filename="evidence${fileName.slice(fileName.lastIndexOf("."))}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  });
}
