/**
 * Runs before every request (Next.js 16 "proxy", formerly middleware): sets
 * the security headers of lib/security/headers.ts on every response,
 * including a per-request CSP nonce that Next.js applies to its own scripts.
 * Authentication and authorisation are NOT done here: every page, server
 * action and route handler checks them itself (lib/auth/access).
 */
import { NextResponse, type NextRequest } from "next/server";
import { FILE_CSP, servesStoredFile } from "@/lib/http/file-response";
import { contentSecurityPolicy, isHttps, makeNonce, staticSecurityHeaders } from "@/lib/security/headers";
import { crossSiteRefusal } from "@/lib/security/origin";

export function proxy(request: NextRequest) {
  const https = isHttps(request.url, request.headers.get("x-forwarded-proto"));
  const refusal = crossSiteRefusal({
    method: request.method,
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    host: request.headers.get("host"),
    forwardedHost: request.headers.get("x-forwarded-host"),
  });
  if (refusal) {
    const refused = new NextResponse("跨站请求已拒绝（来源与本站不一致）。请直接在本系统页面中操作。", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
    for (const [name, value] of Object.entries(staticSecurityHeaders(https)))
      refused.headers.set(name, value);
    return refused;
  }
  const nonce = makeNonce();
  // Stored files (evidence) keep their sandboxing CSP: the page CSP set below would replace the route's.
  const csp = servesStoredFile(request.nextUrl.pathname)
    ? FILE_CSP
    : contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });

  // Next.js reads the nonce from the request's CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(staticSecurityHeaders(https))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything except build assets (which get the static headers from next.config.js).
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
