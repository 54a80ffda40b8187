/**
 * Notification fan-outs (table NotificationFanOut, migration 601). An event with very many recipients writes one
 * row in its own transaction (`insertFanOut`); the delivery job expands pending rows into the per-recipient
 * Notification rows (`expandPendingFanOut`), each in one transaction that also stamps the row expanded, with the
 * row claimed `FOR UPDATE SKIP LOCKED`: two workers never expand the same fan-out, and a crashed expansion rolls
 * back whole and is repeated without duplicates (each Notification row's dedupeKey is "fanout:<id>").
 */
import "server-only";
import type { NotificationKind } from "@/lib/domain/notifications/catalogue";
import { db, type Tx } from "./client";
import {
  insertNotifications,
  schoolApplicantsSource,
  type OutboxRow,
  type RecipientSource,
} from "./notifications.repo";

/** Who a fan-out goes to, stored as data and turned into a recipients query at expansion. */
export type FanOutAudience = {
  schoolApplicants: { schoolId: string; termId: string; gradeId: string | null };
};

export function audienceSource(audience: FanOutAudience): RecipientSource {
  const { schoolId, termId, gradeId } = audience.schoolApplicants;
  return schoolApplicantsSource(schoolId, termId, gradeId);
}

/** Writes the fan-out row in the event's transaction; returns its id. */
export async function insertFanOut(
  tx: Tx,
  row: Omit<OutboxRow, "dedupeKey">,
  audience: FanOutAudience,
): Promise<bigint> {
  const created = await tx.notificationFanOut.create({
    data: {
      kind: row.kind,
      schoolId: row.schoolId,
      body: row.body,
      params: row.params,
      link: row.link,
      audience,
    },
    select: { id: true },
  });
  return created.id;
}

/**
 * Expands the oldest pending fan-out nobody else is expanding: its Notification rows (disabled accounts and
 * unsubscribes skipped as in notify()) and its "expandedAt" in one transaction. Returns null when none is pending.
 */
export async function expandPendingFanOut(): Promise<{ id: bigint; recipients: number } | null> {
  return db().$transaction(
    async (tx) => {
      const [pending] = await tx.$queryRaw<
        {
          id: bigint;
          kind: NotificationKind;
          schoolId: string | null;
          body: string;
          params: Record<string, string>;
          link: string | null;
          audience: FanOutAudience;
        }[]
      >`
        SELECT f.id, f.kind, f."schoolId", f.body, f.params, f.link, f.audience FROM "NotificationFanOut" f
        WHERE f."expandedAt" IS NULL ORDER BY f.id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!pending) return null;
      const recipients = await insertNotifications(tx, audienceSource(pending.audience), {
        kind: pending.kind,
        schoolId: pending.schoolId,
        body: pending.body,
        params: pending.params,
        link: pending.link,
        // Each recipient's row carries the fan-out's id as its dedupe key: even an expansion repeated after its
        // mark was lost cannot write a second row (the unique key recipient × kind × dedupeKey).
        dedupeKey: `fanout:${pending.id}`,
      });
      await tx.$executeRaw`
        UPDATE "NotificationFanOut" SET "expandedAt" = clock_timestamp(), recipients = ${recipients}
        WHERE id = ${pending.id}`;
      return { id: pending.id, recipients };
    },
    { timeout: 120_000 },
  );
}
