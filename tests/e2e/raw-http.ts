/**
 * Plain HTTP requests for the e2e specs that need what a browser or
 * Playwright's request context cannot do: pick the local (source) address —
 * 127.0.0.2 is "a client talking to the app directly", 127.0.0.1 is the
 * trusted reverse proxy of playwright.config.ts — send any method (TRACE) or
 * a raw, undecodable request target (`/%ff`).
 */
import http from "node:http";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

export function raw(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        method,
        path,
        headers: opts.headers,
        localAddress: opts.from,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const cookiePairs = (res: RawResponse) =>
  (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!).join("; ");

/**
 * One sign-in through next-auth's credentials endpoint, as the sign-in page
 * does it; returns "OK" or the Chinese message the page would show.
 */
export async function signInOverHttp(
  identifier: string,
  password: string,
  opts: { from?: string; forwardedFor?: string; kind?: string } = {},
): Promise<string> {
  const headers: Record<string, string> = opts.forwardedFor ? { "x-forwarded-for": opts.forwardedFor } : {};
  const csrf = await raw("GET", "/api/auth/csrf", { headers, from: opts.from });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await raw("POST", "/api/auth/callback/credentials", {
    from: opts.from,
    headers: {
      ...headers,
      cookie: cookiePairs(csrf),
      origin: ORIGIN,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      csrfToken,
      kind: opts.kind ?? "staff",
      identifier,
      password,
      json: "true",
    }).toString(),
  });
  const url = new URL((JSON.parse(res.body) as { url: string }).url);
  return url.searchParams.get("error") ?? "OK";
}
