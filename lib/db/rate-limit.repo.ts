/**
 * Fixed-window rate-limit counters in PostgreSQL, so limits hold across
 * restarts and across several app instances. Each hit is one atomic
 * INSERT … ON CONFLICT DO UPDATE (no read-modify-write race).
 */
import "server-only";
import { db } from "./client";

export type Counter = { count: number; windowStart: Date };

/** Adds one hit to `key` (a new window starts when the old one has ended) and returns the counter after the hit. */
export async function hitCounter(key: string, windowMs: number, now: Date): Promise<Counter> {
  const windowEnd = new Date(now.getTime() - windowMs);
  const rows = await db().$queryRaw<Counter[]>`
    INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= ${windowEnd} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${windowEnd} THEN ${now} ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`;
  return rows[0]!;
}

/** Takes one hit back (after a successful attempt), never below zero. */
export async function refundCounter(key: string): Promise<void> {
  await db().$executeRaw`UPDATE "RateLimit" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

/** Deletes counters whose window ended before `before` (housekeeping). */
export async function deleteExpiredCounters(before: Date): Promise<number> {
  const deleted = await db().rateLimit.deleteMany({ where: { windowStart: { lt: before } } });
  return deleted.count;
}
