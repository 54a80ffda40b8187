/**
 * Aid programmes and rosters (SPEC §8): amounts/quota/budget per term,
 * candidates from final levels (special-group students first), approval with
 * totals checked, lock/unlock with a logged reason, payments, and the
 * applicant's receipt (签收).
 */
import "server-only";
import { decide } from "@/lib/auth/access";
import { isId } from "@/lib/schemas/id";
import type { SessionUser } from "@/lib/auth/session";
import { invalidInput } from "@/lib/forms/field-errors";
import { writeAudit, type AuditEntry } from "@/lib/db/audit.repo";
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
import { schoolTermContext } from "./context";
import { fail, ok, type ActionResult } from "./result";

export const ROSTER_NOT_FOUND = "未找到该资助名单，或您无权查看。";
const LOCKED = "名单已审核通过并锁定，如需修改请先填写原因解锁。";
const PAID_NOT_REMOVABLE =
  "该学生的资助已登记发放，不能移出名单。如发放有误，请先“冲销”这笔发放（写明原因，原记录保留），再移出。";

export async function loadProgrammes(user: SessionUser) {
  const c = await schoolTermContext(user, "rosters.view");
  if (!c.ok) return c;
  const [programmes, rosters] = await Promise.all([
    listTermProgrammes(c.data.scope, c.data.term.id),
    listRosters(c.data.scope, c.data.term.id),
  ]);
  return ok({ term: c.data.term, programmes, rosters });
}

export async function saveProgramme(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolTermContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = termProgrammeSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const v = p.data;
  const saved = await saveSchoolTermProgramme(c.data.scope, c.data.term.id, v.programmeId, {
    amountMode: v.amountMode,
    fixedAmountFen: v.fixedAmount,
    amountSpecialFen: v.amountSpecial,
    amountHardshipFen: v.amountHardship,
    amountGeneralFen: v.amountGeneral,
    quota: v.quota,
    budgetFen: v.budget,
  });
  if (!saved) return fail("未找到该资助项目。");
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "programme.configure",
    targetType: "TermProgramme",
    targetId: saved.id,
  });
  return ok(undefined);
}

async function termProgramme(
  c: { scope: Parameters<typeof listTermProgrammes>[0]; term: { id: string } },
  programmeId: string,
): Promise<TermProgrammeRow | undefined> {
  return (await listTermProgrammes(c.scope, c.term.id)).find((p) => p.programmeId === programmeId);
}

/** (Re)builds the draft roster of a programme from the final levels; refused while approved. */
export async function generateRoster(
  user: SessionUser,
  programmeIdRaw: unknown,
): Promise<ActionResult<{ rosterId: string; count: number; skipped: string[] }>> {
  const c = await schoolTermContext(user, "rosters.manage");
  if (!c.ok) return c;
  const programmeId = idSchema.safeParse(programmeIdRaw);
  if (!programmeId.success) return fail("未找到该资助项目。");
  const tp = await termProgramme(c.data, programmeId.data);
  if (!tp) return fail("未找到该资助项目。");
  const candidates = orderCandidates(await rosterCandidates(c.data.scope, c.data.term.id, tp.programme));
  const skipped: string[] = [];
  const entries = [];
  for (const cand of candidates) {
    const amount = amountFor(tp, cand.level);
    if (amount === null) {
      skipped.push(`${cand.name}（该等级未设置金额）`);
      continue;
    }
    entries.push({
      studentId: cand.studentId,
      applicationId: cand.applicationId,
      level: cand.level,
      amountFen: amount,
      note: cand.categories.length ? "特殊群体优先" : null,
    });
  }
  const roster = await replaceDraftRoster(c.data.scope, c.data.term.id, tp.programmeId, entries);
  if (!roster) return fail(LOCKED);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "roster.generate",
    targetType: "Roster",
    targetId: roster.id,
    detail: { count: entries.length, keptPaid: roster.kept },
  });
  if (roster.kept) skipped.push(`已登记发放的${roster.kept}人保留原样`);
  return ok({ rosterId: roster.id, count: entries.length, skipped });
}

export async function loadRoster(user: SessionUser, rosterId: string) {
  const c = await schoolTermContext(user, "rosters.view");
  if (!c.ok) return c;
  const r = isId(rosterId) ? await findRoster(c.data.scope, rosterId) : null;
  if (!r) return fail(ROSTER_NOT_FOUND);
  const [tp, payments] = await Promise.all([
    termProgramme(c.data, r.programme.id),
    paymentHistory(c.data.scope, r.id),
  ]);
  const totals = rosterTotals(r.entries, { quota: tp?.quota ?? null, budgetFen: tp?.budgetFen ?? null });
  return ok({ roster: r, totals, termProgramme: tp ?? null, payments });
}

export async function removeEntry(user: SessionUser, entryIdRaw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolTermContext(user, "rosters.manage");
  if (!c.ok) return c;
  const id = idSchema.safeParse(entryIdRaw);
  if (!id.success) return fail(ROSTER_NOT_FOUND);
  const r = await removeDraftEntry(c.data.scope, id.data);
  if (r === "missing") return fail(ROSTER_NOT_FOUND);
  if (r === "locked") return fail(LOCKED);
  if (r === "paid") return fail(PAID_NOT_REMOVABLE);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "roster.remove_entry",
    targetType: "RosterEntry",
    targetId: id.data,
  });
  return ok(undefined);
}

/** Adds a student by 学籍号 to a draft roster with an amount and the reason (e.g. a special-group student). */
export async function addEntry(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolTermContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = addEntrySchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const r = await addDraftEntry(c.data.scope, p.data.rosterId, {
    studentNo: p.data.studentNo,
    amountFen: p.data.amount!,
    note: p.data.note,
    exception: p.data.exception,
  });
  if (r === "missing") return fail(ROSTER_NOT_FOUND);
  if (r === "locked") return fail(LOCKED);
  if (r === "student")
    return fail("本校没有该学籍号的在读学生。", { studentNo: "本校没有该学籍号的在读学生" });
  if (r === "duplicate") return fail("该学生已在名单中。", { studentNo: "该学生已在名单中" });
  if (typeof r === "object")
    return fail(
      `${r.why}，不能补录。确需补录的，请勾选“按例外情况补录”，并在补录原因中写明依据（记入日志）。`,
      { exception: `${r.why}；如确需补录请勾选此项并写明原因` },
    );
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "roster.add_entry",
    targetType: "Roster",
    targetId: p.data.rosterId,
    detail: { studentNo: p.data.studentNo, note: p.data.note, exception: p.data.exception },
  });
  return ok(undefined);
}

/** Approves (locks) a draft roster; refused while the totals exceed quota or budget. */
export async function approveRoster(
  user: SessionUser,
  rosterIdRaw: unknown,
): Promise<ActionResult<undefined>> {
  const c = await schoolTermContext(user, "rosters.manage");
  if (!c.ok) return c;
  const id = idSchema.safeParse(rosterIdRaw);
  if (!id.success) return fail(ROSTER_NOT_FOUND);
  // Under the roster's lock: the entries counted are exactly the entries approved (no removal in between).
  const r = await withLockedRoster(c.data.scope, id.data, async (tx, roster) => {
    if (roster.state === "APPROVED") return fail("该名单已审核通过。");
    const entries = await lockedEntryAmounts(tx, roster.id);
    if (entries.length === 0) return fail("名单为空，不能审核通过。");
    const tp = await termProgramme(c.data, roster.programmeId);
    const totals = rosterTotals(entries, { quota: tp?.quota ?? null, budgetFen: tp?.budgetFen ?? null });
    if (totals.warnings.length)
      return fail(`不能审核通过：${totals.warnings.join("；")}。请调整名单或修改名额、预算。`);
    await updateLockedRoster(tx, roster.id, {
      state: "APPROVED",
      approvedById: user.id,
      approvedAt: new Date(),
    });
    await writeAudit(
      {
        actorUserId: user.id,
        actorRole: user.role,
        schoolId: c.data.scope.schoolId,
        action: "roster.approve",
        targetType: "Roster",
        targetId: roster.id,
        detail: { count: totals.count, totalFen: totals.totalFen },
      },
      tx,
    );
    return ok(undefined);
  });
  return r === "missing" ? fail(ROSTER_NOT_FOUND) : r;
}

export async function unlockRoster(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolTermContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = unlockSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const done = await setRosterState(c.data.scope, p.data.rosterId, "APPROVED", {
    state: "DRAFT",
    unlockReason: p.data.reason,
    approvedAt: null,
    approvedById: null,
  });
  if (!done)
    return fail((await findRoster(c.data.scope, p.data.rosterId)) ? "该名单未锁定。" : ROSTER_NOT_FOUND);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "roster.unlock",
    targetType: "Roster",
    targetId: p.data.rosterId,
    detail: { reason: p.data.reason },
  });
  return ok(undefined);
}

const PAYMENT_REFUSED: Record<Exclude<PaymentOutcome["kind"], "ok">, string> = {
  missing: ROSTER_NOT_FOUND,
  draft: "名单审核通过后才能登记发放。",
  paid: "这笔资助已登记发放。金额有误请用“更正”（写明原因），未实际发放请用“冲销”。",
  unpaid: "这笔资助尚未登记发放，无需更正或冲销。",
  over: "实发金额高于该生的资助标准，请在“超标准发放原因”中写明原因后再登记。",
  same: "更正后的金额与现在登记的相同，无需更正。",
};

const refusePayment = (kind: Exclude<PaymentOutcome["kind"], "ok">) =>
  fail(
    PAYMENT_REFUSED[kind],
    kind === "over"
      ? { reason: "高于资助标准时请写明原因" }
      : kind === "same"
        ? { amount: "与现在登记的金额相同" }
        : undefined,
  );

/** Records a payment: more than 0 元; above the entry's standard only with a reason. */
export async function pay(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolTermContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = paymentSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const r = await recordPayment(c.data.scope, p.data.entryId, {
    amountFen: p.data.amount!,
    reason: p.data.reason || null,
    userId: user.id,
  });
  if (r.kind !== "ok") return refusePayment(r.kind);
  await auditEntryPayment(user, c.data.scope.schoolId, "roster.pay", p.data.entryId, {
    amountFen: p.data.amount,
    standardFen: r.standardFen,
    reason: p.data.reason || undefined,
  });
  return ok(undefined);
}

/** The audit entry of a payment, correction or reversal of one roster entry. */
function auditEntryPayment(
  user: SessionUser,
  schoolId: string | null,
  action: "roster.pay" | "roster.payment_correct" | "roster.payment_reverse",
  entryId: string,
  detail: AuditEntry["detail"],
) {
  return writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId,
    action,
    targetType: "RosterEntry",
    targetId: entryId,
    detail,
  });
}

/** Corrects a recorded payment's amount with a reason; the original stays in the history. */
export async function correctPayment(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolTermContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = paymentCorrectionSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const r = await amendPayment(c.data.scope, p.data.entryId, {
    kind: "CORRECTION",
    amountFen: p.data.amount!,
    reason: p.data.reason,
    userId: user.id,
  });
  if (r.kind !== "ok") return refusePayment(r.kind);
  await auditEntryPayment(user, c.data.scope.schoolId, "roster.payment_correct", p.data.entryId, {
    amountFen: p.data.amount,
    previousAmountFen: r.previousAmountFen,
    reason: p.data.reason,
  });
  return ok(undefined);
}

/** Reverses a recorded payment (冲销) with a reason: the entry is unpaid again, the history keeps both. */
export async function reversePayment(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolTermContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = paymentReversalSchema.safeParse(raw);
  if (!p.success) return invalidInput(p.error);
  const r = await amendPayment(c.data.scope, p.data.entryId, {
    kind: "REVERSAL",
    reason: p.data.reason,
    userId: user.id,
  });
  if (r.kind !== "ok") return refusePayment(r.kind);
  await auditEntryPayment(user, c.data.scope.schoolId, "roster.payment_reverse", p.data.entryId, {
    previousAmountFen: r.previousAmountFen,
    reason: p.data.reason,
  });
  return ok(undefined);
}

export async function receipt(user: SessionUser, entryIdRaw: unknown): Promise<ActionResult<undefined>> {
  const d = decide(user, "result.confirm_receipt");
  if (!d.ok) return fail(d.message);
  const id = idSchema.safeParse(entryIdRaw);
  if (!id.success) return fail("未找到该发放记录。");
  const r = await confirmReceipt(d.scope, id.data, user.id);
  if (r === "missing") return fail("未找到该发放记录。");
  if (r === "unpaid") return fail("学校尚未登记发放，暂不能签收。");
  if (r === "done") return fail("已签收。");
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    action: "roster.receipt",
    targetType: "RosterEntry",
    targetId: id.data,
  });
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

/** Special-group students not determined 特别困难 or on no roster this term (J: 应助尽助). */
export async function loadFollowUp(user: SessionUser) {
  const c = await schoolTermContext(user, "special_group.follow_up");
  if (!c.ok) return c;
  const list = await followUpList(c.data.scope, c.data.term.id);
  const rows: FollowUpRow[] = [];
  for (const s of list) {
    const app = s.applications[0];
    const problems: string[] = [];
    if (!app) problems.push("本学期未申请");
    else if (app.state === "waived") problems.push("已放弃申请");
    else if (app.determination?.finalLevel !== "SPECIAL")
      problems.push(app.determination?.finalLevel ? "未认定为特别困难" : "尚未认定");
    if (s.rosterEntries.length === 0) problems.push("未列入本学期任何资助名单");
    if (!problems.length) continue;
    rows.push({
      studentId: s.id,
      name: s.person.name,
      studentNo: s.studentNo,
      idNumberMasked: s.person.idNumberMasked,
      className: `${s.grade.name}${s.class.name}`,
      categories: s.person.specialGroupEntries.map((e) => e.category),
      problem: problems.join("；"),
      reason: s.noAidRecords[0]?.reason ?? null,
      detail: s.noAidRecords[0]?.detail ?? null,
    });
  }
  return ok({ term: c.data.term, rows });
}
