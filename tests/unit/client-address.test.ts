import { afterEach, describe, expect, it } from "vitest";
import {
  clientAddress,
  clientAddressOf,
  normaliseAddress,
  parseTrustedProxies,
  PEER_ADDRESS_HEADER,
  requestIsHttps,
} from "@/lib/security/client-address";
import { refuseRequest, wellFormedTarget } from "@/lib/security/request-refusal";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8");

describe("clientAddress", () => {
  it("without trusted proxies: the socket address, whatever X-Forwarded-For says", () => {
    expect(clientAddress("198.51.100.9", "1.2.3.4", none)).toBe("198.51.100.9");
    expect(clientAddress("198.51.100.9", "1.2.3.4, 5.6.7.8", none)).toBe("198.51.100.9");
    expect(clientAddress("198.51.100.9", null, none)).toBe("198.51.100.9");
  });

  it("behind trusted proxies: the right-most address that is not one of them", () => {
    // nginx appends the real client to whatever the client sent.
    expect(clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.5", proxies)).toBe("203.0.113.5");
    // Two proxies (load balancer 10.x, then nginx on localhost).
    expect(clientAddress("127.0.0.1", "9.9.9.9, 203.0.113.5, 10.1.2.3", proxies)).toBe("203.0.113.5");
    expect(clientAddress("::1", "2001:db8::7", proxies)).toBe("2001:db8::7");
  });

  it("a client talking to the app directly cannot pick its address by sending X-Forwarded-For", () => {
    for (const forged of ["1.1.1.1", "10.0.0.1", "127.0.0.1", "1.2.3.4, 10.0.0.5"])
      expect(clientAddress("198.51.100.9", forged, proxies)).toBe("198.51.100.9");
  });

  it("stops at the last trusted hop when the header runs out or holds garbage", () => {
    expect(clientAddress("127.0.0.1", null, proxies)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "10.0.0.9", proxies)).toBe("10.0.0.9");
    expect(clientAddress("127.0.0.1", "<script>, 10.0.0.9", proxies)).toBe("10.0.0.9");
    expect(clientAddress("127.0.0.1", "evil.example", proxies)).toBe("127.0.0.1");
  });

  it("unknown socket address → unknown client (the app was not started by scripts/server.ts)", () => {
    expect(clientAddress(null, "1.2.3.4", proxies)).toBeNull();
    expect(clientAddress("", "1.2.3.4", none)).toBeNull();
  });

  it("reads the socket address only from the header scripts/server.ts sets", () => {
    const h = new Headers({ [PEER_ADDRESS_HEADER]: "::ffff:192.0.2.4", "x-forwarded-for": "1.2.3.4" });
    expect(clientAddressOf(h)).toBe("192.0.2.4");
    expect(clientAddressOf({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" })).toBeNull();
  });
});

describe("normaliseAddress", () => {
  it("unwraps IPv4-mapped IPv6, brackets, ports and zone ids; refuses non-addresses", () => {
    expect(normaliseAddress("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(normaliseAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normaliseAddress("unknown")).toBeNull();
    expect(normaliseAddress("999.1.1.1")).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and CIDR ranges of both families", () => {
    expect(proxies.check("10.200.3.4")).toBe(true);
    expect(proxies.check("::ffff:10.200.3.4")).toBe(true);
    expect(proxies.check("11.0.0.1")).toBe(false);
    expect(proxies.check("fd12::3")).toBe(true);
    expect(proxies.check("fe80::1")).toBe(false);
  });

  it("refuses a setting it cannot read, naming the entry", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, nginx")).toThrow(/"nginx"/);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseTrustedProxies("10.0.0.0/8/1")).toThrow(/CIDR/);
  });
});

describe("requestIsHttps (the session cookie's Secure flag)", () => {
  const saved = process.env.NEXTAUTH_URL;
  afterEach(() => {
    process.env.NEXTAUTH_URL = saved;
  });
  it("is true when NEXTAUTH_URL is https, and when the proxy says it terminated TLS", () => {
    process.env.NEXTAUTH_URL = "http://127.0.0.1:3000";
    expect(requestIsHttps(new Headers())).toBe(false);
    expect(requestIsHttps(new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    process.env.NEXTAUTH_URL = "https://aid.example.cn";
    expect(requestIsHttps(new Headers())).toBe(true);
  });
});

describe("refuseRequest", () => {
  it("refuses TRACE, TRACK and CONNECT with 405 and the security headers", () => {
    for (const method of ["TRACE", "TRACK", "CONNECT", "PROPFIND"]) {
      const r = refuseRequest(method, "/", false);
      expect(r?.status).toBe(405);
      expect(r?.headers["X-Frame-Options"]).toBe("DENY");
      expect(r?.headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
      expect(r?.headers.Allow).toContain("GET");
    }
  });

  it("refuses malformed percent-encoding with 400; passes good requests on", () => {
    expect(refuseRequest("GET", "/console/teacher/applications/%ff", false)?.status).toBe(400);
    expect(refuseRequest("GET", "/%E4%B8", false)?.status).toBe(400);
    expect(refuseRequest("GET", "/login?q=a+b%20c", false)).toBeNull();
    expect(refuseRequest("POST", "/publicity/%E5%85%AC", false)).toBeNull();
    expect(wellFormedTarget("/%")).toBe(false);
  });

  it("sends HSTS only over https", () => {
    expect(refuseRequest("TRACE", "/", true)?.headers["Strict-Transport-Security"]).toBeDefined();
    expect(refuseRequest("TRACE", "/", false)?.headers["Strict-Transport-Security"]).toBeUndefined();
  });
});

describe("one function decides the client address", () => {
  it("no code outside lib/security/client-address.ts reads X-Forwarded-For or X-Real-IP", async () => {
    const { globSync, readFileSync } = await import("node:fs");
    const files = ["app", "lib", "components", "scripts"].flatMap((dir) =>
      globSync(`${dir}/**/*.{ts,tsx}`).filter((f) => !f.includes("/generated/")),
    );
    expect(files.length).toBeGreaterThan(50);
    // A header name as a string literal (comments may mention it).
    const readers = files.filter((f) => /["'`]x-(forwarded-for|real-ip)["'`]/i.test(readFileSync(f, "utf8")));
    expect(readers).toEqual(["lib/security/client-address.ts"]);
  });
});
