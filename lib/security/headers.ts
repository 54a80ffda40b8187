/**
 * Security headers for every response: a nonce-based Content
 * Security Policy without 'unsafe-eval' (allowed only by `next dev`, whose
 * React debugging needs it), no framing, no MIME sniffing, a strict referrer
 * policy, no powerful browser features, and HSTS when served over https.
 * Pure functions; proxy.ts applies them to each request.
 */

import "server-only";
export type HeaderOptions = {
  /** Fresh per request; Next.js puts it on its own scripts (it reads it from the CSP request header). */
  nonce: string;
  /** `next dev` only: React needs eval for its debugging aids. */
  dev: boolean;
  /** The request reached us over https (directly or via a proxy's X-Forwarded-Proto). */
  https: boolean;
};

export function contentSecurityPolicy({ nonce, dev, https }: HeaderOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by nonce-bearing scripts may load further chunks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (React style props) need 'unsafe-inline'; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "browsing-topics=()",
  "interest-cohort=()",
].join(", ");

/** Every header except the CSP (which needs the nonce), for all responses. */
export function staticSecurityHeaders(https: boolean): Record<string, string> {
  const h: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-DNS-Prefetch-Control": "off",
    "X-Permitted-Cross-Domain-Policies": "none",
  };
  // Browsers ignore HSTS over plain http; sending it only over https keeps intranet http installs usable.
  if (https) h["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return h;
}

/** Whether the request came in over https (TLS here, or terminated by a reverse proxy that says so). */
export function isHttps(url: string, forwardedProto: string | null): boolean {
  const proto = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  if (proto) return proto === "https";
  return url.startsWith("https:");
}

/** 128 random bits, base64. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
