/**
 * Aliyun SMS (dysmsapi, API version 2017-05-25, action SendSms) with the RPC
 * signature: the request parameters sorted by name, each name and value
 * percent-encoded (RFC 3986), joined with & into the canonical query;
 * StringToSign = METHOD & enc("/") & enc(canonical query);
 * Signature = base64(HMAC-SHA1(secret + "&", StringToSign)).
 */
import { createHmac, randomUUID } from "node:crypto";
import type { SmsResult, SmsSender } from "./sender";

export type AliyunSmsConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Default https://dysmsapi.aliyuncs.com/ */
  endpoint: string;
  /** Default cn-hangzhou */
  regionId: string;
  timeoutMs?: number;
};

/** RFC 3986 percent-encoding as Aliyun's RPC signature requires (also ! ' ( ) *). */
export function aliyunPercentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join("&");
}

export function aliyunSignature(method: string, params: Record<string, string>, secret: string): string {
  const stringToSign = `${method}&${aliyunPercentEncode("/")}&${aliyunPercentEncode(canonicalQuery(params))}`;
  return createHmac("sha1", `${secret}&`).update(stringToSign, "utf8").digest("base64");
}

/** The signed parameters of one SendSms request. */
export function sendSmsParams(
  config: AliyunSmsConfig,
  phone: string,
  templateId: string,
  params: Record<string, string>,
  now = new Date(),
  nonce: string = randomUUID(),
): Record<string, string> {
  const unsigned: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: "SendSms",
    Format: "JSON",
    PhoneNumbers: phone,
    RegionId: config.regionId,
    SignName: config.signName,
    SignatureMethod: "HMAC-SHA1",
    SignatureNonce: nonce,
    SignatureVersion: "1.0",
    TemplateCode: templateId,
    TemplateParam: JSON.stringify(params),
    Timestamp: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    Version: "2017-05-25",
  };
  return { ...unsigned, Signature: aliyunSignature("POST", unsigned, config.accessKeySecret) };
}

export class AliyunSmsSender implements SmsSender {
  readonly provider = "aliyun";
  constructor(private readonly config: AliyunSmsConfig) {}

  async send(phone: string, templateId: string, params: Record<string, string>): Promise<SmsResult> {
    const body = canonicalQuery(sendSmsParams(this.config, phone, templateId, params));
    try {
      const res = await fetch(this.config.endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded; charset=utf-8",
          accept: "application/json",
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
      const json = (await res.json().catch(() => null)) as {
        Code?: string;
        Message?: string;
        BizId?: string;
      } | null;
      if (res.ok && json?.Code === "OK") return { ok: true, messageId: json.BizId ?? null };
      return {
        ok: false,
        error: `${json?.Code ?? `HTTP ${res.status}`}: ${json?.Message ?? ""}`.slice(0, 200),
      };
    } catch (e) {
      return { ok: false, error: (e instanceof Error ? e.message : String(e)).slice(0, 200) };
    }
  }
}
