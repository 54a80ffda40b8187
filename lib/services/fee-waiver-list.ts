/**
 * 普高 建档立卡等免学杂费 lists (lib/domain/fee-waiver-list.ts): the lists of a 学年学期, building the school's list
 * from the term's determinations and special groups, removing a student, and the two reviews, each inside one
 * transaction with its history row and audit entry. Access: "fee_waiver_list.view" / ".edit" (school aid officer)
 * / ".school_review" (school leader) / ".supervise" (supervisors; the domain lets only the school's own region act).
 */
import "server-only";
import { notifyFeeWaiverListChange } from "./notifications/staff-events";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import type { Action } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import {
  addFeeWaiverHistory,
  buildFeeWaiverEntries,
  countFeeWaiverEntries,
  ensureFeeWaiverList,
  feeWaiverEntries,
  feeWaiverHistory,
  feeWaiverProgrammes,
  feeWaiverTerms,
  findFeeWaiverList,
  listFeeWaiverLists,
  lockFeeWaiverList,
  removeFeeWaiverEntry,
  saveFeeWaiverState,
  type FeeWaiverListRow,
  type ListFilter,
} from "@/lib/db/fee-waiver-list.repo";
import { feeWaiverListFigures } from "@/lib/db/list-limits.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import {
  FEE_WAIVER_ACTION_LABELS,
  transition,
  type FeeWaiverAction,
  type FeeWaiverState,
  type ListActor,
} from "@/lib/domain/fee-waiver-list";
import { listLimitRefusal } from "@/lib/domain/list-limits";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { idSchema } from "@/lib/schemas/id";
import { audit } from "./audit";
import { accessContext, schoolTermContext } from "./context";

export const FEE_WAIVER_NOT_FOUND = "未找到该普高免学杂费资助名单，或您无权查看。";

export const REVIEW_FILTERS = ["SCHOOL_PENDING", "SUPERVISOR_PENDING", "PASSED", "REFUSED"] as const;
export const REVIEW_FILTER_LABELS: Record<(typeof REVIEW_FILTERS)[number], string> = {
  SCHOOL_PENDING: "待学校审核",
  SUPERVISOR_PENDING: "待主管部门审核",
  PASSED: "主管部门审核通过",
  REFUSED: "审核不通过（退回修改）",
};

const listQuerySchema = z.object({
  term: idSchema.optional().catch(undefined),
  review: z.enum(REVIEW_FILTERS).optional().catch(undefined),
});

/** Who acts on the list, seen from its school (the supervisor of the school's own region is DIRECT). */
function actorOf(user: SessionUser, list: FeeWaiverListRow): ListActor {
  if (user.role === "SUPERVISOR")
    return { role: "SUPERVISOR", relation: list.schoolRegionId === user.regionId ? "DIRECT" : "ABOVE" };
  if ((user.role === "SCHOOL_ADMIN" || user.role === "SCHOOL_LEADER") && user.schoolId === list.schoolId)
    return { role: user.role, relation: "OWN_SCHOOL" };
  return { role: "TEACHER", relation: "OTHER" };
}

/**
 * The lists of one 学年学期 (the current term unless `term` names another) in the caller's scope, with the terms
 * to choose from and, for the school's aid officer, the programmes a list can be built for.
 */
export async function loadFeeWaiverLists(user: SessionUser, raw: Record<string, unknown>) {
  const ctx = accessContext(user, "fee_waiver_list.view");
  if (!ctx.ok) return ctx;
  const query = listQuerySchema.parse(raw);
  const terms = await feeWaiverTerms();
  const current = await findCurrentTerm();
  const term = terms.find((t) => t.id === query.term) ?? terms.find((t) => t.id === current?.id) ?? terms[0];
  if (!term) return fail("REFUSED", "当前没有资助学期。");
  const filter: ListFilter = { termId: term.id, review: query.review };
  const lists = await listFeeWaiverLists(ctx.data.scope, filter);
  const programmes =
    user.role === "SCHOOL_ADMIN" && term.id === current?.id ? await feeWaiverProgrammes(term.id) : [];
  return ok({ terms, term, review: query.review ?? null, lists, programmes });
}

/** One list in the caller's scope with its entries, its history and what the caller may do with it. */
export async function loadFeeWaiverList(user: SessionUser, listIdRaw: unknown) {
  const ctx = accessContext(user, "fee_waiver_list.view");
  if (!ctx.ok) return ctx;
  const listId = idSchema.safeParse(listIdRaw);
  if (!listId.success) return fail("NOT_FOUND", FEE_WAIVER_NOT_FOUND);
  const list = await findFeeWaiverList(ctx.data.scope, listId.data);
  if (!list) return fail("NOT_FOUND", FEE_WAIVER_NOT_FOUND);
  const [entries, history] = await Promise.all([feeWaiverEntries(list.id), feeWaiverHistory(list.id)]);
  return ok({ list, actor: actorOf(user, list), entries, history });
}

const buildSchema = z.object({ programmeId: idSchema });

/**
 * 资助名单录入: creates (or extends) the school's list of the current term for the programme with every
 * qualifying senior-high student (one INSERT … SELECT). A list under review or passed is refused untouched.
 */
export async function buildFeeWaiverList(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ listId: string; added: number }>> {
  const ctx = await schoolTermContext(user, "fee_waiver_list.edit");
  if (!ctx.ok) return ctx;
  const input = buildSchema.safeParse(raw);
  if (!input.success) return fail("INVALID", "请选择资助项目。", { programmeId: "请选择资助项目" });
  const { scope, term } = ctx.data;
  const programme = await db().aidProgramme.findFirst({
    where: {
      id: input.data.programmeId,
      stage: "SENIOR",
      kind: "FEE_WAIVER",
      terms: { some: { termId: term.id } },
    },
    select: { id: true },
  });
  if (!programme) return fail("NOT_FOUND", "未找到本学期的普通高中免学杂费项目。");
  const school = await db().school.findUniqueOrThrow({
    where: { id: scope.schoolId },
    select: { stages: true },
  });
  if (!school.stages.includes("SENIOR"))
    return fail("REFUSED", "本校没有普通高中学段，不能录入普高免学杂费名单。");
  const actor: ListActor = { role: "SCHOOL_ADMIN", relation: "OWN_SCHOOL" };
  return db().$transaction(async (tx) => {
    const key = { schoolId: scope.schoolId, termId: term.id, programmeId: programme.id };
    const listId = await ensureFeeWaiverList(tx, key);
    const row = await tx.feeWaiverList.findUniqueOrThrow({ where: { id: listId } });
    const from: FeeWaiverState = { schoolReview: row.schoolReview, supervisorReview: row.supervisorReview };
    const moved = transition(from, { kind: "BUILD" }, actor);
    if (!moved.ok) return fail("REFUSED", moved.reason);
    const added = await buildFeeWaiverEntries(tx, { listId, ...key });
    await saveFeeWaiverState(tx, listId, moved.state);
    await addFeeWaiverHistory(tx, {
      listId,
      actorId: user.id,
      action: "BUILD",
      from,
      to: moved.state,
      comment: `新增${added}人`,
    });
    await audit(ctx.data, "fee_waiver_list.build", { type: "FeeWaiverList", id: listId }, { added }, { tx });
    return ok({ listId, added });
  });
}

export type FeeWaiverCommand =
  | { kind: "REMOVE_ENTRY"; entryId: string; comment?: string }
  | { kind: "SCHOOL_REVIEW"; pass: boolean; comment?: string }
  | { kind: "SUPERVISOR_REVIEW"; pass: boolean; comment?: string };

const ACCESS_FOR: Record<FeeWaiverCommand["kind"], Action> = {
  REMOVE_ENTRY: "fee_waiver_list.edit",
  SCHOOL_REVIEW: "fee_waiver_list.school_review",
  SUPERVISOR_REVIEW: "fee_waiver_list.supervise",
};

const comment = z.string().max(500, "意见不超过 500 字").optional();
const commandSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("REMOVE_ENTRY"), entryId: idSchema, comment }),
  z.object({ kind: z.literal("SCHOOL_REVIEW"), pass: z.boolean(), comment }),
  z.object({ kind: z.literal("SUPERVISOR_REVIEW"), pass: z.boolean(), comment }),
]);

/**
 * One change of a list: the access matrix, the caller's scope (another school's or another subtree's list is
 * NOT_FOUND), then the domain `transition` on the locked row, the entry removed, the history row and the audit
 * entry in one transaction. A refusal of the domain is REFUSED with its Chinese reason; nothing is written.
 */
export async function changeFeeWaiverList(
  user: SessionUser,
  listIdRaw: unknown,
  raw: unknown,
): Promise<ActionResult<{ state: FeeWaiverState }>> {
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success)
    return fail("INVALID", "操作内容有误，请刷新页面后重试；意见不超过 500 字。", {
      comment: "意见不超过 500 字",
    });
  const command = parsed.data;
  const ctx = accessContext(user, ACCESS_FOR[command.kind]);
  if (!ctx.ok) return ctx;
  const listId = idSchema.safeParse(listIdRaw);
  if (!listId.success) return fail("NOT_FOUND", FEE_WAIVER_NOT_FOUND);
  const { scope } = ctx.data;
  return db().$transaction(async (tx) => {
    await lockFeeWaiverList(tx, listId.data);
    const list = await findFeeWaiverList(scope, listId.data, tx);
    if (!list) return fail("NOT_FOUND", FEE_WAIVER_NOT_FOUND);
    const action: FeeWaiverAction =
      command.kind === "SCHOOL_REVIEW"
        ? { ...command, entries: await countFeeWaiverEntries(tx, list.id) }
        : command.kind === "REMOVE_ENTRY"
          ? { kind: "REMOVE_ENTRY" }
          : command;
    const moved = transition(list.state, action, actorOf(user, list));
    if (!moved.ok) return fail("REFUSED", moved.reason);
    if (command.kind !== "REMOVE_ENTRY" && command.pass) {
      // A list over the programme's quota or budget in the term is not passed (lib/domain/list-limits.ts).
      const { totals, limits } = await feeWaiverListFigures(tx, list.id);
      const overLimits = listLimitRefusal(command.kind, totals, limits);
      if (overLimits) return fail("REFUSED", overLimits);
    }
    const text = command.comment?.trim() || null;
    let historyComment = text;
    if (command.kind === "REMOVE_ENTRY") {
      const entry = await tx.feeWaiverEntry.findFirst({
        where: { id: command.entryId, listId: list.id },
        select: { student: { select: { person: { select: { name: true } } } } },
      });
      if (!entry || (await removeFeeWaiverEntry(tx, list.id, command.entryId)) === 0)
        return fail("NOT_FOUND", "该学生不在此名单中，请刷新页面。");
      historyComment = `移出 ${entry.student.person.name}${text ? `：${text}` : ""}`;
    }
    await saveFeeWaiverState(tx, list.id, moved.state);
    await addFeeWaiverHistory(tx, {
      listId: list.id,
      actorId: user.id,
      action: command.kind,
      from: list.state,
      to: moved.state,
      comment: historyComment,
    });
    await audit(
      { ...ctx.data, schoolId: list.schoolId },
      command.kind === "REMOVE_ENTRY" ? "fee_waiver_list.remove_entry" : "fee_waiver_list.review",
      { type: "FeeWaiverList", id: list.id },
      {
        action: FEE_WAIVER_ACTION_LABELS[command.kind],
        ...("pass" in command ? { pass: command.pass } : {}),
      },
      { tx },
    );
    await notifyFeeWaiverListChange(tx, command, list, text);
    return ok({ state: moved.state });
  });
}
