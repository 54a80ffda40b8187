/**
 * Audit-log search for a school's aid office. Search filters: who (name or username), action, date range
 * (Beijing calendar days); 50 entries per page, newest first.
 * Retention and purge: lib/security/audit-retention.ts.
 */
import "server-only";
import { z } from "zod";
import "@/lib/schemas/zod-locale";
import { searchAudit, type AuditRow } from "@/lib/db/audit-search.repo";
import { storedAuditActions } from "@/lib/domain/audit-actions";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { beijingEndOfDay, beijingStartOfDay } from "@/lib/domain/time";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { schoolContext } from "./context";

export const AUDIT_PAGE_SIZE = 50;

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 年-月-日，例如 2026-09-01")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "日期不存在，请核对",
  )
  .optional()
  .or(z.literal("").transform(() => undefined));

export const auditSearchSchema = z
  .object({
    actor: z.string().trim().max(50, "操作人不能超过50个字").optional().default(""),
    action: z.string().trim().max(60, "操作类型不能超过60个字").optional().default(""),
    from: day,
    to: day,
    page: z.coerce
      .number({ error: "页码应为数字" })
      .int("页码应为整数")
      .min(1, "页码从1开始")
      .max(100_000, "页码过大")
      .optional()
      .default(1),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "开始日期不能晚于结束日期", path: ["to"] });

export type AuditSearchInput = z.input<typeof auditSearchSchema>;
export type AuditSearchResult = { rows: AuditRow[]; total: number; page: number; pages: number };

export async function searchAuditLog(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<AuditSearchResult>> {
  const ctx = schoolContext(user, "audit.search");
  if (!ctx.ok) return ctx;
  const parsed = auditSearchSchema.safeParse(raw ?? {});
  if (!parsed.success) return fail("INVALID", "请按提示修改筛选条件。", fieldErrorsOf(parsed.error));
  const filters = parsed.data;
  const { rows, total } = await searchAudit(
    ctx.data.scope,
    {
      actor: filters.actor || undefined,
      actions: filters.action ? storedAuditActions(filters.action) : undefined,
      from: filters.from ? beijingStartOfDay(filters.from) : undefined,
      to: filters.to ? beijingEndOfDay(filters.to) : undefined,
    },
    filters.page,
    AUDIT_PAGE_SIZE,
  );
  return ok({ rows, total, page: filters.page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) });
}

export { AUDIT_ACTION_LABELS } from "@/lib/domain/audit-actions";
