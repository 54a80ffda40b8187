/**
 * A stand-in for Aliyun's SendSms endpoint on a local port. Called inside a
 * describe block, it starts the server before the block's tests, points the
 * app's SMS settings at it and takes them away afterwards. The messages it
 * received are in the returned list, newest last.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

export type SentSms = { phone: string; template: string; params: Record<string, string> };

const SMS_SETTINGS = [
  "SMS_PROVIDER",
  "SMS_ACCESS_KEY_ID",
  "SMS_ACCESS_KEY_SECRET",
  "SMS_SIGN_NAME",
  "SMS_TEMPLATE_OTP",
  "SMS_ENDPOINT",
] as const;

export function useFakeAliyunSms(): SentSms[] {
  const sent: SentSms[] = [];
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        const form = new URLSearchParams(body);
        sent.push({
          phone: form.get("PhoneNumbers") ?? "",
          template: form.get("TemplateCode") ?? "",
          params: JSON.parse(form.get("TemplateParam") ?? "{}") as Record<string, string>,
        });
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ Code: "OK", Message: "OK", BizId: `biz${sent.length}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    Object.assign(process.env, {
      SMS_PROVIDER: "aliyun",
      SMS_ACCESS_KEY_ID: "id",
      SMS_ACCESS_KEY_SECRET: "secret",
      SMS_SIGN_NAME: "某某学校",
      SMS_TEMPLATE_OTP: "SMS_OTP_1",
      SMS_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    });
  });
  afterAll(async () => {
    for (const key of SMS_SETTINGS) delete process.env[key];
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return sent;
}
