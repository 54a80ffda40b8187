import { z } from "zod";

/**
 * A record id as it comes from a URL, a form or a bound action; anything else is refused before a query.
 * Two forms exist: Prisma's cuid (lowercase letters and digits) and the canonical lowercase UUID that the
 * roster import gives the people, enrolments and guardians it inserts in bulk (lib/db/student-roster.repo.ts).
 */
export const idSchema = z
  .string()
  .min(1, "编号无效")
  .max(40, "编号无效")
  .regex(/^(?:[a-z0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, "编号无效");

/** True when `raw` is a well-formed record id. */
export const isId = (raw: unknown): raw is string => idSchema.safeParse(raw).success;
