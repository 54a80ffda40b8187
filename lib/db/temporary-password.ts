/**
 * Setting a temporary password on an account the caller may reset (lib/db/staff.repo.ts for a school,
 * lib/db/supervisor-accounts.repo.ts for a region). The version bump refuses old cookies and the open
 * session records are closed, so every session of the account ends.
 */
import "server-only";
import { db } from "./client";
import type { Prisma } from "./generated/client";

/** False when no account matches `reachable` (the caller's scope rule) with this id: nothing changed. */
export async function setTemporaryPasswordWhere(
  reachable: Prisma.UserWhereInput,
  userId: string,
  passwordHash: string,
): Promise<boolean> {
  const now = new Date();
  return db().$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { AND: [{ id: userId }, reachable] },
      data: {
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        passwordChangedAt: now,
        sessionVersion: { increment: 1 },
      },
    });
    if (updated.count !== 1) return false;
    await tx.authSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
    return true;
  });
}
