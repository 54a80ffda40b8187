/**
 * Answers for stored evidence files (applicants' evidence, special-group
 * evidence): the verified type, nosniff and a sandboxing CSP so a file can
 * never run as a page; images inline, PDFs as attachments; refusals as plain
 * Chinese text with the same headers.
 */
/** The CSP of every stored-file answer: nothing loads, nothing runs, an opaque origin. */
export const FILE_CSP = "default-src 'none'; sandbox";

/**
 * Paths answered by {@link fileResponse}. proxy.ts sets its page CSP on
 * every response, which replaced the one below; it gives these paths
 * FILE_CSP instead (tests/unit/file-routes.test.ts keeps this list complete).
 */
export const FILE_ROUTE_PATHS: readonly RegExp[] = [
  /^\/api\/evidence\/[^/]+\/?$/,
  /^\/console\/admin\/special-groups\/evidence\/[^/]+\/?$/,
  /^\/console\/rosters\/vocational\/[^/]+\/attachments\/[^/]+\/?$/,
  /^\/api\/support\/files\/[^/]+\/?$/,
];
export const servesStoredFile = (pathname: string): boolean =>
  FILE_ROUTE_PATHS.some((re) => re.test(pathname));

const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": FILE_CSP,
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
