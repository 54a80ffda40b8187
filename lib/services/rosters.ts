/**
 * Aid programmes and rosters (SPEC §8): amounts/quota/budget per term,
 * candidates from final levels (special-group students first), approval with
 * totals checked, lock/unlock with a logged reason, payments, and the
 * applicant's receipt (签收).
 */
import { decide } from "@/lib/auth/access";
import { isId } from "@/lib/schemas/id";
import type { SessionUser } from "@/lib/auth/session";
import { writeAudit } from "@/lib/db/audit.repo";
import {
  addDraftEntry,
  confirmReceipt,
  findRoster,
  followUpList,
  listRosters,
  listTermProgrammes,
  recordPayment,
  removeDraftEntry,
  replaceDraftRoster,
  rosterCandidates,
  saveNoAidRecord,
  saveSchoolTermProgramme,
  setRosterState,
  type TermProgrammeRow,
} from "@/lib/db/rosters.repo";
import { amountFor, orderCandidates, rosterTotals } from "@/lib/domain/roster";
import {
  addEntrySchema,
  fieldErrors,
  firstMessage,
  idSchema,
  paymentSchema,
  termProgrammeSchema,
  unlockSchema,
} from "@/lib/schemas/determination";
import { noAidSchema } from "@/lib/schemas/no-aid";
import { schoolContext } from "./determination";
import { fail, ok, type ActionResult } from "./result";

export const ROSTER_NOT_FOUND = "未找到该资助名单，或您无权查看。";
const LOCKED = "名单已审核通过并锁定，如需修改请先填写原因解锁。";

export async function loadProgrammes(user: SessionUser) {
  const c = await schoolContext(user, "rosters.view");
  if (!c.ok) return c;
  const [programmes, rosters] = await Promise.all([
    listTermProgrammes(c.data.scope, c.data.term.id),
    listRosters(c.data.scope, c.data.term.id),
  ]);
  return ok({ term: c.data.term, programmes, rosters });
}

export async function saveProgramme(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = termProgrammeSchema.safeParse(raw);
  if (!p.success) return fail(firstMessage(p.error), fieldErrors(p.error));
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
  const c = await schoolContext(user, "rosters.manage");
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
    detail: { count: entries.length },
  });
  return ok({ rosterId: roster.id, count: entries.length, skipped });
}

export async function loadRoster(user: SessionUser, rosterId: string) {
  const c = await schoolContext(user, "rosters.view");
  if (!c.ok) return c;
  const r = isId(rosterId) ? await findRoster(c.data.scope, rosterId) : null;
  if (!r) return fail(ROSTER_NOT_FOUND);
  const tp = await termProgramme(c.data, r.programme.id);
  const totals = rosterTotals(r.entries, { quota: tp?.quota ?? null, budgetFen: tp?.budgetFen ?? null });
  return ok({ roster: r, totals, termProgramme: tp ?? null });
}

export async function removeEntry(user: SessionUser, entryIdRaw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolContext(user, "rosters.manage");
  if (!c.ok) return c;
  const id = idSchema.safeParse(entryIdRaw);
  if (!id.success) return fail(ROSTER_NOT_FOUND);
  const r = await removeDraftEntry(c.data.scope, id.data);
  if (r === "missing") return fail(ROSTER_NOT_FOUND);
  if (r === "locked") return fail(LOCKED);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "roster.removeEntry",
    targetType: "RosterEntry",
    targetId: id.data,
  });
  return ok(undefined);
}

/** Adds a student by 学籍号 to a draft roster with an amount and the reason (e.g. a special-group student). */
export async function addEntry(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = addEntrySchema.safeParse(raw);
  if (!p.success) return fail(firstMessage(p.error), fieldErrors(p.error));
  const r = await addDraftEntry(c.data.scope, p.data.rosterId, p.data.studentNo, p.data.amount!, p.data.note);
  if (r === "missing") return fail(ROSTER_NOT_FOUND);
  if (r === "locked") return fail(LOCKED);
  if (r === "student")
    return fail("本校没有该学籍号的在读学生。", { studentNo: "本校没有该学籍号的在读学生" });
  if (r === "duplicate") return fail("该学生已在名单中。", { studentNo: "该学生已在名单中" });
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "roster.addEntry",
    targetType: "Roster",
    targetId: p.data.rosterId,
    detail: { studentNo: p.data.studentNo, note: p.data.note },
  });
  return ok(undefined);
}

/** Approves (locks) a draft roster; refused while the totals exceed quota or budget. */
export async function approveRoster(
  user: SessionUser,
  rosterIdRaw: unknown,
): Promise<ActionResult<undefined>> {
  const c = await schoolContext(user, "rosters.manage");
  if (!c.ok) return c;
  const id = idSchema.safeParse(rosterIdRaw);
  if (!id.success) return fail(ROSTER_NOT_FOUND);
  const l = await loadRoster(user, id.data);
  if (!l.ok) return l;
  if (l.data.roster.state === "APPROVED") return fail("该名单已审核通过。");
  if (l.data.roster.entries.length === 0) return fail("名单为空，不能审核通过。");
  if (l.data.totals.warnings.length)
    return fail(`不能审核通过：${l.data.totals.warnings.join("；")}。请调整名单或修改名额、预算。`);
  const done = await setRosterState(c.data.scope, id.data, "DRAFT", {
    state: "APPROVED",
    approvedById: user.id,
    approvedAt: new Date(),
  });
  if (!done) return fail("名单刚被他人处理，请刷新页面。");
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "roster.approve",
    targetType: "Roster",
    targetId: id.data,
    detail: { count: l.data.totals.count, totalFen: l.data.totals.totalFen },
  });
  return ok(undefined);
}

export async function unlockRoster(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = unlockSchema.safeParse(raw);
  if (!p.success) return fail(firstMessage(p.error), fieldErrors(p.error));
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

export async function pay(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolContext(user, "rosters.manage");
  if (!c.ok) return c;
  const p = paymentSchema.safeParse(raw);
  if (!p.success) return fail(firstMessage(p.error), fieldErrors(p.error));
  const r = await recordPayment(c.data.scope, p.data.entryId, p.data.amount!);
  if (r === "missing") return fail(ROSTER_NOT_FOUND);
  if (r === "draft") return fail("名单审核通过后才能登记发放。");
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "roster.pay",
    targetType: "RosterEntry",
    targetId: p.data.entryId,
    detail: { amountFen: p.data.amount },
  });
  return ok(undefined);
}

export async function receipt(user: SessionUser, entryIdRaw: unknown): Promise<ActionResult<undefined>> {
  const d = decide(user, "result.confirmReceipt");
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
  const c = await schoolContext(user, "specialGroups.followUp");
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

export async function recordNoAidReason(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const c = await schoolContext(user, "followUp.recordReason");
  if (!c.ok) return c;
  const p = noAidSchema.safeParse(raw);
  if (!p.success) return fail(firstMessage(p.error), fieldErrors(p.error));
  const r = await saveNoAidRecord(
    c.data.scope,
    c.data.term.id,
    p.data.studentId,
    p.data.reason,
    p.data.detail || null,
    user.id,
  );
  if (!r) return fail("未找到该学生。");
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.scope.schoolId,
    action: "noAid.record",
    targetType: "Student",
    targetId: p.data.studentId,
    detail: { reason: p.data.reason },
  });
  return ok(undefined);
}
