/**
 * Revoking a determination (determined → revoked), flagging recovery when aid was already paid and opening
 * its recovery record (AidRecovery, migration 631) with the amount paid.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { RevokeReasonCode } from "@/lib/domain/codes";
import { db } from "./client";
import { applicationWhere } from "./scope";
import { VersionConflict, type Actor } from "./applications.repo";

export type RevokeInput = {
  applicationId: string;
  version: number;
  reason: RevokeReasonCode;
  detail: string;
  actor: Actor;
};

/** determined → revoked; flags recovery when aid was already paid. Returns whether recovery is required. */
export async function revokeDetermination(
  scope: Scope,
  input: RevokeInput,
): Promise<{ recoveryRequired: boolean }> {
  return db().$transaction(async (tx) => {
    const updated = await tx.application.updateMany({
      where: {
        AND: [
          applicationWhere(scope),
          { id: input.applicationId, version: input.version, state: "determined" },
        ],
      },
      data: { state: "revoked", version: { increment: 1 }, updatedAt: new Date() },
    });
    if (updated.count === 0) throw new VersionConflict();
    const paidEntries = await tx.rosterEntry.findMany({
      where: { applicationId: input.applicationId, paidAt: { not: null } },
      select: { amountFen: true, paidAmountFen: true },
    });
    const paid = paidEntries.length;
    const dueFen = paidEntries.reduce((sum, entry) => sum + (entry.paidAmountFen ?? entry.amountFen), 0);
    await tx.applicationTransition.create({
      data: {
        applicationId: input.applicationId,
        fromState: "determined",
        toState: "revoked",
        actorUserId: input.actor.userId,
        actorRole: input.actor.role,
        comment: input.detail,
      },
    });
    await tx.determination.update({
      where: { applicationId: input.applicationId },
      data: {
        revokedAt: new Date(),
        revokeReason: input.reason,
        revokeDetail: input.detail,
        recoveryRequired: paid > 0,
      },
    });
    // Aid already paid: a recovery record with the amount due (migration 631).
    if (dueFen > 0) {
      const application = await tx.application.findUniqueOrThrow({
        where: { id: input.applicationId },
        select: { schoolId: true, termId: true, studentId: true },
      });
      await tx.aidRecovery.create({
        data: { applicationId: input.applicationId, ...application, dueFen, openedById: input.actor.userId },
      });
    }
    return { recoveryRequired: paid > 0 };
  });
}
