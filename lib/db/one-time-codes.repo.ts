/** One-time SMS codes (hashed), keyed by a hashed subject (lib/services/one-time-codes.ts). */
import "server-only";
import { db } from "./client";

export async function latestCodeAt(subjectKey: string): Promise<Date | null> {
  const code = await db().oneTimeCode.findFirst({
    where: { subjectKey },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return code?.createdAt ?? null;
}

export async function storeCode(subjectKey: string, codeHash: string, expiresAt: Date): Promise<string> {
  // A new code replaces the earlier ones of the subject.
  await db().oneTimeCode.updateMany({
    where: { subjectKey, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  const code = await db().oneTimeCode.create({
    data: { subjectKey, codeHash, expiresAt },
    select: { id: true },
  });
  return code.id;
}

/** Counts one attempt on the subject's live code and returns it (with the attempt counted), or null when none is live. */
export async function attemptLiveCode(
  subjectKey: string,
  now: Date,
): Promise<{ id: string; codeHash: string; attempts: number } | null> {
  const live = await db().oneTimeCode.findFirst({
    where: { subjectKey, consumedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!live) return null;
  // The increment is atomic, so concurrent guesses each count.
  return db().oneTimeCode.update({
    where: { id: live.id },
    data: { attempts: { increment: 1 } },
    select: { id: true, codeHash: true, attempts: true },
  });
}

/** Marks a code used; false when it was used already (a concurrent request won). */
export async function consumeCode(id: string, now: Date): Promise<boolean> {
  const consumed = await db().oneTimeCode.updateMany({
    where: { id, consumedAt: null },
    data: { consumedAt: now },
  });
  return consumed.count === 1;
}

/**
 * Uses a live code up in one statement (UPDATE … WHERE "consumedAt" IS NULL AND "expiresAt" > now):
 * of concurrent requests holding the same code exactly one gets true.
 */
export async function claimLiveCode(id: string, now: Date): Promise<boolean> {
  const result = await db().oneTimeCode.updateMany({
    where: { id, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  return result.count === 1;
}

/** Housekeeping: codes older than a day. */
export async function purgeOldCodes(before: Date): Promise<number> {
  const deleted = await db().oneTimeCode.deleteMany({ where: { createdAt: { lt: before } } });
  return deleted.count;
}
