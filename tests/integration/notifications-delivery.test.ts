/**
 * Delivering the outbox on the real database (lib/services/notifications/delivery-job.ts): every notification
 * reaches the inbox with a log row; an SMS goes to a parent's decrypted mobile only for kinds with a template
 * code and only with a provider; a retryable provider error is retried with back-off until it succeeds; a final
 * error is logged as failed with the provider's answer; nothing is sent 22:00–07:00 Beijing time (held to
 * 07:00); typed text never goes by SMS.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { SmsMessage, SmsProvider, SmsResult } from "@/lib/notifications/sms";
import { notify } from "@/lib/services/notifications/notify";
import { deliverNotifications } from "@/lib/services/notifications/delivery-job";
import {
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "../support/fixtures";

/** A provider that answers from a script (then succeeds), recording what it was asked to send. */
function scriptedProvider(script: SmsResult[] = []): SmsProvider & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  return {
    name: "scripted",
    sent,
    async send(message) {
      sent.push(message);
      return script.shift() ?? { ok: true, providerAnswer: "OK BizId=1" };
    },
  };
}

const ENV = {
  SMS_TEMPLATE_APPLICATION_RETURNED: "SMS_900001",
  SMS_TEMPLATE_APPLICATION_DETERMINED: "SMS_900002",
};
const beijing = (iso: string) => new Date(`${iso}+08:00`);

let schoolId: string;
let child: StudentFixture;
let parentId: string;
let studentUserId: string;

async function notifyReturned() {
  await db().$transaction((tx) =>
    notify(tx, {
      kind: "APPLICATION_RETURNED",
      recipients: { applicantsOf: [child.person.id] },
      schoolId,
      params: { student: child.name, reason: "请补充户口本照片", deadline: "11月27日 18:00" },
      link: "/portal",
    }),
  );
}

const deliveriesOf = (userId: string, channel: "INBOX" | "SMS") =>
  db().notificationDelivery.findMany({
    where: { channel, notification: { recipientId: userId } },
    orderBy: { id: "asc" },
  });

beforeAll(async () => {
  const tree = await makeRegionTree();
  const school = await makeSchool(tree.county.id, "SENIOR");
  schoolId = school.school.id;
  child = await makeStudent(school);
  studentUserId = (await makeStudentAccount(child)).id;
  parentId = (await makeParent("13700000201", [child.person.id])).id;
});

describe("delivery", () => {
  it("puts every notification in the inbox and logs it; without a provider no SMS is queued", async () => {
    await notifyReturned();
    const before = await db().notification.findMany({ where: { recipientId: parentId } });
    expect(before.every((row) => row.dispatchedAt === null)).toBe(true);
    const result = await deliverNotifications({ provider: null, env: ENV });
    expect(result.dispatched).toBeGreaterThanOrEqual(2);
    for (const userId of [parentId, studentUserId]) {
      const rows = await db().notification.findMany({ where: { recipientId: userId } });
      expect(rows.every((row) => row.dispatchedAt !== null)).toBe(true);
      expect(await deliveriesOf(userId, "INBOX")).toHaveLength(rows.length);
      expect(await deliveriesOf(userId, "SMS")).toHaveLength(0);
    }
  });

  it("retries a retryable provider error with back-off, then delivers to the decrypted mobile", async () => {
    await db().notificationDelivery.deleteMany({});
    await notifyReturned();
    const provider = scriptedProvider([
      { ok: false, retryable: true, providerAnswer: "isv.BUSINESS_LIMIT_CONTROL" },
      { ok: false, retryable: true, providerAnswer: "Throttling" },
    ]);
    const morning = beijing("2026-11-24T10:00:00");
    await deliverNotifications({ provider, env: ENV, now: () => morning });
    // only the parent has a mobile: the student's account gets the inbox only
    expect(await deliveriesOf(studentUserId, "SMS")).toHaveLength(0);
    let [sms] = await deliveriesOf(parentId, "SMS");
    expect(sms).toMatchObject({
      status: "PENDING",
      attempts: 1,
      providerAnswer: "isv.BUSINESS_LIMIT_CONTROL",
    });
    expect(sms!.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(morning.getTime() + 30_000);
    expect(provider.sent[0]).toEqual({
      phone: "13700000201",
      templateCode: "SMS_900001",
      params: { student: child.name, deadline: "11月27日 18:00" },
    });

    // not yet due: nothing is sent again
    await deliverNotifications({ provider, env: ENV, now: () => new Date(morning.getTime() + 10_000) });
    expect(provider.sent).toHaveLength(1);

    await deliverNotifications({ provider, env: ENV, now: () => new Date(morning.getTime() + 60_000) });
    [sms] = await deliveriesOf(parentId, "SMS");
    expect(sms).toMatchObject({ status: "PENDING", attempts: 2, providerAnswer: "Throttling" });
    const secondWait = sms!.nextAttemptAt!.getTime() - (morning.getTime() + 60_000);
    expect(secondWait).toBeGreaterThan(30_000);

    await deliverNotifications({ provider, env: ENV, now: () => new Date(morning.getTime() + 3_600_000) });
    [sms] = await deliveriesOf(parentId, "SMS");
    expect(sms).toMatchObject({
      status: "DELIVERED",
      attempts: 3,
      provider: "scripted",
      providerAnswer: "OK BizId=1",
    });
    expect(provider.sent).toHaveLength(3);
  });

  it("logs a final provider error as failed with its answer", async () => {
    await db().notificationDelivery.deleteMany({});
    await notifyReturned();
    const provider = scriptedProvider([
      { ok: false, retryable: false, providerAnswer: "isv.MOBILE_NUMBER_ILLEGAL" },
    ]);
    await deliverNotifications({ provider, env: ENV, now: () => beijing("2026-11-24T15:00:00") });
    const [sms] = await deliveriesOf(parentId, "SMS");
    expect(sms).toMatchObject({ status: "FAILED", attempts: 1, providerAnswer: "isv.MOBILE_NUMBER_ILLEGAL" });
    expect(sms!.nextAttemptAt).toBeNull();
  });

  it("holds an SMS of the quiet hours to 07:00 Beijing time, then sends it", async () => {
    await db().notificationDelivery.deleteMany({});
    await notifyReturned();
    const provider = scriptedProvider();
    const night = beijing("2026-11-24T23:10:00");
    await deliverNotifications({ provider, env: ENV, now: () => night });
    const [held] = await deliveriesOf(parentId, "SMS");
    expect(held).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(held!.nextAttemptAt).toEqual(beijing("2026-11-25T07:00:00"));
    expect(provider.sent).toHaveLength(0);
    await deliverNotifications({ provider, env: ENV, now: () => beijing("2026-11-25T06:59:00") });
    expect(provider.sent).toHaveLength(0);
    await deliverNotifications({ provider, env: ENV, now: () => beijing("2026-11-25T07:00:00") });
    expect(provider.sent).toHaveLength(1);
    expect((await deliveriesOf(parentId, "SMS"))[0]).toMatchObject({ status: "DELIVERED" });
  });

  it("never queues an SMS for a kind without a template code", async () => {
    await db().notificationDelivery.deleteMany({});
    await db().$transaction((tx) =>
      notify(tx, {
        kind: "APPLICATION_VERIFIED",
        recipients: [parentId],
        schoolId,
        params: { student: child.name },
      }),
    );
    const provider = scriptedProvider();
    await deliverNotifications({ provider, env: ENV, now: () => beijing("2026-11-24T10:00:00") });
    expect(await deliveriesOf(parentId, "SMS")).toHaveLength(0);
    expect(provider.sent).toHaveLength(0);
  });
});
