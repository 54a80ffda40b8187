/**
 * Requests refused before they reach Next.js (scripts/server.ts), answered
 * with the security headers like every other response instead of Next's
 * bare 500: methods the app never serves (TRACE echoes requests, CONNECT
 * tunnels) and request targets whose percent-encoding is malformed
 * (`/console/teacher/applications/%ff`).
 */
import "server-only";
import { staticSecurityHeaders } from "./headers";

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type Refusal = { status: number; headers: Record<string, string>; body: string };

function refusal(status: number, body: string, https: boolean, extra: Record<string, string> = {}): Refusal {
  return {
    status,
    body,
    headers: {
      ...staticSecurityHeaders(https),
      "Content-Security-Policy":
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      ...extra,
    },
  };
}

/** Whether every %-escape of the path decodes as UTF-8 (Next.js throws on it; the query it reads leniently). */
export function wellFormedTarget(target: string): boolean {
  try {
    decodeURIComponent(target.split("?", 1)[0] ?? "");
    return true;
  } catch {
    return false;
  }
}

/** The refusal for this request, or null to hand it to Next.js. */
export function refuseRequest(method: string | undefined, target: string | undefined, https: boolean) {
  const m = (method ?? "").toUpperCase();
  if (!(ALLOWED_METHODS as readonly string[]).includes(m))
    return refusal(405, "不支持该请求方法。", https, { Allow: ALLOWED_METHODS.join(", ") });
  if (!target || !target.startsWith("/") || !wellFormedTarget(target))
    return refusal(400, "网址格式不正确，请检查地址栏中的网址。", https);
  return null;
}
