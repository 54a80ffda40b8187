/**
 * Account look-ups for signing in, and the per-account counters. These run
 * before there is a session, so they are keyed by the credential itself.
 */
import "server-only";
import { afterFailure, afterSuccess, isLocked, type LockState } from "@/lib/domain/lockout";
import type { SessionUser } from "@/lib/domain/session-user";
import { db } from "./client";
import type { Role } from "./generated/enums";

export type SignInKind = "student" | "parent" | "staff";

export type AccountForSignIn = {
  id: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  schoolId: string | null;
};

const SELECT = {
  id: true,
  role: true,
  passwordHash: true,
  disabled: true,
  failedLogins: true,
  lockedUntil: true,
  schoolId: true,
} as const;
const STAFF_ROLES: Role[] = ["TEACHER", "SCHOOL_ADMIN", "SCHOOL_LEADER", "SUPERVISOR"];

/** A hash, or the candidates of lib/crypto/keys.ts lookupHashes (matches either, during a cipher-suite move). */
type HashOrCandidates = string | readonly string[];
const hashFilter = (hash: HashOrCandidates) => (typeof hash === "string" ? hash : { in: [...hash] });

/** Student account by the person's ID-number hash. */
export function findStudentAccountByIdHash(idNumberHash: HashOrCandidates): Promise<AccountForSignIn | null> {
  return db().user.findFirst({
    where: { role: "STUDENT", person: { idNumberHash: hashFilter(idNumberHash) } },
    select: SELECT,
  });
}

/** Student account by 学籍号 of a current (在读) enrolment. */
export function findStudentAccountByStudentNo(studentNo: string): Promise<AccountForSignIn | null> {
  return db().user.findFirst({
    where: { role: "STUDENT", person: { enrolments: { some: { studentNo, status: "IN_SCHOOL" } } } },
    select: SELECT,
  });
}

export function findParentAccountByPhoneHash(phoneHash: HashOrCandidates): Promise<AccountForSignIn | null> {
  return db().user.findFirst({ where: { role: "PARENT", phoneHash: hashFilter(phoneHash) }, select: SELECT });
}

export function findStaffAccount(username: string): Promise<AccountForSignIn | null> {
  return db().user.findFirst({ where: { username, role: { in: STAFF_ROLES } }, select: SELECT });
}

/** A reserved password check, or the lock that refused it. */
export type SignInReservation = { ok: true; state: LockState } | { ok: false; lockedUntil: Date };

/**
 * Reserves one password check of an account, atomically (row lock): refused
 * while the account is locked; otherwise the attempt is counted as a wrong
 * password BEFORE the password is checked (the 5th locks the account), and a
 * success resets the count afterwards (`recordSuccessfulSignIn`). So however
 * many sign-ins race — by ID number and by 学籍号 alike, both reach this one
 * row — at most MAX_FAILED_SIGN_INS passwords are checked per lock.
 */
export async function reserveSignInAttempt(userId: string, now: Date): Promise<SignInReservation> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      LockState[]
    >`SELECT "failedLogins", "lockedUntil" FROM "User" WHERE id = ${userId} FOR UPDATE`;
    const current = rows[0] ?? { failedLogins: 0, lockedUntil: null };
    if (isLocked(current, now)) return { ok: false, lockedUntil: current.lockedUntil! };
    const next = afterFailure(current, now);
    await tx.user.update({ where: { id: userId }, data: next });
    return { ok: true, state: next };
  });
}

/**
 * The same reservation for an identifier without an account (table
 * "SignInLockout", migration 110): it locks after the same number of wrong
 * passwords, for the same time, so the answers never tell whether an account
 * exists. `key` is a keyed hash of the identifier.
 */
export async function reserveUnknownSignInAttempt(key: string, now: Date): Promise<SignInReservation> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "SignInLockout" ("key", "failedLogins", "updatedAt") VALUES (${key}, 0, ${now})
      ON CONFLICT ("key") DO NOTHING`;
    const rows = await tx.$queryRaw<
      LockState[]
    >`SELECT "failedLogins", "lockedUntil" FROM "SignInLockout" WHERE "key" = ${key} FOR UPDATE`;
    const current = rows[0] ?? { failedLogins: 0, lockedUntil: null };
    if (isLocked(current, now)) return { ok: false, lockedUntil: current.lockedUntil! };
    const next = afterFailure(current, now);
    await tx.$executeRaw`
      UPDATE "SignInLockout" SET "failedLogins" = ${next.failedLogins}, "lockedUntil" = ${next.lockedUntil},
        "updatedAt" = ${now} WHERE "key" = ${key}`;
    return { ok: true, state: next };
  });
}

/** Deletes lockout state of unknown identifiers untouched since `before` (housekeeping). */
export async function deleteOldUnknownSignInLockouts(before: Date): Promise<number> {
  return db().$executeRaw`DELETE FROM "SignInLockout" WHERE "updatedAt" < ${before}`;
}

/** Takes back the reserved attempt of a right password that still cannot sign in (disabled account). */
export async function clearFailedSignIns(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: afterSuccess() });
}

export async function recordSuccessfulSignIn(userId: string, now: Date): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { ...afterSuccess(), lastLoginAt: now } });
}

/** The account columns of lib/domain/session-user.ts, and what decides whether its session may go on. */
export type SessionUserRow = Pick<
  SessionUser,
  "id" | "role" | "displayName" | "schoolId" | "regionId" | "personId" | "mustChangePassword"
> & {
  disabled: boolean;
  sessionVersion: number;
  passwordChangedAt: Date;
  region: { path: string } | null;
};

/** The signed-in user's current row (checked on every request: disabled or signed-out-everywhere sessions end). */
export function findSessionUser(userId: string): Promise<SessionUserRow | null> {
  return db().user.findUnique({ where: { id: userId }, select: SESSION_USER_SELECT });
}

export const SESSION_USER_SELECT = {
  id: true,
  role: true,
  displayName: true,
  schoolId: true,
  regionId: true,
  personId: true,
  mustChangePassword: true,
  disabled: true,
  sessionVersion: true,
  passwordChangedAt: true,
  region: { select: { path: true } },
} as const;

export function findPasswordHash(
  userId: string,
): Promise<{ passwordHash: string; username: string | null; phoneMasked: string | null } | null> {
  return db().user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, username: true, phoneMasked: true },
  });
}

/** Sets a new password and ends every other session (the version in their tokens no longer matches). */
export async function updatePassword(userId: string, passwordHash: string, now: Date): Promise<number> {
  const user = await db().user.update({
    where: { id: userId },
    data: {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: now,
      sessionVersion: { increment: 1 },
    },
    select: { sessionVersion: true },
  });
  return user.sessionVersion;
}

/** Signs the user out everywhere. */
export async function bumpSessionVersion(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
