/**
 * Reading a multipart body with a hard size limit (counted while it is read,
 * so a chunked upload without Content-Length cannot exceed it either), and
 * the same-origin check for uploads posted by our own pages.
 */

/** Cross-site posts are refused (the session cookie is SameSite=Lax as well). */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export type LimitedForm = { ok: true; form: FormData } | { ok: false; tooLarge: boolean };

export async function readLimitedForm(req: Request, maxBody: number): Promise<LimitedForm> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBody) return { ok: false, tooLarge: true };
  let seen = 0;
  const limited = req.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctrl) {
        seen += chunk.byteLength;
        if (seen > maxBody) ctrl.error(new Error("body too large"));
        else ctrl.enqueue(chunk);
      },
    }),
  );
  try {
    return {
      ok: true,
      form: await new Response(limited ?? null, {
        headers: { "content-type": req.headers.get("content-type") ?? "" },
      }).formData(),
    };
  } catch {
    return { ok: false, tooLarge: seen > maxBody };
  }
}
