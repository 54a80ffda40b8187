import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttps, makeNonce, staticSecurityHeaders } from "@/lib/security/headers";
import { crossSiteRefusal } from "@/lib/security/origin";

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce in production, never eval", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", dev: false, https: false });
    expect(csp).toMatch(/script-src 'self' 'nonce-abc' 'strict-dynamic'(;|$)/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
  it("adds eval only for next dev and the upgrade only over https", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", dev: false, https: true })).toContain(
      "upgrade-insecure-requests",
    );
  });
});

describe("staticSecurityHeaders", () => {
  it("sends HSTS only over https", () => {
    expect(staticSecurityHeaders(false)["Strict-Transport-Security"]).toBeUndefined();
    expect(staticSecurityHeaders(true)["Strict-Transport-Security"]).toContain("max-age=31536000");
    expect(staticSecurityHeaders(false)["X-Content-Type-Options"]).toBe("nosniff");
  });
  it("detects https directly or through X-Forwarded-Proto", () => {
    expect(isHttps("https://a/x", null)).toBe(true);
    expect(isHttps("http://a/x", "https")).toBe(true);
    expect(isHttps("http://a/x", "http, https")).toBe(false);
    expect(isHttps("http://a/x", null)).toBe(false);
  });
  it("makes a fresh 128-bit nonce each time", () => {
    const a = makeNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(makeNonce()).not.toBe(a);
  });
});

describe("crossSiteRefusal", () => {
  const base = {
    method: "POST",
    origin: "http://school.example:3000",
    secFetchSite: "same-origin",
    host: "school.example:3000",
    forwardedHost: null,
  };
  it("lets same-origin and safe requests through", () => {
    expect(crossSiteRefusal(base)).toBeNull();
    expect(crossSiteRefusal({ ...base, method: "GET", origin: "http://evil.example" })).toBeNull();
    expect(crossSiteRefusal({ ...base, origin: null, secFetchSite: null })).toBeNull();
  });
  it("refuses foreign, opaque and malformed origins", () => {
    expect(crossSiteRefusal({ ...base, origin: "http://evil.example" })).toBe("foreign-origin");
    expect(crossSiteRefusal({ ...base, origin: "null" })).toBe("foreign-origin");
    expect(crossSiteRefusal({ ...base, origin: "not a url" })).toBe("foreign-origin");
    expect(crossSiteRefusal({ ...base, origin: "http://school.example:3000.evil.example" })).toBe(
      "foreign-origin",
    );
    expect(crossSiteRefusal({ ...base, host: null })).toBe("foreign-origin");
  });
  it("compares with X-Forwarded-Host behind a reverse proxy", () => {
    expect(
      crossSiteRefusal({
        ...base,
        origin: "https://aid.example.cn",
        host: "127.0.0.1:3000",
        forwardedHost: "aid.example.cn",
      }),
    ).toBeNull();
    expect(
      crossSiteRefusal({
        ...base,
        origin: "https://evil.example",
        host: "127.0.0.1:3000",
        forwardedHost: "aid.example.cn",
      }),
    ).toBe("foreign-origin");
  });
  it("refuses origin-less requests the browser marks cross-site", () => {
    expect(crossSiteRefusal({ ...base, origin: null, secFetchSite: "cross-site" })).toBe("cross-site");
  });
});
