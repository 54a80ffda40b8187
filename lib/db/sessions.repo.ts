/**
 * Server-side records of signed-in browser sessions (one per sign-in). The
 * session cookie (a next-auth JWT) carries only the record's id; idle
 * timeout, absolute lifetime and sign-out are decided from the record.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { SESSION_USER_SELECT, type SessionUserRow } from "./auth.repo";
import { db } from "./client";

export type SessionRecord = {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
};

export async function createSessionRecord(userId: string, now = new Date()): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db().authSession.create({ data: { id, userId, createdAt: now, lastSeenAt: now } });
  return id;
}

/** The record with its account's current row, in one query (checked on every request). */
export function findSessionRecordWithUser(
  id: string,
): Promise<(SessionRecord & { user: SessionUserRow }) | null> {
  return db().authSession.findUnique({
    where: { id },
    select: {
      id: true,
      userId: true,
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      user: { select: SESSION_USER_SELECT },
    },
  });
}

/** Records activity (only moves forward). */
export async function touchSessionRecord(id: string, now: Date): Promise<void> {
  await db().authSession.updateMany({
    where: { id, lastSeenAt: { lt: now }, endedAt: null },
    data: { lastSeenAt: now },
  });
}

export async function endSessionRecord(id: string, now = new Date()): Promise<void> {
  await db().authSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } });
}

/** Ends every open session of the user (sign out everywhere, password change, account disabled). */
export async function endAllSessionRecords(userId: string, now = new Date()): Promise<number> {
  const ended = await db().authSession.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: now },
  });
  return ended.count;
}

/** Housekeeping: removes records that ended (or went idle) before `before`. */
export async function deleteOldSessionRecords(before: Date): Promise<number> {
  const deleted = await db().authSession.deleteMany({
    where: { OR: [{ endedAt: { lt: before } }, { lastSeenAt: { lt: before } }] },
  });
  return deleted.count;
}
