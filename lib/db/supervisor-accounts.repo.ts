/**
 * Accounts a supervisor manages and the account requests (用户申请) of the region tree. Every query is limited
 * by the caller's Scope: a supervisor reaches the accounts and requests of the level directly below their
 * region (child regions' supervisors, the aid officers of schools in their own region), a school admin the
 * requests of their own school. The level rule itself is lib/domain/supervisor-accounts.ts.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db, type Tx } from "./client";
import type { Prisma } from "./generated/client";
import type { AccountRequestStatus, RegionLevel, Role, SupervisorDuty } from "./generated/enums";
import { setTemporaryPasswordWhere } from "./temporary-password";

type RegionScope = Extract<Scope, { role: "SUPERVISOR" }>;
const NOWHERE = "\u0000";
const regionPathOf = (scope: Scope) => (scope.role === "SUPERVISOR" ? scope.regionPath : NOWHERE);

export type OwnRegion = { id: string; code: string; name: string; level: RegionLevel; path: string };

/** The caller's own region. */
export function findOwnRegion(scope: RegionScope): Promise<OwnRegion | null> {
  return db().region.findUnique({
    where: { path: scope.regionPath },
    select: { id: true, code: true, name: true, level: true, path: true },
  });
}

/** A region on the caller's line: in the subtree, or the caller's own region or one above it (null otherwise). */
export async function findRegionOnLine(scope: RegionScope, regionId: string) {
  const region = await db().region.findUnique({
    where: { id: regionId },
    select: { id: true, name: true, level: true, path: true },
  });
  if (!region) return null;
  const onLine = region.path.startsWith(scope.regionPath) || scope.regionPath.startsWith(region.path);
  return onLine ? region : null;
}

/** A school of the caller's subtree, with its region's path. */
export function findSchoolInSubtree(scope: RegionScope, schoolId: string) {
  return db().school.findFirst({
    where: { id: schoolId, region: { path: { startsWith: scope.regionPath } } },
    select: { id: true, name: true, code: true, region: { select: { path: true } } },
  });
}

export type ManagedUnit = { value: string; label: string };

/** What the caller creates accounts for: the regions directly below, and the schools of the own region. */
export async function listManagedUnits(scope: RegionScope): Promise<ManagedUnit[]> {
  const [regions, schools] = await Promise.all([
    db().region.findMany({
      where: { parent: { path: scope.regionPath } },
      orderBy: { code: "asc" },
      take: 500,
      select: { id: true, code: true, name: true },
    }),
    db().school.findMany({
      where: { region: { path: scope.regionPath } },
      orderBy: { code: "asc" },
      take: 2000,
      select: { id: true, code: true, name: true },
    }),
  ]);
  return [
    ...regions.map((region) => ({ value: `region:${region.id}`, label: `${region.name}（${region.code}）` })),
    ...schools.map((school) => ({ value: `school:${school.id}`, label: `${school.name}（${school.code}）` })),
  ];
}

/** Accounts of the level directly below the caller's region. */
const managedWhere = (scope: Scope): Prisma.UserWhereInput => ({
  OR: [
    { role: "SUPERVISOR", region: { parent: { path: regionPathOf(scope) } } },
    { role: "SCHOOL_ADMIN", school: { region: { path: regionPathOf(scope) } } },
  ],
});

export type ManagedAccount = {
  id: string;
  role: Role;
  username: string | null;
  displayName: string;
  supervisorDuty: SupervisorDuty | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  unitName: string;
};

export async function listManagedAccounts(scope: RegionScope): Promise<ManagedAccount[]> {
  const rows = await db().user.findMany({
    where: managedWhere(scope),
    orderBy: [{ role: "desc" }, { username: "asc" }],
    take: 2000,
    select: {
      id: true,
      role: true,
      username: true,
      displayName: true,
      supervisorDuty: true,
      disabled: true,
      mustChangePassword: true,
      lastLoginAt: true,
      region: { select: { name: true } },
      school: { select: { name: true } },
    },
  });
  return rows.map(({ region, school, ...row }) => ({ ...row, unitName: region?.name ?? school?.name ?? "" }));
}

export function findManagedAccount(scope: RegionScope, userId: string) {
  return db().user.findFirst({
    where: { AND: [{ id: userId }, managedWhere(scope)] },
    select: { id: true, role: true, username: true, displayName: true, disabled: true },
  });
}

export type NewAccount = {
  role: "SUPERVISOR" | "SCHOOL_ADMIN";
  username: string;
  displayName: string;
  passwordHash: string;
  regionId: string | null;
  schoolId: string | null;
  supervisorDuty: SupervisorDuty | null;
};

/** A new account that must change its password at first sign-in (the unit was checked by the service). */
export async function createManagedAccount(account: NewAccount, tx?: Tx) {
  const user = await (tx ?? db()).user.create({
    data: { ...account, mustChangePassword: true },
    select: { id: true },
  });
  return user.id;
}

/** Disabling also closes every open session record of the account, in the same transaction. */
export async function setManagedDisabled(scope: RegionScope, userId: string, disabled: boolean) {
  return db().$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { AND: [{ id: userId }, managedWhere(scope)] },
      data: { disabled, sessionVersion: { increment: 1 } },
    });
    if (updated.count === 1 && disabled)
      await tx.authSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date() } });
    return updated.count === 1;
  });
}

/** A temporary password; every session of the account ends. False when the account is not managed by the caller. */
export async function setManagedTemporaryPassword(scope: RegionScope, userId: string, passwordHash: string) {
  return setTemporaryPasswordWhere(managedWhere(scope), userId, passwordHash);
}

// ───────────────────────────── account requests ─────────────────────────────

export type AccountRequestView = {
  id: string;
  role: Role;
  supervisorDuty: SupervisorDuty | null;
  displayName: string;
  username: string;
  reason: string;
  status: AccountRequestStatus;
  refusalReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  unitName: string;
  requesterName: string;
};

const requestSelect = {
  id: true,
  role: true,
  supervisorDuty: true,
  displayName: true,
  username: true,
  reason: true,
  status: true,
  refusalReason: true,
  createdAt: true,
  decidedAt: true,
  school: { select: { name: true } },
  region: { select: { name: true } },
  requester: { select: { displayName: true } },
} satisfies Prisma.AccountRequestSelect;

type RequestRow = Prisma.AccountRequestGetPayload<{ select: typeof requestSelect }>;
const requestView = ({ school, region, requester, ...row }: RequestRow): AccountRequestView => ({
  ...row,
  unitName: school?.name ?? region?.name ?? "",
  requesterName: requester.displayName,
});

/** Requests filed for the caller's own unit: their school, or their region. */
const ownRequestsWhere = (scope: Scope): Prisma.AccountRequestWhereInput =>
  scope.role === "SCHOOL_ADMIN" ? { schoolId: scope.schoolId } : { region: { path: regionPathOf(scope) } };

/** Requests the caller decides: those of the regions directly below and of the schools of the own region. */
const toDecideWhere = (scope: Scope): Prisma.AccountRequestWhereInput => ({
  OR: [
    { role: "SUPERVISOR", region: { parent: { path: regionPathOf(scope) } } },
    { role: "SCHOOL_ADMIN", school: { region: { path: regionPathOf(scope) } } },
  ],
});

export async function fileAccountRequest(data: {
  requesterId: string;
  schoolId: string | null;
  regionId: string | null;
  role: "SUPERVISOR" | "SCHOOL_ADMIN";
  supervisorDuty: SupervisorDuty | null;
  displayName: string;
  username: string;
  reason: string;
}) {
  const row = await db().accountRequest.create({ data, select: { id: true } });
  return row.id;
}

export async function listOwnRequests(scope: Scope): Promise<AccountRequestView[]> {
  const rows = await db().accountRequest.findMany({
    where: ownRequestsWhere(scope),
    orderBy: { createdAt: "desc" },
    take: 200,
    select: requestSelect,
  });
  return rows.map(requestView);
}

export async function listRequestsToDecide(scope: RegionScope): Promise<AccountRequestView[]> {
  const rows = await db().accountRequest.findMany({
    where: { AND: [toDecideWhere(scope), { status: "PENDING" }] },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: requestSelect,
  });
  return rows.map(requestView);
}

/** A pending-or-decided request the caller decides (null when outside their reach). */
export function findRequestToDecide(scope: RegionScope, requestId: string) {
  return db().accountRequest.findFirst({
    where: { AND: [{ id: requestId }, toDecideWhere(scope)] },
    select: {
      id: true,
      status: true,
      role: true,
      supervisorDuty: true,
      displayName: true,
      username: true,
      schoolId: true,
      regionId: true,
    },
  });
}

/**
 * Approves a pending request: creates the account and records it on the request, in one transaction.
 * Null when the request was decided meanwhile (nothing is created).
 */
export async function approveRequest(
  scope: RegionScope,
  requestId: string,
  deciderId: string,
  account: NewAccount,
  afterwards: (tx: Tx, userId: string) => Promise<void>,
): Promise<string | null> {
  try {
    return await db().$transaction(async (tx) => {
      const userId = await createManagedAccount(account, tx);
      const updated = await tx.accountRequest.updateMany({
        where: { AND: [{ id: requestId, status: "PENDING" }, toDecideWhere(scope)] },
        data: { status: "APPROVED", decidedById: deciderId, decidedAt: new Date(), createdUserId: userId },
      });
      if (updated.count !== 1) throw new AlreadyDecided();
      await afterwards(tx, userId);
      return userId;
    });
  } catch (error) {
    if (error instanceof AlreadyDecided) return null;
    throw error;
  }
}

/** Rolls the approval back: the request was decided by someone else meanwhile. */
class AlreadyDecided extends Error {}

/** Refuses a pending request with its reason; false when it was decided meanwhile. */
export async function refuseRequest(
  scope: RegionScope,
  requestId: string,
  deciderId: string,
  reason: string,
) {
  const updated = await db().accountRequest.updateMany({
    where: { AND: [{ id: requestId, status: "PENDING" }, toDecideWhere(scope)] },
    data: { status: "REFUSED", decidedById: deciderId, decidedAt: new Date(), refusalReason: reason },
  });
  return updated.count === 1;
}
