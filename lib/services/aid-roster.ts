/**
 * Aid programmes and rosters: amounts/quota/budget per term,
 * candidates from final levels (special-group students first), approval with
 * totals checked, lock/unlock with a logged reason, payments, and the
 * applicant's receipt (签收).
 */
import "server-only";
import { isId } from "@/lib/schemas/id";
import type { SessionUser } from "@/lib/auth/session";
import { invalidInput } from "@/lib/forms/field-errors";
import {
  addDraftEntry,
  amendPayment,
  confirmReceipt,
  findRoster,
  followUpList,
  listRosters,
  listTermProgrammes,
  lockedEntryAmounts,
  paymentHistory,
  recordPayment,
  removeDraftEntry,
  replaceDraftRoster,
  rosterCandidates,
  saveSchoolTermProgramme,
  setRosterState,
  updateLockedRoster,
  withLockedRoster,
  type PaymentOutcome,
  type TermProgrammeRow,
} from "@/lib/db/aid-roster.repo";
import { amountFor, orderCandidates, rosterTotals } from "@/lib/domain/aid-roster";
import {
  addEntrySchema,
  idSchema,
  paymentCorrectionSchema,
  paymentReversalSchema,
  paymentSchema,
  termProgrammeSchema,
  unlockSchema,
} from "@/lib/schemas/determination";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { audit, type AuditDetail } from "./audit";
import { accessContext, schoolTermContext, type SchoolTermContext } from "./context";
import { notifyPaymentRecorded } from "./notifications/applicant-events";

export const ROSTER_NOT_FOUND = "未找到该资助名单，或您无权查看。";
const LOCKED = "名单已审核通过并锁定，如需修改请先填写原因解锁。";
const PAID_NOT_REMOVABLE =
  "该学生的资助已登记发放，不能移出名单。如发放有误，请先“冲销”这笔发放（写明原因，原记录保留），再移出。";

export async function loadProgrammes(user: SessionUser) {
  const ctx = await schoolTermContext(user, "rosters.view");
  if (!ctx.ok) return ctx;
  const [programmes, rosters] = await Promise.all([
    listTermProgrammes(ctx.data.scope, ctx.data.term.id),
    listRosters(ctx.data.scope, ctx.data.term.id),
  ]);
  return ok({ term: ctx.data.term, programmes, rosters });
}

export async function saveProgramme(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "rosters.manage");
  if (!ctx.ok) return ctx;
  const input = termProgrammeSchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const programme = input.data;
  const saved = await saveSchoolTermProgramme(ctx.data.scope, ctx.data.term.id, programme.programmeId, {
    amountMode: programme.amountMode,
    fixedAmountFen: programme.fixedAmount,
    amountSpecialFen: programme.amountSpecial,
    amountHardshipFen: programme.amountHardship,
    amountGeneralFen: programme.amountGeneral,
    quota: programme.quota,
    budgetFen: programme.budget,
  });
  if (!saved) return fail("NOT_FOUND", "未找到该资助项目。");
  await audit(ctx.data, "programme.configure", { type: "TermProgramme", id: saved.id });
  return ok(undefined);
}

async function termProgramme(
  ctx: Pick<SchoolTermContext, "scope" | "term">,
  programmeId: string,
): Promise<TermProgrammeRow | undefined> {
  return (await listTermProgrammes(ctx.scope, ctx.term.id)).find((row) => row.programmeId === programmeId);
}

/** (Re)builds the draft roster of a programme from the final levels; refused while approved. */
export async function generateRoster(
  user: SessionUser,
  programmeIdRaw: unknown,
): Promise<ActionResult<{ rosterId: string; count: number; skipped: string[] }>> {
  const ctx = await schoolTermContext(user, "rosters.manage");
  if (!ctx.ok) return ctx;
  const programmeId = idSchema.safeParse(programmeIdRaw);
  if (!programmeId.success) return fail("NOT_FOUND", "未找到该资助项目。");
  const termRow = await termProgramme(ctx.data, programmeId.data);
  if (!termRow) return fail("NOT_FOUND", "未找到该资助项目。");
  const candidates = orderCandidates(
    await rosterCandidates(ctx.data.scope, ctx.data.term.id, termRow.programme),
  );
  const skipped: string[] = [];
  const entries = [];
  for (const candidate of candidates) {
    const amount = amountFor(termRow, candidate.level);
    if (amount === null) {
      skipped.push(`${candidate.name}（该等级未设置金额）`);
      continue;
    }
    entries.push({
      studentId: candidate.studentId,
      applicationId: candidate.applicationId,
      level: candidate.level,
      amountFen: amount,
      note: candidate.categories.length ? "特殊群体优先" : null,
    });
  }
  const roster = await replaceDraftRoster(ctx.data.scope, ctx.data.term.id, termRow.programmeId, entries);
  if (!roster) return fail("REFUSED", LOCKED);
  await audit(
    ctx.data,
    "roster.generate",
    { type: "Roster", id: roster.id },
    { count: entries.length, keptPaid: roster.kept },
  );
  if (roster.kept) skipped.push(`已登记发放的${roster.kept}人保留原样`);
  return ok({ rosterId: roster.id, count: entries.length, skipped });
}

export async function loadRoster(user: SessionUser, rosterId: string) {
  const ctx = await schoolTermContext(user, "rosters.view");
  if (!ctx.ok) return ctx;
  const roster = isId(rosterId) ? await findRoster(ctx.data.scope, rosterId) : null;
  if (!roster) return fail("NOT_FOUND", ROSTER_NOT_FOUND);
  const [termRow, payments] = await Promise.all([
    termProgramme(ctx.data, roster.programme.id),
    paymentHistory(ctx.data.scope, roster.id),
  ]);
  const totals = rosterTotals(roster.entries, {
    quota: termRow?.quota ?? null,
    budgetFen: termRow?.budgetFen ?? null,
  });
  return ok({ roster, totals, termProgramme: termRow ?? null, payments });
}

export async function removeRosterEntry(
  user: SessionUser,
  entryIdRaw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "rosters.manage");
  if (!ctx.ok) return ctx;
  const id = idSchema.safeParse(entryIdRaw);
  if (!id.success) return fail("NOT_FOUND", ROSTER_NOT_FOUND);
  const outcome = await removeDraftEntry(ctx.data.scope, id.data);
  if (outcome === "missing") return fail("NOT_FOUND", ROSTER_NOT_FOUND);
  if (outcome === "locked") return fail("REFUSED", LOCKED);
  if (outcome === "paid") return fail("REFUSED", PAID_NOT_REMOVABLE);
  await audit(ctx.data, "roster.remove_entry", { type: "RosterEntry", id: id.data });
  return ok(undefined);
}

/** Adds a student by 学籍号 to a draft roster with an amount and the reason (e.g. a special-group student). */
export async function addRosterEntry(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "rosters.manage");
  if (!ctx.ok) return ctx;
  const input = addEntrySchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const outcome = await addDraftEntry(ctx.data.scope, input.data.rosterId, {
    studentNo: input.data.studentNo,
    amountFen: input.data.amount!,
    note: input.data.note,
    exception: input.data.exception,
  });
  if (outcome === "missing") return fail("NOT_FOUND", ROSTER_NOT_FOUND);
  if (outcome === "locked") return fail("REFUSED", LOCKED);
  if (outcome === "student")
    return fail("INVALID", "本校没有该学籍号的在读学生。", { studentNo: "本校没有该学籍号的在读学生" });
  if (outcome === "duplicate")
    return fail("CONFLICT", "该学生已在名单中。", { studentNo: "该学生已在名单中" });
  if (typeof outcome === "object")
    return fail(
      "REFUSED",
      `${outcome.why}，不能补录。确需补录的，请勾选“按例外情况补录”，并在补录原因中写明依据（记入日志）。`,
      { exception: `${outcome.why}；如确需补录请勾选此项并写明原因` },
    );
  await audit(
    ctx.data,
    "roster.add_entry",
    { type: "Roster", id: input.data.rosterId },
    { studentNo: input.data.studentNo, note: input.data.note, exception: input.data.exception },
  );
  return ok(undefined);
}

/** Approves (locks) a draft roster; refused while the totals exceed quota or budget. */
export async function approveRoster(
  user: SessionUser,
  rosterIdRaw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "rosters.manage");
  if (!ctx.ok) return ctx;
  const id = idSchema.safeParse(rosterIdRaw);
  if (!id.success) return fail("NOT_FOUND", ROSTER_NOT_FOUND);
  // Under the roster's lock: the entries counted are exactly the entries approved (no removal in between).
  const outcome = await withLockedRoster(ctx.data.scope, id.data, async (tx, roster) => {
    if (roster.state === "APPROVED") return fail("CONFLICT", "该名单已审核通过。");
    const entries = await lockedEntryAmounts(tx, roster.id);
    if (entries.length === 0) return fail("REFUSED", "名单为空，不能审核通过。");
    const termRow = await termProgramme(ctx.data, roster.programmeId);
    const totals = rosterTotals(entries, {
      quota: termRow?.quota ?? null,
      budgetFen: termRow?.budgetFen ?? null,
    });
    if (totals.warnings.length)
      return fail("REFUSED", `不能审核通过：${totals.warnings.join("；")}。请调整名单或修改名额、预算。`);
    await updateLockedRoster(tx, roster.id, {
      state: "APPROVED",
      approvedById: user.id,
      approvedAt: new Date(),
    });
    await audit(
      ctx.data,
      "roster.approve",
      { type: "Roster", id: roster.id },
      { count: totals.count, totalFen: totals.totalFen },
      { tx },
    );
    return ok(undefined);
  });
  return outcome === "missing" ? fail("NOT_FOUND", ROSTER_NOT_FOUND) : outcome;
}

export async function unlockRoster(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "rosters.manage");
  if (!ctx.ok) return ctx;
  const input = unlockSchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const done = await setRosterState(ctx.data.scope, input.data.rosterId, "APPROVED", {
    state: "DRAFT",
    unlockReason: input.data.reason,
    approvedAt: null,
    approvedById: null,
  });
  if (!done)
    return (await findRoster(ctx.data.scope, input.data.rosterId))
      ? fail("CONFLICT", "该名单未锁定。")
      : fail("NOT_FOUND", ROSTER_NOT_FOUND);
  await audit(
    ctx.data,
    "roster.unlock",
    { type: "Roster", id: input.data.rosterId },
    { reason: input.data.reason },
  );
  return ok(undefined);
}

const PAYMENT_REFUSED: Record<Exclude<PaymentOutcome["kind"], "ok">, string> = {
  missing: ROSTER_NOT_FOUND,
  draft: "名单审核通过后才能登记发放。",
  paid: "这笔资助已登记发放。金额有误请用“更正”（写明原因），未实际发放请用“冲销”。",
  unpaid: "这笔资助尚未登记发放，无需更正或冲销。",
  over: "实发金额高于该生的资助标准，请在“超标准发放原因”中写明原因后再登记。",
  same: "更正后的金额与现在登记的相同，无需更正。",
  duplicate: "该学生本期已在其他名单（或其他学校）领取过同一资助项目，不能重复发放。请核对后再登记。",
};

const refusePayment = (kind: Exclude<PaymentOutcome["kind"], "ok">) =>
  fail(
    kind === "missing" ? "NOT_FOUND" : "REFUSED",
    PAYMENT_REFUSED[kind],
    kind === "over"
      ? { reason: "高于资助标准时请写明原因" }
      : kind === "same"
        ? { amount: "与现在登记的金额相同" }
        : undefined,
  );

/** Records a payment: more than 0 元; above the entry's standard only with a reason. */
export async function recordRosterPayment(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "rosters.manage");
  if (!ctx.ok) return ctx;
  const input = paymentSchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const outcome = await recordPayment(ctx.data.scope, input.data.entryId, {
    amountFen: input.data.amount!,
    reason: input.data.reason || null,
    userId: user.id,
    onWritten: (tx, paid) => notifyPaymentRecorded(tx, paid),
  });
  if (outcome.kind !== "ok") return refusePayment(outcome.kind);
  await auditEntryPayment(ctx.data, "roster.pay", input.data.entryId, {
    amountFen: input.data.amount,
    standardFen: outcome.standardFen,
    ...(input.data.reason ? { reason: input.data.reason } : {}),
  });
  return ok(undefined);
}

/** The audit entry of a payment, correction or reversal of one roster entry. */
function auditEntryPayment(
  ctx: SchoolTermContext,
  action: "roster.pay" | "roster.payment_correct" | "roster.payment_reverse",
  entryId: string,
  detail: AuditDetail,
) {
  return audit(ctx, action, { type: "RosterEntry", id: entryId }, detail);
}

/** Corrects a recorded payment's amount with a reason; the original stays in the history. */
export async function correctPayment(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "rosters.manage");
  if (!ctx.ok) return ctx;
  const input = paymentCorrectionSchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const outcome = await amendPayment(ctx.data.scope, input.data.entryId, {
    kind: "CORRECTION",
    amountFen: input.data.amount!,
    reason: input.data.reason,
    userId: user.id,
  });
  if (outcome.kind !== "ok") return refusePayment(outcome.kind);
  await auditEntryPayment(ctx.data, "roster.payment_correct", input.data.entryId, {
    amountFen: input.data.amount,
    previousAmountFen: outcome.previousAmountFen,
    reason: input.data.reason,
  });
  return ok(undefined);
}

/** Reverses a recorded payment (冲销) with a reason: the entry is unpaid again, the history keeps both. */
export async function reversePayment(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = await schoolTermContext(user, "rosters.manage");
  if (!ctx.ok) return ctx;
  const input = paymentReversalSchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const outcome = await amendPayment(ctx.data.scope, input.data.entryId, {
    kind: "REVERSAL",
    reason: input.data.reason,
    userId: user.id,
  });
  if (outcome.kind !== "ok") return refusePayment(outcome.kind);
  await auditEntryPayment(ctx.data, "roster.payment_reverse", input.data.entryId, {
    previousAmountFen: outcome.previousAmountFen,
    reason: input.data.reason,
  });
  return ok(undefined);
}

/** The applicant confirms having received a recorded payment (签收); audited without a school. */
export async function confirmPaymentReceipt(
  user: SessionUser,
  entryIdRaw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = accessContext(user, "result.confirm_receipt");
  if (!ctx.ok) return ctx;
  const id = idSchema.safeParse(entryIdRaw);
  if (!id.success) return fail("NOT_FOUND", "未找到该发放记录。");
  const outcome = await confirmReceipt(ctx.data.scope, id.data, user.id);
  if (outcome === "missing") return fail("NOT_FOUND", "未找到该发放记录。");
  if (outcome === "unpaid") return fail("REFUSED", "学校尚未登记发放，暂不能签收。");
  if (outcome === "done") return fail("CONFLICT", "已签收。");
  await audit({ user, schoolId: null }, "roster.receipt", { type: "RosterEntry", id: id.data });
  return ok(undefined);
}

// ── special-group follow-up ──

export type FollowUpRow = {
  studentId: string;
  name: string;
  studentNo: string;
  idNumberMasked: string;
  className: string;
  categories: string[];
  problem: string;
  reason: string | null;
  detail: string | null;
};

/** Special-group students not determined 特别困难 or on no roster this term (应助尽助, 特殊困难学生通知: docs/policy-sources.md). */
export async function loadFollowUp(user: SessionUser) {
  const ctx = await schoolTermContext(user, "special_group.follow_up");
  if (!ctx.ok) return ctx;
  const list = await followUpList(ctx.data.scope, ctx.data.term.id);
  const rows: FollowUpRow[] = [];
  for (const student of list) {
    const app = student.applications[0];
    const problems: string[] = [];
    if (!app) problems.push("本学期未申请");
    else if (app.state === "waived") problems.push("已放弃申请");
    else if (app.determination?.finalLevel !== "SPECIAL")
      problems.push(app.determination?.finalLevel ? "未认定为特别困难" : "尚未认定");
    if (student.rosterEntries.length === 0) problems.push("未列入本学期任何资助名单");
    if (!problems.length) continue;
    rows.push({
      studentId: student.id,
      name: student.person.name,
      studentNo: student.studentNo,
      idNumberMasked: student.person.idNumberMasked,
      className: `${student.grade.name}${student.class.name}`,
      categories: student.person.specialGroupEntries.map((e) => e.category),
      problem: problems.join("；"),
      reason: student.noAidRecords[0]?.reason ?? null,
      detail: student.noAidRecords[0]?.detail ?? null,
    });
  }
  return ok({ term: ctx.data.term, rows });
}
