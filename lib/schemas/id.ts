import { z } from "zod";

/** A record id (cuid) as it comes from a URL, a form or a bound action; anything else is refused before a query. */
export const idSchema = z
  .string()
  .min(1, "编号无效")
  .max(40, "编号无效")
  .regex(/^[a-z0-9]+$/, "编号无效");

/** True when `raw` is a well-formed record id. */
export const isId = (raw: unknown): raw is string => idSchema.safeParse(raw).success;
