/**
 * Recoveries of revoked aid (migration 631): the records of the caller's school or region, their entries, and
 * new entries. The database keeps the recovered total, refuses an entry above what is still due and closes
 * the record when all of it is back.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import { isCheckViolation } from "./follow-up.repo";
import type { Prisma } from "./generated/client";
import { schoolWhere } from "./scope";

const RECOVERY_SELECT = {
  id: true,
  dueFen: true,
  recoveredFen: true,
  closedAt: true,
  openedAt: true,
  school: { select: { name: true } },
  term: { select: { name: true } },
  student: { select: { sortGradeName: true, sortClassName: true, person: { select: { name: true } } } },
  application: { select: { determination: { select: { revokeReason: true, revokeDetail: true } } } },
  entries: {
    orderBy: [{ recoveredOn: "asc" }, { recordedAt: "asc" }],
    select: { id: true, amountFen: true, recoveredOn: true, note: true, recordedAt: true },
  },
} as const satisfies Prisma.AidRecoverySelect;

export type RecoveryRow = Prisma.AidRecoveryGetPayload<{ select: typeof RECOVERY_SELECT }>;

/** The recoveries of the caller's school (or region's schools), open ones first, newest first; at most 500. */
export function listRecoveries(scope: Scope, filter: { open?: boolean }) {
  return db().aidRecovery.findMany({
    where: {
      school: schoolWhere(scope),
      ...(filter.open === undefined ? {} : { closedAt: filter.open ? null : { not: null } }),
    },
    orderBy: [{ openedAt: "desc" }, { id: "asc" }],
    take: 500,
    select: RECOVERY_SELECT,
  });
}

export function findRecovery(scope: Scope, recoveryId: string) {
  return db().aidRecovery.findFirst({
    where: { id: recoveryId, school: schoolWhere(scope) },
    select: {
      id: true,
      dueFen: true,
      recoveredFen: true,
      student: { select: { person: { select: { name: true } } } },
    },
  });
}

/** Appends an entry; "over" when the database refused it (above what is still due, or closed meanwhile). */
export async function addRecoveryEntry(input: {
  recoveryId: string;
  amountFen: number;
  recoveredOn: Date;
  note: string;
  recordedById: string;
}): Promise<{ id: string } | "over"> {
  try {
    return await db().aidRecoveryEntry.create({ data: input, select: { id: true } });
  } catch (error) {
    if (isCheckViolation(error)) return "over";
    throw error;
  }
}
