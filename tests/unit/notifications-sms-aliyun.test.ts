/**
 * The notification channel's Aliyun SMS adapter (lib/notifications/sms) against a local stand-in for
 * dysmsapi's SendSms that checks each request the way Aliyun does — the signature recomputed from the
 * received form with the secret it knows for the AccessKeyId (code shared with the adapter: none), the
 * common parameters, a fresh nonce, a recent timestamp, the message's parameters — and answers like
 * Aliyun: OK, throttling, a refused template, a server fault, or nothing at all (timeout).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapAliyunAnswer } from "@/lib/notifications/sms/aliyun-answer";
import { checkSmsSettings, SmsConfigError, smsProviderFromEnv } from "@/lib/notifications/sms";
import type { SmsProvider } from "@/lib/notifications/sms";
import { aliyunSignatureOf } from "../support/aliyun-signature";

const SECRETS: Record<string, string> = { LTAItestid: "testsecret" };
const TEMPLATES = new Set(["SMS_OK", "SMS_THROTTLED_ONCE", "SMS_SLOW", "SMS_FAULT"]);

const signatureOf = aliyunSignatureOf;

type Received = { form: URLSearchParams; contentType: string | undefined };
const received: Received[] = [];
const nonces = new Set<string>();
let throttledOnce = false;
let server: Server;
let endpoint: string;

function answer(res: ServerResponse, status: number, body: Record<string, string>) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json;charset=utf-8");
  res.end(JSON.stringify({ RequestId: "0A1B2C3D-TEST", ...body }));
}

/** What SendSms does with one request. */
function sendSms(req: IncomingMessage, res: ServerResponse, raw: string) {
  const form = new URLSearchParams(raw);
  received.push({ form, contentType: req.headers["content-type"] });
  const get = (name: string) => form.get(name) ?? "";
  const common = {
    Action: "SendSms",
    Version: "2017-05-25",
    Format: "JSON",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
  };
  for (const [name, value] of Object.entries(common))
    if (get(name) !== value)
      return answer(res, 400, { Code: "MissingParameter", Message: `${name} is wrong` });
  const secret = SECRETS[get("AccessKeyId")];
  if (!secret)
    return answer(res, 404, {
      Code: "InvalidAccessKeyId.NotFound",
      Message: "Specified access key is not found.",
    });
  if (get("Signature") !== signatureOf(req.method ?? "POST", [...form.entries()], secret))
    return answer(res, 400, {
      Code: "SignatureDoesNotMatch",
      Message: "Specified signature is not matched with our calculation.",
    });
  if (nonces.has(get("SignatureNonce")))
    return answer(res, 400, {
      Code: "SignatureNonceUsed",
      Message: "Specified signature nonce was used already.",
    });
  nonces.add(get("SignatureNonce"));
  const stamp = Date.parse(get("Timestamp"));
  if (
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(get("Timestamp")) ||
    Math.abs(Date.now() - stamp) > 15 * 60_000
  )
    return answer(res, 400, {
      Code: "InvalidTimeStamp.Expired",
      Message: "Specified time stamp is expired.",
    });
  if (!/^1[3-9]\d{9}$/.test(get("PhoneNumbers")))
    return answer(res, 200, { Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号" });
  if (get("SignName") !== "某某中学")
    return answer(res, 200, { Code: "isv.SMS_SIGNATURE_ILLEGAL", Message: "该账号下找不到对应签名" });
  if (!TEMPLATES.has(get("TemplateCode")))
    return answer(res, 200, { Code: "isv.SMS_TEMPLATE_ILLEGAL", Message: "该账号下找不到对应模板" });
  let params: unknown;
  try {
    params = JSON.parse(get("TemplateParam"));
  } catch {
    params = null;
  }
  if (!params || typeof params !== "object" || Object.values(params).some((v) => typeof v !== "string"))
    return answer(res, 200, { Code: "isv.INVALID_JSON_PARAM", Message: "JSON参数不合法，只接受字符串值" });
  switch (get("TemplateCode")) {
    case "SMS_THROTTLED_ONCE":
      if (!throttledOnce) {
        throttledOnce = true;
        // Aliyun's flow-control answers may name the number; the adapter must not keep it.
        return answer(res, 200, {
          Code: "isv.BUSINESS_LIMIT_CONTROL",
          Message: `触发小时级流控Permits:5 ${get("PhoneNumbers")}`,
        });
      }
      break;
    case "SMS_SLOW":
      return void setTimeout(() => answer(res, 200, { Code: "OK", Message: "OK", BizId: "late" }), 1500);
    case "SMS_FAULT":
      res.statusCode = 503;
      res.setHeader("content-type", "text/html");
      return void res.end("<html><body>503 Service Temporarily Unavailable</body></html>");
  }
  return answer(res, 200, {
    Code: "OK",
    Message: "OK",
    BizId: `${900619746936498440n + BigInt(received.length)}^0`,
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => sendSms(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settings = (overrides: Record<string, string> = {}) => ({
  SMS_PROVIDER: "aliyun",
  SMS_ACCESS_KEY_ID: "LTAItestid",
  SMS_ACCESS_KEY_SECRET: "testsecret",
  SMS_SIGN_NAME: "某某中学",
  SMS_ENDPOINT: endpoint,
  SMS_TIMEOUT_MS: "800",
  ...overrides,
});
const provider = (overrides: Record<string, string> = {}): SmsProvider =>
  smsProviderFromEnv(settings(overrides))!;
const message = {
  phone: "13812345678",
  templateCode: "SMS_OK",
  params: { name: "张小明", deadline: "11月27日" },
};

describe("Aliyun SMS provider of the notification channel", () => {
  it("the stand-in's signature check is Aliyun's: it reproduces the documented SendSms example", () => {
    // The worked example of Aliyun's SMS signature documentation (GET, secret "testSecret").
    const example: [string, string][] = Object.entries({
      AccessKeyId: "testId",
      Action: "SendSms",
      Format: "XML",
      OutId: "123",
      PhoneNumbers: "15300000001",
      RegionId: "cn-hangzhou",
      SignName: "阿里云短信测试专用",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "45e25e9b-0a6f-4070-8c85-2956eda1b466",
      SignatureVersion: "1.0",
      TemplateCode: "SMS_71390007",
      TemplateParam: '{"customer":"test"}',
      Timestamp: "2017-07-12T02:42:19Z",
      Version: "2017-05-25",
    });
    expect(signatureOf("GET", example, "testSecret")).toBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  });

  it("sends one signed SendSms form with the number, sign name, template and its parameters as JSON", async () => {
    const result = await provider().send({ ...message, phone: "+86 138-1234-5678" });
    expect(result).toEqual({ ok: true, providerAnswer: expect.stringMatching(/^OK: OK \(BizId \d+\^0\)$/) });
    const { form, contentType } = received.at(-1)!;
    expect(contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(form.get("PhoneNumbers")).toBe("13812345678");
    expect(form.get("SignName")).toBe("某某中学");
    expect(form.get("TemplateCode")).toBe("SMS_OK");
    expect(JSON.parse(form.get("TemplateParam")!)).toEqual({ name: "张小明", deadline: "11月27日" });
    expect(form.get("RegionId")).toBe("cn-hangzhou");
  });

  it("a wrong secret is refused by the server's signature check and reported as final, with Aliyun's code", async () => {
    const result = await provider({ SMS_ACCESS_KEY_SECRET: "not-the-secret" }).send(message);
    expect(result).toEqual({
      ok: false,
      retryable: false,
      providerAnswer: expect.stringContaining("SignatureDoesNotMatch: Specified signature is not matched"),
    });
    const unknownKey = await provider({ SMS_ACCESS_KEY_ID: "LTAIother" }).send(message);
    expect(unknownKey).toMatchObject({ ok: false, retryable: false });
    expect(unknownKey.providerAnswer).toContain("InvalidAccessKeyId.NotFound");
  });

  it("throttling is retryable, and the same message sent again goes through; the answer never keeps the number", async () => {
    const first = await provider().send({ ...message, templateCode: "SMS_THROTTLED_ONCE" });
    expect(first).toMatchObject({ ok: false, retryable: true });
    expect(first.providerAnswer).toContain("isv.BUSINESS_LIMIT_CONTROL: 触发小时级流控Permits:5");
    expect(first.providerAnswer).not.toContain("13812345678");
    const again = await provider().send({ ...message, templateCode: "SMS_THROTTLED_ONCE" });
    expect(again.ok).toBe(true);
    // Each attempt is a new request: Aliyun refuses a nonce it has seen.
    expect(received.at(-1)!.form.get("SignatureNonce")).not.toBe(received.at(-2)!.form.get("SignatureNonce"));
  });

  it("a template or sign name the account does not have, and a bad number, are final", async () => {
    const template = await provider().send({ ...message, templateCode: "SMS_NOT_APPROVED" });
    expect(template).toMatchObject({ ok: false, retryable: false });
    expect(template.providerAnswer).toContain("isv.SMS_TEMPLATE_ILLEGAL");
    const sign = await provider({ SMS_SIGN_NAME: "别的学校" }).send(message);
    expect(sign).toMatchObject({ ok: false, retryable: false });
    expect(sign.providerAnswer).toContain("isv.SMS_SIGNATURE_ILLEGAL");
    const before = received.length;
    const number = await provider().send({ ...message, phone: "0755-1234567" });
    expect(number).toEqual({
      ok: false,
      retryable: false,
      providerAnswer: "not sent: not a mainland mobile number",
    });
    expect(received.length).toBe(before); // nothing sent for a number no carrier delivers to
  });

  it("a server fault (503, an HTML page) and a timeout are retryable", async () => {
    const fault = await provider().send({ ...message, templateCode: "SMS_FAULT" });
    expect(fault).toMatchObject({
      ok: false,
      retryable: true,
      providerAnswer: expect.stringContaining("HTTP 503"),
    });
    const started = Date.now();
    const slow = await provider().send({ ...message, templateCode: "SMS_SLOW" });
    expect(slow).toEqual({ ok: false, retryable: true, providerAnswer: "timeout: no answer within 800 ms" });
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it("an endpoint nobody listens on is a retryable network failure, not a throw", async () => {
    const refused = await provider({ SMS_ENDPOINT: "http://127.0.0.1:9/" }).send(message);
    expect(refused).toMatchObject({ ok: false, retryable: true });
    expect(refused.providerAnswer).toMatch(/^network: /);
  });
});

describe("mapping Aliyun's answers", () => {
  it("throttling codes and the provider's own faults are retryable; configuration and content faults are not", () => {
    const codes: [number, string, boolean][] = [
      [200, "isv.BUSINESS_LIMIT_CONTROL", true],
      [200, "isv.DAY_LIMIT_CONTROL", true],
      [400, "Throttling.User", true],
      [503, "ServiceUnavailable", true],
      [500, "isp.SYSTEM_ERROR", true],
      [200, "isv.MOBILE_NUMBER_ILLEGAL", false],
      [200, "isv.TEMPLATE_MISSING_PARAMETERS", false],
      [200, "isv.AMOUNT_NOT_ENOUGH", false],
      [200, "isv.OUT_OF_SERVICE", false],
      [403, "isp.RAM_PERMISSION_DENY", false],
    ];
    for (const [status, Code, retryable] of codes)
      expect(mapAliyunAnswer(status, { Code, Message: "m" }, "13812345678"), Code).toEqual({
        ok: false,
        retryable,
        providerAnswer: `${Code}: m`,
      });
    expect(mapAliyunAnswer(429, null, "")).toMatchObject({ ok: false, retryable: true });
    expect(mapAliyunAnswer(404, null, "")).toMatchObject({ ok: false, retryable: false });
  });
});

describe("SMS settings", () => {
  it("no SMS_PROVIDER: SMS is off and only the inbox is used", () => {
    expect(smsProviderFromEnv({})).toBeNull();
    expect(smsProviderFromEnv({ SMS_PROVIDER: "  " })).toBeNull();
    expect(checkSmsSettings({})).toMatch(/^SMS: off .*inbox only$/);
  });

  it("a half-configured or unknown provider is an error naming the variable to fix", () => {
    const half = { SMS_PROVIDER: "aliyun", SMS_ACCESS_KEY_ID: "id", SMS_SIGN_NAME: "某某中学" };
    expect(() => smsProviderFromEnv(half)).toThrow(SmsConfigError);
    expect(() => smsProviderFromEnv(half)).toThrow(/SMS_ACCESS_KEY_SECRET is missing/);
    expect(() => smsProviderFromEnv({ SMS_PROVIDER: "tencent" })).toThrow(/unknown SMS_PROVIDER "tencent"/);
    expect(() => smsProviderFromEnv(settings({ SMS_ENDPOINT: "http://sms.example.cn/" }))).toThrow(
      /https:\/\//,
    );
    expect(() => smsProviderFromEnv(settings({ SMS_ENDPOINT: "dysmsapi" }))).toThrow(/not a URL/);
    expect(() => smsProviderFromEnv(settings({ SMS_TIMEOUT_MS: "10s" }))).toThrow(/SMS_TIMEOUT_MS/);
  });

  it("the start-up check also asks for the one-time codes' template and names the provider when complete", () => {
    expect(() => checkSmsSettings(settings())).toThrow(/SMS_TEMPLATE_OTP is missing/);
    const line = checkSmsSettings({ ...settings({ SMS_ENDPOINT: "" }), SMS_TEMPLATE_OTP: "SMS_1" });
    expect(line).toBe('SMS: aliyun at https://dysmsapi.aliyuncs.com/, sign name "某某中学"');
    expect(line).not.toContain("testsecret");
    expect(smsProviderFromEnv(settings())?.name).toBe("aliyun");
  });
});
