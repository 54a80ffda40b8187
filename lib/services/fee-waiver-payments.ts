/**
 * 资金发放查看 of the 普高 免学杂费 lists (seed 002 §五.3): the students of the lists the supervisor passed in a
 * 学年学期, with the five special-group flags (lib/domain/fee-waiver-list.ts FEE_WAIVER_FLAGS, derived in SQL by
 * lib/db/fee-waiver-list.repo.ts) as 是/否 columns and filters, for the school (own lists) and the supervisors
 * (their subtree), and its .xlsx export streamed in keyset pages (masked ID numbers; audited).
 */
import "server-only";
import { z } from "zod";
import {
  countFeeWaiverPayments,
  feeWaiverTerms,
  listFeeWaiverPayments,
  type FlagFilter,
  type PaymentFilter,
  type PaymentKey,
  type PaymentRow,
} from "@/lib/db/fee-waiver-list.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { FEE_WAIVER_FLAG_LABELS, FEE_WAIVER_FLAGS, yesNo } from "@/lib/domain/fee-waiver-list";
import { EXPORT_PAGE_ROWS, pageWindow } from "@/lib/domain/region-queries";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { formatBeijingDate } from "@/lib/domain/time";
import { idSchema } from "@/lib/schemas/id";
import type { SheetSpec, SheetWriter } from "@/lib/xlsx";
import { audit } from "./audit";
import { accessContext, type AccessContext } from "./context";

export const PAYMENT_PAGE_ROWS = 50;

/** A flag filter from the address: "yes" / "no" / anything else = either. */
const flagParam = z
  .enum(["yes", "no"])
  .optional()
  .catch(undefined)
  .transform((value) => (value === "yes" ? true : value === "no" ? false : null));

const querySchema = z.object({
  term: idSchema.optional().catch(undefined),
  school: idSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  povertyAlleviated: flagParam,
  povertyUnstable: flagParam,
  ruralMinimumLiving: flagParam,
  ruralExtremePoverty: flagParam,
  disabled: flagParam,
});

async function resolveFilter(ctx: AccessContext, raw: Record<string, unknown>) {
  const input = querySchema.parse(raw);
  const terms = await feeWaiverTerms();
  const current = await findCurrentTerm();
  const term = terms.find((t) => t.id === input.term) ?? terms.find((t) => t.id === current?.id) ?? terms[0];
  if (!term) return fail("REFUSED", "当前没有资助学期。");
  const flags = Object.fromEntries(FEE_WAIVER_FLAGS.map((flag) => [flag, input[flag]])) as FlagFilter;
  const filter: PaymentFilter = {
    scope: ctx.scope,
    termId: term.id,
    schoolId: ctx.scope.role === "SUPERVISOR" ? (input.school ?? null) : null,
    flags,
  };
  return ok({ terms, term, filter, page: input.page ?? 1 });
}

/** One page of 资金发放查看 with the count and total of every matching row. */
export async function viewFeeWaiverPayments(user: SessionUser, raw: Record<string, unknown>) {
  const ctx = accessContext(user, "fee_waiver_payments.view");
  if (!ctx.ok) return ctx;
  const resolved = await resolveFilter(ctx.data, raw);
  if (!resolved.ok) return resolved;
  const { filter, page } = resolved.data;
  const summary = await countFeeWaiverPayments(filter);
  const window = pageWindow(page, summary.count, PAYMENT_PAGE_ROWS);
  const rows = await listFeeWaiverPayments(filter, { limit: PAYMENT_PAGE_ROWS, offset: window.offset });
  return ok({ ...resolved.data, ...summary, window, rows });
}

export const PAYMENT_SHEET: SheetSpec = {
  name: "资金发放查看",
  columns: [
    { header: "学校", width: 28 },
    { header: "姓名", width: 12 },
    { header: "身份证号", width: 22, text: true },
    { header: "学籍号", width: 22, text: true },
    { header: "年级", width: 10 },
    { header: "班级", width: 10 },
    { header: "免除金额（元）", width: 14, money: true },
    ...FEE_WAIVER_FLAGS.map((flag) => ({ header: FEE_WAIVER_FLAG_LABELS[flag], width: 20 })),
  ],
};

export const paymentCells = (row: PaymentRow) => [
  row.schoolName,
  row.name,
  row.idMasked,
  row.studentNo,
  row.gradeName,
  row.sortClassName,
  row.amountFen / 100,
  ...FEE_WAIVER_FLAGS.map((flag) => yesNo(row[flag])),
];

/**
 * The filtered 资金发放查看 list as a sheet: audited before the first row; `fill` reads keyset pages and waits
 * for the download to take each before the next (lib/xlsx `ready`). Resolves to the row count.
 */
export async function prepareFeeWaiverExport(
  user: SessionUser | null,
  raw: Record<string, unknown>,
  ip: string | null = null,
): Promise<
  ActionResult<{ filename: string; sheet: SheetSpec; fill: (writer: SheetWriter) => Promise<number> }>
> {
  const ctx = accessContext(user, "fee_waiver_payments.export");
  if (!ctx.ok) return ctx;
  const resolved = await resolveFilter(ctx.data, raw);
  if (!resolved.ok) return resolved;
  const { filter, term } = resolved.data;
  await audit(
    ctx.data,
    "fee_waiver_payments.export",
    null,
    {
      termId: term.id,
      schoolId: filter.schoolId,
      ...Object.fromEntries(
        FEE_WAIVER_FLAGS.filter((flag) => filter.flags[flag] !== null).map((flag) => [
          flag,
          yesNo(filter.flags[flag]!),
        ]),
      ),
    },
    { ip },
  );
  return ok({
    filename: `普高免学杂费资金发放-${term.name}-${formatBeijingDate(new Date())}.xlsx`,
    sheet: PAYMENT_SHEET,
    fill: async (writer) => {
      let after: PaymentKey | undefined;
      let count = 0;
      for (;;) {
        const rows = await listFeeWaiverPayments(filter, { limit: EXPORT_PAGE_ROWS, after });
        for (const row of rows) writer.addRow(paymentCells(row));
        await writer.ready?.();
        count += rows.length;
        if (rows.length < EXPORT_PAGE_ROWS) return count;
        const last = rows[rows.length - 1]!;
        after = {
          schoolCode: last.schoolCode,
          sortClassName: last.sortClassName,
          sortName: last.sortName,
          entryId: last.entryId,
        };
      }
    },
  });
}
