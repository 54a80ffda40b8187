/**
 * The delivery side of the outbox (migration 600), for the delivery job only
 * (lib/services/notifications/delivery-job.ts): dispatching notifications into the inbox with their log rows in
 * one statement, and claiming, then recording, the SMS attempts that are due. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so workers on several servers never take the same row.
 */
import "server-only";
import type { NotificationKind } from "@/lib/domain/notifications/catalogue";
import { db } from "./client";

/**
 * Dispatches up to `limit` undispatched notifications: stamps them, logs the inbox delivery, and queues an SMS
 * (PENDING at `smsFrom`) for those of `smsKinds` whose recipient has a mobile number. Returns the counts.
 */
export async function dispatchNotifications(
  limit: number,
  smsKinds: readonly NotificationKind[],
  smsFrom: Date,
): Promise<{ dispatched: number; sms: number }> {
  const [row] = await db().$queryRaw<{ dispatched: bigint; sms: bigint }[]>`
    WITH picked AS (
      SELECT n.id FROM "Notification" n WHERE n."dispatchedAt" IS NULL
      ORDER BY n.id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), done AS (
      UPDATE "Notification" n SET "dispatchedAt" = clock_timestamp() FROM picked WHERE n.id = picked.id
      RETURNING n.id, n.kind, n."recipientId"
    ), inbox AS (
      INSERT INTO "NotificationDelivery" ("notificationId", "channel", "status", "attempts", "deliveredAt", "updatedAt")
      SELECT done.id, 'INBOX', 'DELIVERED', 1, clock_timestamp(), clock_timestamp() FROM done
      ON CONFLICT ("notificationId", "channel") DO NOTHING
      RETURNING 1
    ), sms AS (
      INSERT INTO "NotificationDelivery" ("notificationId", "channel", "status", "attempts", "nextAttemptAt")
      SELECT done.id, 'SMS', 'PENDING', 0, ${smsFrom}
      FROM done JOIN "User" u ON u.id = done."recipientId"
      WHERE done.kind::text = ANY(${[...smsKinds]}::text[]) AND u."phoneCipher" IS NOT NULL
      ON CONFLICT ("notificationId", "channel") DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM done) AS dispatched, (SELECT count(*) FROM sms) AS sms,
           (SELECT count(*) FROM inbox) AS inbox`;
  return { dispatched: Number(row?.dispatched ?? 0), sms: Number(row?.sms ?? 0) };
}

export type ClaimedSms = {
  id: bigint;
  attempts: number;
  kind: NotificationKind;
  params: Record<string, string>;
  phoneCipher: string | null;
};

/**
 * Claims up to `limit` SMS deliveries due at `now`: counts the attempt and leases the row until `leaseUntil`
 * (a worker that dies mid-send leaves it to be retried then). Returns what the sender needs.
 */
export async function claimDueSms(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedSms[]> {
  return db().$queryRaw<ClaimedSms[]>`
    UPDATE "NotificationDelivery" d
    SET attempts = d.attempts + 1, "nextAttemptAt" = ${leaseUntil}, "updatedAt" = ${now}
    FROM "Notification" n JOIN "User" u ON u.id = n."recipientId"
    WHERE n.id = d."notificationId"
      AND d.id IN (
        SELECT x.id FROM "NotificationDelivery" x
        WHERE x.status = 'PENDING' AND x.channel = 'SMS' AND x."nextAttemptAt" <= ${now}
        ORDER BY x."nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.attempts, n.kind::text AS kind, n.params, u."phoneCipher"`;
}

/** Records one SMS attempt's outcome: delivered, pending again at `retryAt`, or failed for good. */
export async function recordSmsAttempt(
  id: bigint,
  outcome: { delivered: boolean; retryAt: Date | null; provider: string | null; answer: string; at: Date },
): Promise<void> {
  const status = outcome.delivered ? "DELIVERED" : outcome.retryAt ? "PENDING" : "FAILED";
  await db().notificationDelivery.update({
    where: { id },
    data: {
      status,
      nextAttemptAt: status === "PENDING" ? outcome.retryAt : null,
      deliveredAt: outcome.delivered ? outcome.at : null,
      provider: outcome.provider?.slice(0, 40) ?? null,
      providerAnswer: outcome.answer.slice(0, 1000),
      updatedAt: outcome.at,
    },
  });
}
