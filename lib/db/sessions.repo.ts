/**
 * Server-side records of signed-in browser sessions (one per sign-in). The
 * session cookie (a next-auth JWT) carries only the record's id; idle
 * timeout, absolute lifetime and sign-out are decided from the record.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import type { SessionUserRow } from "./auth.repo";
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
/**
 * One plain join instead of Prisma's nested select (which PostgreSQL answers with a JSON aggregate that
 * the client parses again): every page and action runs this, so its cost is every request's
 * (bench/README.md §4, staff pages).
 */
export async function findSessionRecordWithUser(
  id: string,
): Promise<(SessionRecord & { user: SessionUserRow }) | null> {
  const [row] = await db().$queryRaw<
    (SessionRecord & Omit<SessionUserRow, "id" | "region"> & { path: string | null })[]
  >`
    SELECT s."id", s."userId", s."createdAt", s."lastSeenAt", s."endedAt",
           u."role"::text AS "role", u."displayName", u."schoolId", u."regionId", u."personId",
           u."mustChangePassword", u."disabled", u."sessionVersion", u."passwordChangedAt", r."path"
    FROM "AuthSession" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Region" r ON r."id" = u."regionId"
    WHERE s."id" = ${id}`;
  if (!row) return null;
  const { path, ...session } = row;
  return {
    id: session.id,
    userId: session.userId,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    endedAt: session.endedAt,
    user: {
      id: session.userId,
      role: session.role,
      displayName: session.displayName,
      schoolId: session.schoolId,
      regionId: session.regionId,
      personId: session.personId,
      mustChangePassword: session.mustChangePassword,
      disabled: session.disabled,
      sessionVersion: session.sessionVersion,
      passwordChangedAt: session.passwordChangedAt,
      region: path === null ? null : { path },
    },
  };
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
