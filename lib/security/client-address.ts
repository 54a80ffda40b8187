/**
 * The client's address, for rate limits and the audit log — the one place it
 * is decided (lib/auth/request.ts and lib/auth/options.ts both call
 * `clientAddress`).
 *
 * `X-Forwarded-For` is written by whoever sent the request, so its first hop
 * proves nothing. The address is found the way a proxy chain is walked:
 * start at the TCP peer (the socket address, which scripts/server.ts puts in
 * PEER_ADDRESS_HEADER, overwriting anything the client sent), and while that
 * hop is one of the operator's TRUSTED_PROXIES, step one hop left in
 * `X-Forwarded-For`. The first hop that is not a trusted proxy is the client.
 * With TRUSTED_PROXIES empty (the default) the socket address is the client
 * and forwarded headers are ignored.
 *
 * TRUSTED_PROXIES: comma-separated IPv4/IPv6 addresses and CIDR ranges, e.g.
 * `TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8,::1`.
 */
import "server-only";
import { BlockList, isIP } from "node:net";

/** Set by scripts/server.ts from the socket; a value sent by the client is replaced. */
export const PEER_ADDRESS_HEADER = "x-aid-peer-address";

/** "::ffff:10.1.2.3" → "10.1.2.3"; brackets and ports of "[::1]:443" / "1.2.3.4:80" removed; null if not an IP. */
export function normaliseAddress(raw: string | null | undefined): string | null {
  let value = (raw ?? "").trim();
  if (!value) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1]!;
  value = value.replace(/%.*$/, ""); // IPv6 zone id
  return isIP(value) ? value.toLowerCase() : null;
}

export type TrustedProxies = { check(address: string): boolean; entries: string[] };

/** Parses TRUSTED_PROXIES; throws with a readable message on an entry that is neither an IP nor a CIDR range. */
export function parseTrustedProxies(setting: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (setting ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [host, prefix, extra] = entry.split("/");
    const address = normaliseAddress(host);
    const family = address ? isIP(address) : 0;
    const bits = family === 4 ? 32 : 128;
    if (!address || extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)))
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8)`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const length = Number(prefix);
      if (length > bits) throw new Error(`TRUSTED_PROXIES: "${entry}" has a prefix longer than ${bits}`);
      list.addSubnet(address, length, type);
    }
  }
  return {
    entries,
    check(address: string) {
      const a = normaliseAddress(address);
      if (!a) return false;
      return list.check(a, isIP(a) === 4 ? "ipv4" : "ipv6");
    },
  };
}

let cached: { setting: string | undefined; trusted: TrustedProxies } | null = null;

/** TRUSTED_PROXIES of the environment (re-read when it changes, e.g. in tests). */
export function trustedProxies(): TrustedProxies {
  const setting = process.env.TRUSTED_PROXIES;
  if (!cached || cached.setting !== setting) cached = { setting, trusted: parseTrustedProxies(setting) };
  return cached.trusted;
}

/**
 * The client's address: the right-most address of [X-Forwarded-For…, socket
 * peer] that is not a trusted proxy. Null when the socket address is unknown
 * (the app was not started through scripts/server.ts); a malformed hop left
 * of trusted proxies stops the walk at the last trusted hop.
 */
export function clientAddress(
  peer: string | null | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies = trustedProxies(),
): string | null {
  let current = normaliseAddress(peer);
  if (!current) return null;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  while (trusted.check(current)) {
    const next = hops.pop();
    if (next === undefined) return current; // only proxies: the innermost one is all we know
    const address = normaliseAddress(next);
    if (!address) return current; // garbage written by the client or a misconfigured proxy
    current = address;
  }
  return current;
}

/** Header reader of a Fetch `Headers`, next/headers, or a Node/next-auth plain header object. */
export type HeaderSource = { get(name: string): string | null } | Record<string, unknown> | undefined;

function header(source: HeaderSource, name: string): string | null {
  if (!source) return null;
  if (typeof (source as { get?: unknown }).get === "function")
    return (source as { get(name: string): string | null }).get(name);
  const value = (source as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : null;
}

/** The client's address of a request's headers (see `clientAddress`). */
export function clientAddressOf(headers: HeaderSource): string | null {
  return clientAddress(header(headers, PEER_ADDRESS_HEADER), header(headers, "x-forwarded-for"));
}

/**
 * Whether the request reached the site over https: the configured URL says
 * so, or the proxy in front of us says it terminated TLS. Trusting a forged
 * `X-Forwarded-Proto: https` here only makes the sender's own cookies
 * Secure, so it needs no TRUSTED_PROXIES check.
 */
export function requestIsHttps(headers: HeaderSource): boolean {
  if ((process.env.NEXTAUTH_URL ?? "").startsWith("https://")) return true;
  return header(headers, "x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}
