/**
 * Reading notifications (migration 600): a user's own inbox and log (always bound to the caller's user id),
 * a school's log (bound to the caller's school), the school's wording, a user's unsubscribes.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { NotificationKind } from "@/lib/domain/notifications/catalogue";
import { db } from "./client";
import type { Prisma } from "./generated/client";

const INBOX_ROW = {
  id: true,
  kind: true,
  body: true,
  link: true,
  createdAt: true,
  readAt: true,
} as const;

export type InboxRow = Prisma.NotificationGetPayload<{ select: typeof INBOX_ROW }>;

/**
 * The caller's notifications that reached the inbox, newest first (`take` of them), and how many of all of
 * them are unread — one statement (every console and portal home shows both).
 */
export async function readInbox(scope: Scope, take: number): Promise<{ unread: number; rows: InboxRow[] }> {
  const found = await db().$queryRaw<(Omit<InboxRow, "id"> & { id: bigint | null; unread: number })[]>`
    SELECT n."id", n."kind"::text AS "kind", n."body", n."link", n."createdAt", n."readAt",
           (SELECT count(*)::int FROM "Notification" u
             WHERE u."recipientId" = ${scope.userId} AND u."dispatchedAt" IS NOT NULL AND u."readAt" IS NULL
           ) AS "unread"
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (
        SELECT x."id", x."kind", x."body", x."link", x."createdAt", x."readAt" FROM "Notification" x
         WHERE x."recipientId" = ${scope.userId} AND x."dispatchedAt" IS NOT NULL
         ORDER BY x."id" DESC LIMIT ${take}) n ON true`;
  return {
    unread: found[0]?.unread ?? 0,
    rows: found.flatMap(({ unread: _unread, id, ...row }) => (id === null ? [] : [{ ...row, id }])),
  };
}

/** Marks one of the caller's notifications (or all of them, `id` null) read; returns how many changed. */
export async function markNotificationsRead(scope: Scope, id: bigint | null, at: Date): Promise<number> {
  const updated = await db().notification.updateMany({
    where: {
      recipientId: scope.userId,
      dispatchedAt: { not: null },
      readAt: null,
      ...(id === null ? {} : { id }),
    },
    data: { readAt: at },
  });
  return updated.count;
}

export type LogFilter = {
  kind?: NotificationKind;
  channel?: "INBOX" | "SMS";
  status?: "PENDING" | "DELIVERED" | "FAILED";
  /** Part of the recipient's display name (school log only). */
  recipient?: string;
  from?: Date;
  to?: Date;
};

const LOG_ROW = {
  id: true,
  kind: true,
  body: true,
  createdAt: true,
  dispatchedAt: true,
  readAt: true,
  recipient: { select: { displayName: true, role: true } },
  deliveries: {
    orderBy: { channel: "asc" },
    select: {
      channel: true,
      status: true,
      attempts: true,
      provider: true,
      providerAnswer: true,
      deliveredAt: true,
      nextAttemptAt: true,
      updatedAt: true,
    },
  },
} as const;

export type LogRow = Prisma.NotificationGetPayload<{ select: typeof LOG_ROW }>;

function logWhere(filter: LogFilter): Prisma.NotificationWhereInput {
  return {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.channel || filter.status
      ? {
          deliveries: {
            some: {
              ...(filter.channel ? { channel: filter.channel } : {}),
              ...(filter.status ? { status: filter.status } : {}),
            },
          },
        }
      : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: filter.from } : {}),
            ...(filter.to ? { lt: filter.to } : {}),
          },
        }
      : {}),
  };
}

/** The caller's own log, newest first. */
export function listOwnLog(scope: Scope, filter: LogFilter, take: number): Promise<LogRow[]> {
  return db().notification.findMany({
    where: { AND: [{ recipientId: scope.userId }, logWhere(filter)] },
    orderBy: { id: "desc" },
    take,
    select: LOG_ROW,
  });
}

/** The log of every notification of the caller's school, newest first. */
export function listSchoolLog(
  scope: Scope & { schoolId: string },
  filter: LogFilter,
  take: number,
): Promise<LogRow[]> {
  return db().notification.findMany({
    where: {
      AND: [
        { schoolId: scope.schoolId },
        logWhere(filter),
        filter.recipient ? { recipient: { displayName: { contains: filter.recipient } } } : {},
      ],
    },
    orderBy: { id: "desc" },
    take,
    select: LOG_ROW,
  });
}

/** The school's own wordings. */
export function listSchoolTemplates(scope: Scope & { schoolId: string }) {
  return db().notificationTemplate.findMany({
    where: { schoolId: scope.schoolId },
    select: { kind: true, body: true, updatedAt: true },
  });
}

export async function saveSchoolTemplate(
  scope: Scope & { schoolId: string },
  kind: NotificationKind,
  body: string | null,
): Promise<void> {
  if (body === null) {
    await db().notificationTemplate.deleteMany({ where: { schoolId: scope.schoolId, kind } });
    return;
  }
  await db().notificationTemplate.upsert({
    where: { schoolId_kind: { schoolId: scope.schoolId, kind } },
    create: { schoolId: scope.schoolId, kind, body, updatedById: scope.userId },
    update: { body, updatedById: scope.userId, updatedAt: new Date() },
  });
}

export async function listUnsubscribes(scope: Scope): Promise<NotificationKind[]> {
  const rows = await db().notificationUnsubscribe.findMany({
    where: { userId: scope.userId },
    select: { kind: true },
  });
  return rows.map((row) => row.kind);
}

/** Replaces the caller's unsubscribes among `offered` kinds by `unsubscribed`. */
export async function replaceUnsubscribes(
  scope: Scope,
  offered: readonly NotificationKind[],
  unsubscribed: readonly NotificationKind[],
): Promise<void> {
  await db().$transaction([
    db().notificationUnsubscribe.deleteMany({ where: { userId: scope.userId, kind: { in: [...offered] } } }),
    db().notificationUnsubscribe.createMany({
      data: unsubscribed.map((kind) => ({ userId: scope.userId, kind })),
      skipDuplicates: true,
    }),
  ]);
}
