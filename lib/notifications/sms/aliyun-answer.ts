/**
 * What an answer of Aliyun's SendSms (dysmsapi 2017-05-25) means for a notification's delivery: sent,
 * worth trying again later (throttling, the provider's own faults, the network), or not (a bad number,
 * template or sign name, the account's configuration or balance — trying again sends nothing until a
 * person fixes it). Pure: tests/unit/notifications-sms-aliyun.test.ts.
 *
 * Codes from Aliyun's SMS error-code list (help.aliyun.com "API错误码") and its common RPC errors.
 */
import type { SmsResult } from "./types";

/** Codes that succeed when the same message is sent again later. */
const RETRYABLE_CODES = new Set([
  "isv.BUSINESS_LIMIT_CONTROL", // per-number frequency limit (minute / hour / day)
  "isv.DAY_LIMIT_CONTROL", // the account's daily total, reset the next day
  "isp.SYSTEM_ERROR",
  "isp.GATEWAY_ERROR",
  "isp.UNKNOWN",
  "isv.DATA_NOT_EXIST", // "please try again later"
  "ServiceUnavailable",
  "InternalError",
  "SignatureNonceUsed", // a fresh request gets a fresh nonce
]);

/** Longest providerAnswer kept (the delivery log shows it). */
export const PROVIDER_ANSWER_MAX = 300;

/** Mainland mobile numbers anywhere in a text (not inside a longer run of digits, e.g. a BizId). */
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g;

/** The provider's answer as stored: never the recipient's number, at most PROVIDER_ANSWER_MAX characters. */
export function cleanAnswer(text: string, phone: string): string {
  let out = text.replace(MOBILE_IN_TEXT, "***");
  if (phone) out = out.split(phone).join("***");
  return out.replace(/\s+/g, " ").trim().slice(0, PROVIDER_ANSWER_MAX);
}

export type AliyunReply = { Code?: unknown; Message?: unknown; BizId?: unknown; RequestId?: unknown };

/** Maps one HTTP answer (status + parsed JSON body, or null when the body was not JSON). */
export function mapAliyunAnswer(status: number, body: AliyunReply | null, phone: string): SmsResult {
  const code = typeof body?.Code === "string" ? body.Code : null;
  const message = typeof body?.Message === "string" ? body.Message : "";
  const requestId = typeof body?.RequestId === "string" ? ` (RequestId ${body.RequestId})` : "";
  if (status >= 200 && status < 300 && code === "OK") {
    const bizId = typeof body?.BizId === "string" ? ` (BizId ${body.BizId})` : "";
    return { ok: true, providerAnswer: cleanAnswer(`OK: ${message || "OK"}${bizId}`, phone) };
  }
  const providerAnswer = cleanAnswer(
    code ? `${code}: ${message}${requestId}` : `HTTP ${status}: ${message || "no answer the adapter reads"}`,
    phone,
  );
  const retryable =
    status === 429 ||
    status >= 500 ||
    (code !== null && (RETRYABLE_CODES.has(code) || code.startsWith("Throttling")));
  return { ok: false, retryable, providerAnswer };
}

/** Maps a request that got no answer: a timeout or a network error — both worth trying again. */
export function mapAliyunFailure(error: unknown, timeoutMs: number, phone: string): SmsResult {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError")
    return { ok: false, retryable: true, providerAnswer: `timeout: no answer within ${timeoutMs} ms` };
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const detail = typeof cause?.code === "string" ? ` (${cause.code})` : "";
  const text = error instanceof Error ? error.message : String(error);
  return { ok: false, retryable: true, providerAnswer: cleanAnswer(`network: ${text}${detail}`, phone) };
}
