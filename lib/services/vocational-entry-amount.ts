/**
 * The actual amount (实发金额) of one entry of a 中职 monthly list, edited by the school's aid officer while the
 * list may be edited (lib/domain/vocational-roster.ts `transition` EDIT): above the entry's standard amount only
 * with a reason (lib/domain/list-limits.ts; the database's CHECK of migration 512 holds the same rule). The change
 * is in the list's history and the audit log. Amounts in integer fen.
 */
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { monthlyEntry, setActualAmount } from "@/lib/db/list-limits.repo";
import { addHistory, findList, lockList, saveState } from "@/lib/db/vocational-list.repo";
import { fenToYuan } from "@/lib/domain/household";
import { actualAmountRefusal } from "@/lib/domain/list-limits";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { transition } from "@/lib/domain/vocational-roster";
import { invalidInput } from "@/lib/forms/field-errors";
import { idSchema } from "@/lib/schemas/id";
import { yuanField } from "@/lib/schemas/money";
import { audit } from "./audit";
import { accessContext } from "./context";
import { LIST_NOT_FOUND } from "./vocational-roster";

const amountSchema = z.object({
  entryId: idSchema,
  amount: yuanField("实发金额", "200").refine((v) => v !== null, "请填写实发金额"),
  reason: z.string().trim().max(200, "超标准发放原因不能超过200个字").optional().default(""),
});

export async function setMonthlyEntryAmount(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ actualAmountFen: number }>> {
  const ctx = accessContext(user, "vocational_list.edit");
  if (!ctx.ok) return ctx;
  const input = amountSchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const actualFen = input.data.amount!;
  const reason = input.data.reason || null;
  const { scope } = ctx.data;
  return db().$transaction(async (tx) => {
    const entry = await monthlyEntry(tx, input.data.entryId);
    if (!entry) return fail("NOT_FOUND", LIST_NOT_FOUND);
    await lockList(tx, entry.rosterId);
    const list = await findList(scope, entry.rosterId, tx);
    if (!list || list.programmeKind === "LOAN") return fail("NOT_FOUND", LIST_NOT_FOUND);
    const actor =
      scope.role === "SCHOOL_ADMIN"
        ? ({ role: "SCHOOL_ADMIN", relation: "OWN_SCHOOL" } as const)
        : ({ role: "TEACHER", relation: "OTHER" } as const);
    const moved = transition(list.state, { kind: "EDIT" }, actor, {
      month: list.month,
      programmeKind: list.programmeKind,
    });
    if (!moved.ok) return fail("REFUSED", moved.reason);
    if (entry.paidAt) return fail("REFUSED", "该学生本月已发放，不能修改实发金额。");
    const refusal = actualAmountRefusal(entry.amountFen, actualFen, reason);
    if (refusal) return fail("INVALID", refusal.message, { [refusal.field]: refusal.message });
    await setActualAmount(tx, entry.id, actualFen, actualFen > entry.amountFen ? reason : null);
    await saveState(tx, list.rosterId, moved.state);
    const comment =
      `实发金额${entry.actualAmountFen === null ? "（未填）" : `${fenToYuan(entry.actualAmountFen)}元`}` +
      `改为${fenToYuan(actualFen)}元（标准${fenToYuan(entry.amountFen)}元）` +
      (actualFen > entry.amountFen ? `，超标准原因：${reason}` : "");
    await addHistory(tx, {
      rosterId: list.rosterId,
      actorId: user.id,
      action: "EDIT",
      from: list.state,
      to: moved.state,
      comment,
    });
    await audit(
      { ...ctx.data, schoolId: list.schoolId },
      "vocational_list.entry_amount",
      { type: "RosterEntry", id: entry.id },
      {
        amountFen: actualFen,
        standardFen: entry.amountFen,
        previousAmountFen: entry.actualAmountFen,
        ...(reason && actualFen > entry.amountFen ? { reason } : {}),
      },
      { tx },
    );
    return ok({ actualAmountFen: actualFen });
  });
}
