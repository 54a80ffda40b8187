/**
 * 资助名单录入 by hand on a 中职 monthly list (lib/domain/vocational-roster.ts): remove a student, add one by
 * 学籍号, change a student's actual amount. Each edit is the domain's EDIT transition (refused once the list is
 * published or passed by the school and awaiting or passed by the supervisor; it sets both reviews back to
 * 待审核), done under the list's lock with its history row and audit entry. Access: "vocational_list.edit".
 */
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db/client";
import { addHistory, findList, lockList, saveState, type ListRow } from "@/lib/db/vocational-list.repo";
import { fenToYuan, yuanToFen } from "@/lib/domain/household";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { overdueFrom } from "@/lib/domain/vocational-overdue";
import { listMonthStart, transition } from "@/lib/domain/vocational-roster";
import { idSchema } from "@/lib/schemas/id";
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

const addSchema = z.object({
  studentNo: z.string().trim().min(1, "请填写学籍号").max(30, "学籍号不超过 30 位"),
  amount: z.string().trim().min(1, "请填写金额（元）"),
  note: z.string().trim().max(100, "备注不超过 100 字").optional(),
});

/** Adds an in-school 中职 student of the school, not overdue in the list's month, with a standard amount. */
export async function addListEntry(
  user: SessionUser,
  rosterId: unknown,
  raw: unknown,
): Promise<ActionResult<{ comment: string }>> {
  const ctx = schoolContext(user, "vocational_list.edit");
  if (!ctx.ok) return ctx;
  const input = addSchema.safeParse(raw);
  if (!input.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of input.error.issues) fieldErrors[String(issue.path[0])] = issue.message;
    return fail("INVALID", Object.values(fieldErrors).join("；"), fieldErrors);
  }
  const amountFen = yuanToFen(input.data.amount);
  if (amountFen === null || amountFen <= 0)
    return fail("INVALID", "金额应为大于 0 的数字（元），最多两位小数。", {
      amount: "金额应为大于 0 的数字（元），最多两位小数",
    });
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
    await tx.rosterEntry.create({
      data: {
        rosterId: list.rosterId,
        studentId: student.id,
        amountFen,
        note: input.data.note || "手工添加",
      },
    });
    return ok({
      comment: `添加：${student.person.name}（${input.data.studentNo}），${fenToYuan(amountFen)}元`,
      detail: { added: input.data.studentNo, amountFen: String(amountFen) },
    });
  });
}

/**
 * Changes a student's actual amount (实际金额, what 资金发放 pays): between 0 and the standard amount. 免学费
 * lists take the standard amount on 公示通过 (the domain's rule), so their amounts are not changed by hand.
 */
export async function setListEntryAmount(
  user: SessionUser,
  rosterId: unknown,
  raw: unknown,
): Promise<ActionResult<{ comment: string }>> {
  const ctx = schoolContext(user, "vocational_list.edit");
  if (!ctx.ok) return ctx;
  const input = z.object({ entryId: idSchema, amount: z.string().trim() }).safeParse(raw);
  if (!input.success) return fail("NOT_FOUND", ENTRY_NOT_FOUND);
  const amountFen = yuanToFen(input.data.amount);
  if (amountFen === null)
    return fail("INVALID", "实际金额应为不小于 0 的数字（元），最多两位小数。", {
      amount: "实际金额应为不小于 0 的数字（元）",
    });
  return editList(ctx.data, rosterId, async (tx, list) => {
    if (list.programmeKind === "FEE_WAIVER")
      return fail("REFUSED", "免学费名单的实际金额在主管部门公示通过时按标准金额自动填写，不能手工修改。");
    const entry = await entryOf(tx, list.rosterId, input.data.entryId);
    if (!entry) return fail("NOT_FOUND", ENTRY_NOT_FOUND);
    if (amountFen > entry.amountFen)
      return fail("REFUSED", `实际金额不能高于标准金额 ${fenToYuan(entry.amountFen)} 元。`, {
        amount: `不能高于标准金额 ${fenToYuan(entry.amountFen)} 元`,
      });
    const before = entry.actualAmountFen ?? entry.amountFen;
    await tx.rosterEntry.update({ where: { id: entry.id }, data: { actualAmountFen: amountFen } });
    return ok({
      comment: `${entry.student.person.name}（${entry.student.studentNo}）实际金额：${fenToYuan(before)}元 → ${fenToYuan(amountFen)}元`,
      detail: { studentNo: entry.student.studentNo, from: String(before), to: String(amountFen) },
    });
  });
}
