/**
 * 资助名单录入 by hand on a 中职 monthly list (lib/domain/vocational-roster.ts): remove a student, add one by
 * 学籍号 (standard amount from the programme, `standardAmountFor`), change a student's actual amount — the one
 * way to change it: above the standard amount only with a recorded reason (lib/domain/list-limits.ts
 * `actualAmountRefusal`, the CHECK of migration 512). Each edit is the domain's EDIT transition (refused once the
 * list is published or passed by the school and awaiting or passed by the supervisor; it sets both reviews back
 * to 待审核), done under the list's lock with its history row and audit entry. Access: "vocational_list.edit".
 */
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db/client";
import {
  addHistory,
  findList,
  lockList,
  saveState,
  standardAmountFor,
  type ListRow,
} from "@/lib/db/vocational-list.repo";
import { fenToYuan } from "@/lib/domain/household";
import { actualAmountRefusal } from "@/lib/domain/list-limits";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { overdueFrom } from "@/lib/domain/vocational-overdue";
import { listMonthStart, transition } from "@/lib/domain/vocational-roster";
import { invalidInput } from "@/lib/forms/field-errors";
import { idSchema } from "@/lib/schemas/id";
import { yuanField } from "@/lib/schemas/money";
import { audit } from "./audit";
import { schoolContext, type SchoolContext } from "./context";
import { LIST_NOT_FOUND } from "./vocational-roster";

const ENTRY_NOT_FOUND = "名单中没有这名学生，请刷新页面。";

type Edit = (
  tx: Tx,
  list: ListRow,
) => Promise<ActionResult<{ comment: string; detail: Record<string, string> }>>;

/** Runs one edit of the caller's school's list as the domain's EDIT transition, with history and audit. */
async function editList(
  ctx: SchoolContext,
  rosterIdRaw: unknown,
  edit: Edit,
): Promise<ActionResult<{ comment: string }>> {
  const rosterId = idSchema.safeParse(rosterIdRaw);
  if (!rosterId.success) return fail("NOT_FOUND", LIST_NOT_FOUND);
  return db().$transaction(async (tx) => {
    await lockList(tx, rosterId.data);
    const list = await findList(ctx.scope, rosterId.data, tx);
    if (!list || list.programmeKind === "LOAN") return fail("NOT_FOUND", LIST_NOT_FOUND);
    const moved = transition(
      list.state,
      { kind: "EDIT" },
      // "vocational_list.edit" is the school aid officer's alone (lib/auth/access/supervisor.ts).
      { role: "SCHOOL_ADMIN", relation: "OWN_SCHOOL" },
      { month: list.month, programmeKind: list.programmeKind },
    );
    if (!moved.ok) return fail("REFUSED", moved.reason);
    const done = await edit(tx, list);
    if (!done.ok) return done;
    await saveState(tx, list.rosterId, moved.state);
    await addHistory(tx, {
      rosterId: list.rosterId,
      actorId: ctx.user.id,
      action: "EDIT",
      from: list.state,
      to: moved.state,
      comment: done.data.comment,
    });
    await audit(
      ctx,
      "vocational_list.entry_change",
      { type: "Roster", id: list.rosterId },
      done.data.detail,
      { tx },
    );
    return ok({ comment: done.data.comment });
  });
}

const entryOf = (tx: Tx, rosterId: string, entryId: string) =>
  tx.rosterEntry.findFirst({
    where: { id: entryId, rosterId },
    select: {
      id: true,
      amountFen: true,
      actualAmountFen: true,
      overStandardReason: true,
      paidAt: true,
      student: { select: { studentNo: true, person: { select: { name: true } } } },
    },
  });

/** Removes a student from the list (never a paid entry). */
export async function removeListEntry(
  user: SessionUser,
  rosterId: unknown,
  entryIdRaw: unknown,
): Promise<ActionResult<{ comment: string }>> {
  const ctx = schoolContext(user, "vocational_list.edit");
  if (!ctx.ok) return ctx;
  const entryId = idSchema.safeParse(entryIdRaw);
  if (!entryId.success) return fail("NOT_FOUND", ENTRY_NOT_FOUND);
  return editList(ctx.data, rosterId, async (tx, list) => {
    const entry = await entryOf(tx, list.rosterId, entryId.data);
    if (!entry) return fail("NOT_FOUND", ENTRY_NOT_FOUND);
    if (entry.paidAt) return fail("REFUSED", "该学生的资金已发放，不能移出名单。");
    await tx.rosterEntry.delete({ where: { id: entry.id } });
    return ok({
      comment: `移出：${entry.student.person.name}（${entry.student.studentNo}）`,
      detail: { removed: entry.student.studentNo },
    });
  });
}

const reasonField = z.string().trim().max(200, "超标准发放原因不能超过200个字").optional().default("");

/**
 * The refusal of `actualFen` on an entry of standard `standardFen` (field errors named "amount" / "reason"), or
 * null; `reason` is kept only above the standard.
 */
function actualRefusal(standardFen: number, actualFen: number, reason: string) {
  const refusal = actualAmountRefusal(standardFen, actualFen, reason || null);
  return refusal ? fail("INVALID", refusal.message, { [refusal.field]: refusal.message }) : null;
}

const amountText = (actualFen: number, standardFen: number, reason: string) =>
  `${fenToYuan(actualFen)}元` +
  (actualFen > standardFen ? `（超标准${fenToYuan(standardFen)}元，原因：${reason}）` : "");

const addSchema = z.object({
  studentNo: z.string().trim().min(1, "请填写学籍号").max(30, "学籍号不超过 30 位"),
  amount: yuanField("实发金额", "200").optional().default(null),
  reason: reasonField,
  note: z.string().trim().max(100, "备注不超过 100 字").optional(),
});

/**
 * Adds an in-school 中职 student of the school, not overdue in the list's month. The entry's standard amount is
 * the programme's in the term for the student (`standardAmountFor`, the rule of the list's build), never typed;
 * the typed amount, if any, is the actual amount (实发金额), above the standard only with a reason. A 免学费
 * list takes the standard amount on 公示通过, so nothing is typed there.
 */
export async function addListEntry(
  user: SessionUser,
  rosterId: unknown,
  raw: unknown,
): Promise<ActionResult<{ comment: string }>> {
  const ctx = schoolContext(user, "vocational_list.edit");
  if (!ctx.ok) return ctx;
  const input = addSchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const actualFen = input.data.amount;
  const reason = input.data.reason;
  return editList(ctx.data, rosterId, async (tx, list) => {
    const student = await tx.student.findFirst({
      where: {
        schoolId: list.schoolId,
        studentNo: input.data.studentNo,
        stage: "VOCATIONAL",
        status: "IN_SCHOOL",
      },
      select: { id: true, enrolledOn: true, programmeYears: true, person: { select: { name: true } } },
    });
    if (!student)
      return fail("INVALID", "本校没有该学籍号的中职在读学生。", {
        studentNo: "本校没有该学籍号的中职在读学生",
      });
    const roster = await tx.roster.findUniqueOrThrow({
      where: { id: list.rosterId },
      select: { term: { select: { academicYear: true } } },
    });
    const monthStart = listMonthStart(roster.term.academicYear, list.month);
    const overdue = overdueFrom(student.enrolledOn, student.programmeYears);
    if (monthStart && overdue <= monthStart.slice(0, 7))
      return fail("REFUSED", `该学生自 ${overdue} 起已逾期（超过学制年限），不能列入本月名单。`, {
        studentNo: "该学生已逾期，不能列入名单",
      });
    const exists = await tx.rosterEntry.findUnique({
      where: { rosterId_studentId: { rosterId: list.rosterId, studentId: student.id } },
      select: { id: true },
    });
    if (exists) return fail("CONFLICT", "该学生已在名单中。", { studentNo: "该学生已在名单中" });
    const standard = await standardAmountFor(tx, list.rosterId, student.id);
    if (standard.fen === null)
      return fail("REFUSED", "本学期该资助项目没有适用于该学生的资助标准，请主管部门先设置标准金额。", {
        studentNo: "没有适用于该学生的资助标准",
      });
    if (actualFen !== null && list.programmeKind === "FEE_WAIVER")
      return fail("INVALID", "免学费名单按标准金额发放，添加时不填写实发金额。", {
        amount: "免学费名单不填写实发金额",
      });
    if (actualFen !== null) {
      const refused = actualRefusal(standard.fen, actualFen, reason);
      if (refused) return refused;
    }
    await tx.rosterEntry.create({
      data: {
        rosterId: list.rosterId,
        studentId: student.id,
        level: standard.level as "SPECIAL" | "HARDSHIP" | "GENERAL" | "NONE" | null,
        amountFen: standard.fen,
        actualAmountFen: actualFen,
        overStandardReason: actualFen !== null && actualFen > standard.fen ? reason : null,
        note: input.data.note || "手工添加",
      },
    });
    return ok({
      comment:
        `添加：${student.person.name}（${input.data.studentNo}），标准${fenToYuan(standard.fen)}元` +
        (actualFen === null ? "" : `，实发${amountText(actualFen, standard.fen, reason)}`),
      detail: {
        added: input.data.studentNo,
        amountFen: String(standard.fen),
        ...(actualFen === null ? {} : { actualAmountFen: String(actualFen) }),
      },
    });
  });
}

const amountSchema = z.object({
  entryId: idSchema,
  amount: yuanField("实发金额", "200").refine((v) => v !== null, "请填写实发金额"),
  reason: reasonField,
});

/**
 * Changes a student's actual amount (实发金额, what 资金发放 pays): at least 0, above the standard amount only with
 * a reason (超标准发放原因), kept on the entry; never of a paid student. 免学费 lists take the standard amount on
 * 公示通过 (the domain's rule), so their amounts are not changed by hand.
 */
export async function setListEntryAmount(
  user: SessionUser,
  rosterId: unknown,
  raw: unknown,
): Promise<ActionResult<{ comment: string }>> {
  const ctx = schoolContext(user, "vocational_list.edit");
  if (!ctx.ok) return ctx;
  const input = amountSchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const actualFen = input.data.amount!;
  const reason = input.data.reason;
  return editList(ctx.data, rosterId, async (tx, list) => {
    if (list.programmeKind === "FEE_WAIVER")
      return fail("REFUSED", "免学费名单的实际金额在主管部门公示通过时按标准金额自动填写，不能手工修改。");
    const entry = await entryOf(tx, list.rosterId, input.data.entryId);
    if (!entry) return fail("NOT_FOUND", ENTRY_NOT_FOUND);
    if (entry.paidAt) return fail("REFUSED", "该学生本月已发放，不能修改实发金额。");
    const refused = actualRefusal(entry.amountFen, actualFen, reason);
    if (refused) return refused;
    const overReason = actualFen > entry.amountFen ? reason : null;
    const before = entry.actualAmountFen ?? entry.amountFen;
    await tx.rosterEntry.update({
      where: { id: entry.id },
      data: { actualAmountFen: actualFen, overStandardReason: overReason },
    });
    return ok({
      comment:
        `${entry.student.person.name}（${entry.student.studentNo}）实际金额：${fenToYuan(before)}元 → ` +
        amountText(actualFen, entry.amountFen, reason),
      detail: {
        studentNo: entry.student.studentNo,
        from: String(before),
        to: String(actualFen),
        standard: String(entry.amountFen),
        ...(overReason ? { reason: overReason } : {}),
      },
    });
  });
}
