/**
 * Recovery of revoked aid (lib/domain/aid-recovery.ts): a revocation of aid already paid opens the record
 * (lib/db/revocation.repo.ts); the school's aid officer records each amount recovered; the school and its
 * supervisors see the list (region-scoped).
 */
import "server-only";
import { decide } from "@/lib/auth/access";
import { addRecoveryEntry, findRecovery, listRecoveries } from "@/lib/db/aid-recovery.repo";
import { recoveryAmountProblem } from "@/lib/domain/aid-recovery";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { parseInput } from "@/lib/forms/field-errors";
import { recoveryEntrySchema } from "@/lib/schemas/follow-up";
import { isId } from "@/lib/schemas/id";
import { audit } from "./audit";
import { accessContext, schoolContext } from "./context";

export const RECOVERY_NOT_FOUND = "未找到该追回记录，或您无权操作。";

/** The list for the school (admin, leader) or the region (supervisor); `state`: open / closed / all. */
export async function loadRecoveries(user: SessionUser, state: unknown) {
  const ctx = accessContext(user, "aid_recovery.view");
  if (!ctx.ok) return ctx;
  const filter = state === "open" ? { open: true } : state === "closed" ? { open: false } : {};
  const rows = await listRecoveries(ctx.data.scope, filter);
  return ok({
    rows,
    state: state === "open" || state === "closed" ? state : "all",
    mayRecord: decide(user, "aid_recovery.record").ok,
  });
}

/** Records one amount recovered (date, amount, note); never above what is still due. */
export async function recordRecovery(
  user: SessionUser,
  recoveryId: string,
  raw: unknown,
): Promise<ActionResult<{ closed: boolean }>> {
  const ctx = schoolContext(user, "aid_recovery.record");
  if (!ctx.ok) return ctx;
  if (!isId(recoveryId)) return fail("NOT_FOUND", RECOVERY_NOT_FOUND);
  const input = parseInput(recoveryEntrySchema, raw);
  if (!input.ok) return input;
  const recovery = await findRecovery(ctx.data.scope, recoveryId);
  if (!recovery) return fail("NOT_FOUND", RECOVERY_NOT_FOUND);
  const problem = recoveryAmountProblem(recovery, input.data.amount);
  if (problem) return fail("INVALID", problem, { amount: problem });
  const entry = await addRecoveryEntry({
    recoveryId,
    amountFen: input.data.amount,
    recoveredOn: new Date(`${input.data.recoveredOn}T00:00:00Z`),
    note: input.data.note,
    recordedById: user.id,
  });
  if (entry === "over") {
    const message = "追回金额超过尚未追回的金额（可能有人刚刚登记过），请刷新后重试。";
    return fail("CONFLICT", message, { amount: message });
  }
  await audit(
    ctx.data,
    "aid_recovery.record",
    { type: "AidRecovery", id: recoveryId },
    { amountFen: input.data.amount, recoveredOn: input.data.recoveredOn },
  );
  return ok({ closed: recovery.recoveredFen + input.data.amount === recovery.dueFen });
}
