/**
 * 中职 monthly lists under supervision (lib/domain/vocational-roster.ts): building a month's list from the term's
 * determinations, and every change of its state through the one domain `transition`, inside one transaction with
 * its history row and audit entry. Access: "vocational_list.edit" (school aid officer), ".school_review" (school
 * leader), ".supervise" (supervisors; the domain lets only the school's own region act).
 */
import "server-only";
import { notifyMonthlyListChange } from "./notifications/staff-events";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import type { Action } from "@/lib/auth/access";
import { db } from "@/lib/db/client";
import {
  addHistory,
  buildEntries,
  countAttachments,
  ensureList,
  fillActualAmounts,
  findList,
  lockList,
  payUnpaidEntries,
  reversePaidEntries,
  saveState,
  stateOf,
} from "@/lib/db/vocational-list.repo";
import { alreadyAidedElsewhere, monthlyListFigures } from "@/lib/db/list-limits.repo";
import { duplicateAidRefusal, listLimitRefusal, type LimitStep } from "@/lib/domain/list-limits";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { formatBeijingDate } from "@/lib/domain/time";
import {
  LIST_ACTION_LABELS,
  listMonthStart,
  transition,
  type ListActor,
  type ListAction,
  type MonthlyListState,
} from "@/lib/domain/vocational-roster";
import { idSchema } from "@/lib/schemas/id";
import { audit } from "./audit";
import { accessContext, schoolTermContext } from "./context";
import { schoolCalendar } from "./publicity";

export const LIST_NOT_FOUND = "未找到该月度资助名单，或您无权查看。";

const buildSchema = z.object({
  programmeId: idSchema,
  month: z.coerce.number().int().min(1, "月份应为 1–12").max(12, "月份应为 1–12"),
});

/**
 * 资助名单录入: creates (or extends) the school's list of `programmeId` for `month` in the current term with every
 * qualifying, not overdue 中职 student (one INSERT … SELECT), and flags the overdue students already on it.
 */
export async function buildMonthlyList(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ rosterId: string; added: number; flagged: number }>> {
  const ctx = await schoolTermContext(user, "vocational_list.edit");
  if (!ctx.ok) return ctx;
  const input = buildSchema.safeParse(raw);
  if (!input.success)
    return fail("INVALID", "请选择资助项目并填写 1–12 的月份。", { month: "月份应为 1–12 的整数" });
  const { programmeId, month } = input.data;
  const { scope, term } = ctx.data;
  const programme = await db().aidProgramme.findFirst({
    where: {
      id: programmeId,
      stage: "VOCATIONAL",
      kind: { in: ["SUBSIDY", "FEE_WAIVER"] },
      terms: { some: { termId: term.id } },
    },
    select: { id: true, name: true, period: true },
  });
  if (!programme) return fail("NOT_FOUND", "未找到本学期的中职国家助学金或免学费项目。");
  if (programme.period !== "MONTHLY")
    return fail(
      "REFUSED",
      `“${programme.name}”按学期发放，不能生成月度名单；请在“资助名单”页面按学期生成名单。`,
      { programmeId: "该项目不是按月发放的项目" },
    );
  const academic = await db().aidTerm.findUniqueOrThrow({
    where: { id: term.id },
    select: { academicYear: true },
  });
  const monthStart = listMonthStart(academic.academicYear, month);
  if (!monthStart) return fail("INVALID", "本学期的学年格式有误，无法确定名单月份。");
  const schoolId = scope.schoolId;
  const actor: ListActor = { role: "SCHOOL_ADMIN", relation: "OWN_SCHOOL" };
  return db().$transaction(async (tx) => {
    // Over quota or budget once built (lib/domain/list-limits.ts): everything below is undone.
    await tx.$executeRaw`SAVEPOINT before_build`;
    const rosterId = await ensureList(tx, { termId: term.id, programmeId, schoolId, month });
    const row = await tx.vocationalList.findUniqueOrThrow({ where: { rosterId } });
    const from = stateOf(row);
    const moved = transition(from, { kind: "EDIT" }, actor, { month, programmeKind: "SUBSIDY" });
    if (!moved.ok) return fail("REFUSED", moved.reason);
    const counts = await buildEntries(tx, { rosterId, termId: term.id, programmeId, schoolId, monthStart });
    const figures = await monthlyListFigures(tx, rosterId);
    const overLimit = listLimitRefusal("BUILD", figures.totals, figures.limits);
    if (overLimit) {
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT before_build`;
      return fail("REFUSED", overLimit);
    }
    await saveState(tx, rosterId, moved.state);
    await addHistory(tx, {
      rosterId,
      actorId: user.id,
      action: "BUILD",
      from,
      to: moved.state,
      comment: `新增${counts.added}人，标记逾期${counts.flagged}人`,
    });
    await audit(
      ctx.data,
      "vocational_list.build",
      { type: "Roster", id: rosterId },
      { month, ...counts },
      { tx },
    );
    return ok({ rosterId, ...counts });
  });
}

/** The money check a command is subject to (lib/domain/list-limits.ts), if any. */
function limitStepOf(command: ListCommand): LimitStep | null {
  if (command.kind === "SCHOOL_REVIEW" || command.kind === "SUPERVISOR_REVIEW")
    return command.pass ? command.kind : null;
  return command.kind === "RECORD_PAYMENT" ? "RECORD_PAYMENT" : null;
}

/** The input of a transition as the pages will send it (the date, calendar and attachment count come from here). */
export type ListCommand =
  | { kind: "SCHOOL_REVIEW"; pass: boolean; comment?: string }
  | { kind: "SUPERVISOR_REVIEW"; pass: boolean; comment?: string }
  | { kind: "PUBLICISE" }
  | { kind: "CONFIRM"; comment?: string }
  | { kind: "REFUSE_PUBLICITY"; comment: string }
  | { kind: "RECORD_PAYMENT" }
  | { kind: "REQUEST_WITHDRAWAL"; comment: string }
  | { kind: "DECIDE_WITHDRAWAL"; grant: boolean; comment?: string };

const ACCESS_FOR: Record<ListCommand["kind"], Action> = {
  SCHOOL_REVIEW: "vocational_list.school_review",
  SUPERVISOR_REVIEW: "vocational_list.supervise",
  PUBLICISE: "vocational_list.edit",
  CONFIRM: "vocational_list.supervise",
  REFUSE_PUBLICITY: "vocational_list.supervise",
  RECORD_PAYMENT: "vocational_list.edit",
  REQUEST_WITHDRAWAL: "vocational_list.edit",
  DECIDE_WITHDRAWAL: "vocational_list.supervise",
};

const commandSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("SCHOOL_REVIEW"), pass: z.boolean(), comment: z.string().max(500).optional() }),
  z.object({
    kind: z.literal("SUPERVISOR_REVIEW"),
    pass: z.boolean(),
    comment: z.string().max(500).optional(),
  }),
  z.object({ kind: z.literal("PUBLICISE") }),
  z.object({ kind: z.literal("CONFIRM"), comment: z.string().max(500).optional() }),
  z.object({ kind: z.literal("REFUSE_PUBLICITY"), comment: z.string().max(500) }),
  z.object({ kind: z.literal("RECORD_PAYMENT") }),
  z.object({ kind: z.literal("REQUEST_WITHDRAWAL"), comment: z.string().max(500) }),
  z.object({
    kind: z.literal("DECIDE_WITHDRAWAL"),
    grant: z.boolean(),
    comment: z.string().max(500).optional(),
  }),
]);

/**
 * One state change of a list: the access matrix, the caller's scope (another school's or another subtree's list
 * is NOT_FOUND), then the domain `transition` on the locked row, its effects, the history row and the audit entry
 * in one transaction. A refusal of the domain is REFUSED with its Chinese reason; nothing is written.
 */
export async function changeMonthlyList(
  user: SessionUser,
  rosterIdRaw: unknown,
  raw: unknown,
  now: Date = new Date(),
): Promise<ActionResult<{ state: MonthlyListState }>> {
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "操作内容有误，请刷新页面后重试；意见不超过 500 字。");
  const command = parsed.data;
  const ctx = accessContext(user, ACCESS_FOR[command.kind]);
  if (!ctx.ok) return ctx;
  const rosterId = idSchema.safeParse(rosterIdRaw);
  if (!rosterId.success) return fail("NOT_FOUND", LIST_NOT_FOUND);
  const { scope } = ctx.data;
  const calendar = command.kind === "PUBLICISE" && "schoolId" in scope ? await schoolCalendar(scope) : null;

  return db().$transaction(async (tx) => {
    await lockList(tx, rosterId.data);
    const list = await findList(scope, rosterId.data, tx);
    if (!list || list.programmeKind === "LOAN") return fail("NOT_FOUND", LIST_NOT_FOUND);
    const actor: ListActor =
      scope.role === "SUPERVISOR"
        ? { role: "SUPERVISOR", relation: list.schoolRegionId === user.regionId ? "DIRECT" : "ABOVE" }
        : scope.role === "SCHOOL_ADMIN" || scope.role === "SCHOOL_LEADER"
          ? { role: scope.role, relation: "OWN_SCHOOL" }
          : { role: "TEACHER", relation: "OTHER" };
    const action: ListAction =
      command.kind === "PUBLICISE"
        ? {
            kind: "PUBLICISE",
            attachments: await countAttachments(tx, list.rosterId),
            today: formatBeijingDate(now),
            calendar: calendar!,
          }
        : command.kind === "RECORD_PAYMENT"
          ? { kind: "RECORD_PAYMENT", at: now }
          : command;
    const moved = transition(list.state, action, actor, {
      month: list.month,
      programmeKind: list.programmeKind,
    });
    if (!moved.ok) return fail("REFUSED", moved.reason);
    const limitStep = limitStepOf(command);
    if (limitStep) {
      const figures = await monthlyListFigures(tx, list.rosterId);
      const overLimit = listLimitRefusal(limitStep, figures.totals, figures.limits);
      if (overLimit) return fail("REFUSED", overLimit);
    }
    if (command.kind === "RECORD_PAYMENT") {
      const twice = duplicateAidRefusal(await alreadyAidedElsewhere(tx, list.rosterId));
      if (twice) return fail("REFUSED", twice);
    }
    const comment = "comment" in command && command.comment?.trim() ? command.comment.trim() : null;
    let detail: Record<string, number | string> = {};
    if (moved.effects.fillActualAmounts) detail.filled = await fillActualAmounts(tx, list.rosterId);
    if (moved.effects.zeroPaidAmounts)
      detail.reversed = await reversePaidEntries(tx, list.rosterId, user.id, comment ?? "同意公示退回");
    if (command.kind === "RECORD_PAYMENT")
      detail.paid = await payUnpaidEntries(tx, list.rosterId, user.id, now);
    await saveState(tx, list.rosterId, moved.state);
    await addHistory(tx, {
      rosterId: list.rosterId,
      actorId: user.id,
      action: command.kind,
      from: list.state,
      to: moved.state,
      comment,
    });
    detail = { action: LIST_ACTION_LABELS[command.kind], ...detail };
    await audit(
      { ...ctx.data, schoolId: list.schoolId },
      "vocational_list.transition",
      { type: "Roster", id: list.rosterId },
      detail,
      { tx },
    );
    await notifyMonthlyListChange(tx, command, list, comment);
    return ok({ state: moved.state });
  });
}
