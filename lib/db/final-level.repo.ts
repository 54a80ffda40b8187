/**
 * The school's decisions on one application: the review (pass or return), the grade committee's
 * level, and the final level. Each is one transaction with its timeline entry; VersionConflict when
 * the application changed meanwhile. Every query ANDs the caller's Scope.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ApplicationState, HardshipLevel } from "@/lib/domain/codes";
import { db, type Tx } from "./client";
import { applicationWhere } from "./scope";
import { VersionConflict, type Actor } from "./applications.repo";

/** verified → returned with a reason and deadline, or verified → reviewed. */
export async function reviewTransition(
  scope: Scope,
  input: {
    applicationId: string;
    version: number;
    to: "reviewed" | "returned";
    actor: Actor;
    comment: string;
    returnDeadline?: Date;
  },
) {
  await db().$transaction(async (tx) => {
    const updated = await tx.application.updateMany({
      where: {
        AND: [
          applicationWhere(scope),
          { id: input.applicationId, version: input.version, state: "verified" },
        ],
      },
      data:
        input.to === "reviewed"
          ? { state: "reviewed", reviewedAt: new Date(), version: { increment: 1 }, updatedAt: new Date() }
          : {
              state: "returned",
              returnReason: input.comment,
              returnDeadline: input.returnDeadline,
              version: { increment: 1 },
              updatedAt: new Date(),
            },
    });
    if (updated.count === 0) throw new VersionConflict();
    await tx.applicationTransition.create({
      data: {
        applicationId: input.applicationId,
        fromState: "verified",
        toState: input.to,
        actorUserId: input.actor.userId,
        actorRole: input.actor.role,
        comment: input.comment,
      },
    });
  });
}

/** The grade committee's level (before the final level); recorded on the timeline. Returns false when out of scope or already final. */
export async function setGradeAdjusted(
  scope: Scope,
  input: {
    applicationId: string;
    level: HardshipLevel;
    reason: string | null;
    actor: Actor;
    comment: string;
  },
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const app = await tx.application.findFirst({
      where: {
        AND: [applicationWhere(scope), { id: input.applicationId, state: { in: ["verified", "reviewed"] } }],
      },
      select: { id: true, state: true },
    });
    if (!app) return false;
    const updated = await tx.determination.updateMany({
      where: { applicationId: app.id, finalLevel: null },
      data: { gradeAdjustedLevel: input.level, gradeAdjustReason: input.reason },
    });
    if (updated.count === 0) return false;
    await tx.applicationTransition.create({
      data: {
        applicationId: app.id,
        fromState: app.state,
        toState: app.state,
        actorUserId: input.actor.userId,
        actorRole: input.actor.role,
        comment: input.comment,
      },
    });
    return true;
  });
}

/**
 * Moves the application to `determined` (via `reviewed` when still `verified`)
 * and stores the final level, all or nothing; VersionConflict when it changed meanwhile.
 */
export async function setFinalLevel(
  scope: Scope,
  input: {
    applicationId: string;
    version: number;
    from: "verified" | "reviewed" | "determined";
    level: HardshipLevel;
    reason: string | null;
    actor: Actor;
    comment: string;
    /** More writes of the same event in its transaction (its notifications: lib/services/notifications). */
    onWritten?: (tx: Tx) => Promise<unknown>;
  },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const bump = input.from === "verified" ? 2 : input.from === "reviewed" ? 1 : 0;
    const updated = await tx.application.updateMany({
      where: {
        AND: [
          applicationWhere(scope),
          { id: input.applicationId, version: input.version, state: input.from },
        ],
      },
      data: {
        state: "determined",
        version: { increment: Math.max(bump, 1) },
        updatedAt: new Date(),
        ...(input.from === "verified" ? { reviewedAt: new Date() } : {}),
      },
    });
    if (updated.count === 0) throw new VersionConflict();
    const recordTransition = (from: ApplicationState, to: ApplicationState, comment: string) =>
      tx.applicationTransition.create({
        data: {
          applicationId: input.applicationId,
          fromState: from,
          toState: to,
          actorUserId: input.actor.userId,
          actorRole: input.actor.role,
          comment,
        },
      });
    if (input.from === "verified") await recordTransition("verified", "reviewed", "学校审核通过");
    if (input.from !== "determined") await recordTransition("reviewed", "determined", input.comment);
    else await recordTransition("determined", "determined", input.comment);
    await tx.determination.update({
      where: { applicationId: input.applicationId },
      data: {
        finalLevel: input.level,
        overrideReason: input.reason,
        determinedById: input.actor.userId,
        determinedAt: new Date(),
      },
    });
    await input.onWritten?.(tx);
  });
}

/** The latest final-level change in the school and term (sign-off must come after it). */
export async function lastDeterminationChange(scope: Scope, termId: string): Promise<Date | null> {
  const latest = await db().determination.aggregate({
    where: { application: { AND: [applicationWhere(scope), { termId }] }, determinedAt: { not: null } },
    _max: { determinedAt: true },
  });
  return latest._max.determinedAt ?? null;
}
