/**
 * The notification delivery job (lib/services/notifications/delivery-job.ts) with the real Aliyun adapter chosen
 * from the environment (smsProviderFromEnv) against a local SendSms stand-in that checks the signature: Aliyun's
 * throttling is logged as pending and retried until delivered; a refused signature (wrong secret) is logged as
 * failed with Aliyun's code; the log never holds the parent's number.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { smsProviderFromEnv } from "@/lib/notifications/sms";
import { deliverNotifications } from "@/lib/services/notifications/delivery-job";
import { notify } from "@/lib/services/notifications/notify";
import { aliyunSignatureOf } from "../support/aliyun-signature";
import {
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStudent,
  type StudentFixture,
} from "../support/fixtures";

const PHONE = "13700000311";
const received: URLSearchParams[] = [];
let throttleNext = false;
let server: Server;
let env: Record<string, string>;
let schoolId: string;
let child: StudentFixture;
let parentId: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const form = new URLSearchParams(raw);
      received.push(form);
      res.setHeader("content-type", "application/json");
      const answer = (status: number, body: Record<string, string>) => {
        res.statusCode = status;
        res.end(JSON.stringify({ RequestId: "REQ-1", ...body }));
      };
      if (form.get("Signature") !== aliyunSignatureOf("POST", [...form.entries()], "notify-secret"))
        return answer(400, { Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched." });
      if (throttleNext) {
        throttleNext = false;
        return answer(200, {
          Code: "isv.BUSINESS_LIMIT_CONTROL",
          Message: `触发分钟级流控Permits:1 ${form.get("PhoneNumbers")}`,
        });
      }
      return answer(200, { Code: "OK", Message: "OK", BizId: "123456789012345^0" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  env = {
    SMS_PROVIDER: "aliyun",
    SMS_ACCESS_KEY_ID: "LTAInotify",
    SMS_ACCESS_KEY_SECRET: "notify-secret",
    SMS_SIGN_NAME: "某某中学",
    SMS_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    SMS_TEMPLATE_APPLICATION_RETURNED: "SMS_900311",
  };
  const tree = await makeRegionTree();
  const school = await makeSchool(tree.county.id, "SENIOR");
  schoolId = school.school.id;
  child = await makeStudent(school);
  parentId = (await makeParent(PHONE, [child.person.id])).id;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function notifyReturned() {
  await db().notificationDelivery.deleteMany({});
  await db().$transaction((tx) =>
    notify(tx, {
      kind: "APPLICATION_RETURNED",
      recipients: [parentId],
      schoolId,
      params: { student: child.name, reason: "请补充户口本照片", deadline: "11月27日 18:00" },
      link: "/portal",
    }),
  );
}
const parentSms = async () =>
  (
    await db().notificationDelivery.findMany({
      where: { channel: "SMS", notification: { recipientId: parentId } },
    })
  )[0];
const beijing = (iso: string) => new Date(`${iso}+08:00`);

describe("SMS notifications through Aliyun", () => {
  it("a throttled message is retried after its back-off and delivered; the log keeps Aliyun's answers, not the number", async () => {
    await notifyReturned();
    throttleNext = true;
    const morning = beijing("2026-11-24T10:00:00");
    const provider = smsProviderFromEnv(env);
    await deliverNotifications({ provider, env, now: () => morning });
    let sms = await parentSms();
    expect(sms).toMatchObject({ status: "PENDING", attempts: 1, provider: "aliyun" });
    expect(sms!.providerAnswer).toContain("isv.BUSINESS_LIMIT_CONTROL: 触发分钟级流控Permits:1");
    expect(sms!.providerAnswer).not.toContain(PHONE);
    const sent = received.at(-1)!;
    expect(sent.get("PhoneNumbers")).toBe(PHONE);
    expect(sent.get("TemplateCode")).toBe("SMS_900311");
    expect(JSON.parse(sent.get("TemplateParam")!)).toMatchObject({ deadline: "11月27日 18:00" });

    await deliverNotifications({ provider, env, now: () => new Date(morning.getTime() + 3_600_000) });
    sms = await parentSms();
    expect(sms).toMatchObject({ status: "DELIVERED", attempts: 2, provider: "aliyun" });
    expect(sms!.providerAnswer).toBe("OK: OK (BizId 123456789012345^0)");
    expect(received.at(-1)!.get("SignatureNonce")).not.toBe(received.at(-2)!.get("SignatureNonce"));
  });

  it("a wrong secret is refused by the signature check and logged as failed, not retried", async () => {
    await notifyReturned();
    const provider = smsProviderFromEnv({ ...env, SMS_ACCESS_KEY_SECRET: "stale-secret" });
    await deliverNotifications({ provider, env, now: () => beijing("2026-11-24T11:00:00") });
    const sms = await parentSms();
    expect(sms).toMatchObject({ status: "FAILED", attempts: 1, nextAttemptAt: null });
    expect(sms!.providerAnswer).toContain("SignatureDoesNotMatch");
  });
});
