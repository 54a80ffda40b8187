/**
 * Cross-site request refusal (CSRF). Next.js already aborts a
 * server action whose Origin differs from the Host (or X-Forwarded-Host);
 * proxy.ts applies the same rule to every state-changing request (route
 * handlers included) and also refuses requests a browser marks as
 * cross-site. Pure; unit-tested and proven against `next start` in
 * tests/e2e/security-headers.spec.ts.
 */

import "server-only";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type RequestFacts = {
  method: string;
  origin: string | null;
  /** Sec-Fetch-Site as sent by the browser ("same-origin", "same-site", "cross-site", "none"). */
  secFetchSite: string | null;
  host: string | null;
  forwardedHost: string | null;
};

function hostOf(origin: string): string | null {
  if (origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Why a state-changing request must be refused, or null when it may proceed. */
export function crossSiteRefusal(r: RequestFacts): string | null {
  if (SAFE_METHODS.has(r.method.toUpperCase())) return null;
  const expected = (r.forwardedHost?.split(",")[0]?.trim() || r.host || "").toLowerCase();
  if (r.origin !== null) {
    const got = hostOf(r.origin)?.toLowerCase();
    if (!got || !expected || got !== expected) return "foreign-origin";
    return null;
  }
  // No Origin header: only non-browser clients or very old browsers; refuse if the browser says cross-site.
  if (r.secFetchSite === "cross-site") return "cross-site";
  return null;
}
