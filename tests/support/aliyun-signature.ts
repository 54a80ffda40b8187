/**
 * Aliyun's RPC request signature (HMAC-SHA1 over the percent-encoded canonical query) as the SendSms stand-ins of
 * the tests check it — written out independently of the adapter's code in lib/sms/aliyun.ts.
 */
import { createHmac } from "node:crypto";

const enc = (s: string) =>
  encodeURIComponent(s)
    .replace(/!/g, "%21")
    .replace(/'/g, "%27")
    .replace(/\(/g, "%28")
    .replace(/\)/g, "%29")
    .replace(/\*/g, "%2A");

/** The signature Aliyun computes for a request's parameters (every one but Signature). */
export function aliyunSignatureOf(method: string, params: [string, string][], secret: string): string {
  const sorted = params.filter(([k]) => k !== "Signature").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = sorted.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  return createHmac("sha1", `${secret}&`)
    .update(`${method}&${enc("/")}&${enc(query)}`, "utf8")
    .digest("base64");
}
