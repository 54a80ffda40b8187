/**
 * The notification channel's Aliyun SMS adapter: one SendSms request (dysmsapi, API version 2017-05-25,
 * RPC style) per message, POSTed as a form so the phone number travels in the body, never in a URL a
 * proxy might log. The request and its HMAC-SHA1 signature are the ones the one-time codes already use
 * (lib/sms/aliyun.ts: sendSmsParams, canonicalQuery); the answer is mapped to sent / retryable / final by
 * lib/notifications/sms/aliyun-answer.ts. Never throws: every outcome is an SmsResult.
 */
import { canonicalQuery, sendSmsParams, type AliyunSmsConfig } from "@/lib/sms/aliyun";
import { isValidMobile, normaliseMobile } from "@/lib/domain/mask";
import { mapAliyunAnswer, mapAliyunFailure, type AliyunReply } from "./aliyun-answer";
import type { SmsMessage, SmsProvider, SmsResult } from "./types";

export type AliyunProviderConfig = AliyunSmsConfig & { timeoutMs: number };

export class AliyunSmsProvider implements SmsProvider {
  readonly name = "aliyun";
  constructor(private readonly config: AliyunProviderConfig) {}

  async send(message: SmsMessage): Promise<SmsResult> {
    const phone = normaliseMobile(message.phone);
    // A number no carrier delivers to is refused here: sending it again would not help either.
    if (!isValidMobile(phone))
      return { ok: false, retryable: false, providerAnswer: "not sent: not a mainland mobile number" };
    const body = canonicalQuery(sendSmsParams(this.config, phone, message.templateCode, message.params));
    let response: Response;
    try {
      response = await fetch(this.config.endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded; charset=utf-8",
          accept: "application/json",
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      return mapAliyunFailure(error, this.config.timeoutMs, phone);
    }
    let reply: AliyunReply | null;
    try {
      const parsed: unknown = JSON.parse(await response.text());
      reply = parsed && typeof parsed === "object" ? (parsed as AliyunReply) : null;
    } catch (error) {
      // The body timed out half-way (retryable) or was not JSON (a proxy's error page: mapped by status).
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
        return mapAliyunFailure(error, this.config.timeoutMs, phone);
      reply = null;
    }
    return mapAliyunAnswer(response.status, reply, phone);
  }
}
