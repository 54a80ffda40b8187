/**
 * The Aliyun SMS adapter against a local HTTP server that checks the request
 * the way Aliyun does: every required parameter, the timestamp format, and
 * the RPC HMAC-SHA1 signature recomputed independently from the received body.
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AliyunSmsSender, aliyunPercentEncode, aliyunSignature, canonicalQuery } from "@/lib/sms/aliyun";
import { SmsConfigError, smsSetupFrom } from "@/lib/sms/config";

const SECRET = "testsecret";
const received: URLSearchParams[] = [];
let server: Server;
let endpoint: string;

/** An independent implementation of Aliyun's signature check (no code shared with the adapter). */
function expectedSignature(params: URLSearchParams): string {
  const enc = (s: string) =>
    encodeURIComponent(s)
      .replace(/!/g, "%21")
      .replace(/'/g, "%27")
      .replace(/\(/g, "%28")
      .replace(/\)/g, "%29")
      .replace(/\*/g, "%2A");
  const pairs = [...params.entries()].filter(([k]) => k !== "Signature").sort(([a], [b]) => (a < b ? -1 : 1));
  const query = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
  const toSign = `POST&${enc("/")}&${enc(query)}`;
  return createHmac("sha1", `${SECRET}&`).update(toSign).digest("base64");
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const p = new URLSearchParams(body);
      received.push(p);
      res.setHeader("content-type", "application/json");
      if (p.get("Signature") !== expectedSignature(p)) {
        res.statusCode = 400;
        res.end(
          JSON.stringify({ Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched" }),
        );
        return;
      }
      if (p.get("PhoneNumbers") === "13900000000") {
        res.end(JSON.stringify({ Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发号码天级流控" }));
        return;
      }
      res.end(JSON.stringify({ Code: "OK", Message: "OK", BizId: "900619746936498440^0", RequestId: "R1" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sender = (secret = SECRET) =>
  new AliyunSmsSender({
    accessKeyId: "testid",
    accessKeySecret: secret,
    signName: "阿里云短信测试",
    endpoint,
    regionId: "cn-hangzhou",
  });

describe("Aliyun SMS adapter", () => {
  it("sends a correctly signed SendSms request and returns the BizId", async () => {
    const r = await sender().send("13812345678", "SMS_154950909", { code: "123456" });
    expect(r).toEqual({ ok: true, messageId: "900619746936498440^0" });
    const p = received.at(-1)!;
    expect(p.get("Action")).toBe("SendSms");
    expect(p.get("Version")).toBe("2017-05-25");
    expect(p.get("SignatureMethod")).toBe("HMAC-SHA1");
    expect(p.get("SignatureVersion")).toBe("1.0");
    expect(p.get("PhoneNumbers")).toBe("13812345678");
    expect(p.get("SignName")).toBe("阿里云短信测试");
    expect(p.get("TemplateCode")).toBe("SMS_154950909");
    expect(JSON.parse(p.get("TemplateParam")!)).toEqual({ code: "123456" });
    expect(p.get("Timestamp")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(p.get("SignatureNonce")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("two requests use different nonces", async () => {
    await sender().send("13812345678", "SMS_1", { code: "111111" });
    await sender().send("13812345678", "SMS_1", { code: "111111" });
    expect(received.at(-1)!.get("SignatureNonce")).not.toBe(received.at(-2)!.get("SignatureNonce"));
  });

  it("reports a wrong secret (signature refused) and a provider refusal as failures", async () => {
    const bad = await sender("wrong").send("13812345678", "SMS_1", { code: "1" });
    expect(bad).toEqual({ ok: false, error: expect.stringContaining("SignatureDoesNotMatch") });
    const limited = await sender().send("13900000000", "SMS_1", { code: "1" });
    expect(limited).toEqual({ ok: false, error: expect.stringContaining("BUSINESS_LIMIT_CONTROL") });
  });

  it("reports an unreachable endpoint as a failure, not a throw", async () => {
    const s = new AliyunSmsSender({
      accessKeyId: "id",
      accessKeySecret: "s",
      signName: "x",
      endpoint: "http://127.0.0.1:9/",
      regionId: "cn-hangzhou",
      timeoutMs: 2000,
    });
    expect((await s.send("13812345678", "SMS_1", {})).ok).toBe(false);
  });

  it("matches the worked example of Aliyun's signature documentation", () => {
    // Parameters and result of the SendSms signature example in Aliyun's documentation (secret "testSecret", GET).
    const params = {
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
    };
    expect(aliyunSignature("GET", params, "testSecret")).toBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    expect(aliyunPercentEncode("a b*c~'")).toBe("a%20b%2Ac~%27");
    expect(canonicalQuery({ b: "2", a: "1" })).toBe("a=1&b=2");
  });
});

describe("SMS configuration", () => {
  it("is off without SMS_PROVIDER and refuses an incomplete or unknown provider", () => {
    expect(smsSetupFrom({})).toBeNull();
    expect(() => smsSetupFrom({ SMS_PROVIDER: "aliyun" })).toThrow(SmsConfigError);
    expect(() => smsSetupFrom({ SMS_PROVIDER: "twilio" })).toThrow(SmsConfigError);
    const s = smsSetupFrom({
      SMS_PROVIDER: "aliyun",
      SMS_ACCESS_KEY_ID: "id",
      SMS_ACCESS_KEY_SECRET: "secret",
      SMS_SIGN_NAME: "某某学校",
      SMS_TEMPLATE_OTP: "SMS_1",
    });
    expect(s?.sender.provider).toBe("aliyun");
    expect(s?.templates.otp).toBe("SMS_1");
  });
});
