/**
 * Turns a verified session token into the signed-in user, or null (SECURITY.md):
 * the account must exist and not be disabled, the token's session version
 * must match the account's (a password change or "sign out everywhere" bumps
 * it), and the token's server-side session record must be open, not idle
 * longer than the role's idle timeout and younger than the absolute lifetime.
 * A staff password older than the configured maximum age is reported as
 * `mustChangePassword` (with `passwordExpired`), which sends the user to
 * /change-password before anything else.
 */
import "server-only";
import type { SessionUser } from "@/lib/domain/session-user";
import { endSessionRecord, findSessionRecordWithUser, touchSessionRecord } from "@/lib/db/sessions.repo";
import { passwordExpired, sessionEnd, TOUCH_INTERVAL_MS } from "./session-policy";

export type SessionToken = { uid?: string; sv?: number; sid?: string };

export async function resolveSession(
  token: SessionToken | null | undefined,
  now = new Date(),
): Promise<SessionUser | null> {
  if (!token?.uid || !token.sid) return null;
  const rec = await findSessionRecordWithUser(token.sid);
  if (!rec || rec.userId !== token.uid) return null;
  const row = rec.user;
  if (row.disabled || row.sessionVersion !== token.sv) return null;
  if (sessionEnd(rec, row.role, now)) {
    if (!rec.endedAt) await endSessionRecord(rec.id, now);
    return null;
  }
  if (now.getTime() - rec.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) await touchSessionRecord(rec.id, now);
  const expired = passwordExpired(row.role, row.passwordChangedAt, now);
  return {
    id: row.id,
    role: row.role,
    displayName: row.displayName,
    schoolId: row.schoolId,
    regionId: row.regionId,
    personId: row.personId,
    regionPath: row.region?.path ?? null,
    mustChangePassword: row.mustChangePassword || expired,
    passwordExpired: expired,
  };
}
