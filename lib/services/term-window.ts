/**
 * The school's application window (SPEC §3): the aid office may extend its own
 * school's window for the current term; the applicants' countdown and the
 * window check follow at once (lib/db/terms.repo.ts termDatesForSchool).
 */
import "server-only";
import { decide } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import { writeAudit } from "@/lib/db/audit.repo";
import { findCurrentTerm, setSchoolApplyEnd, termDatesForSchool } from "@/lib/db/terms.repo";
import { extensionProblem, type TermDates } from "@/lib/domain/term-window";
import { beijingEndOfDay, formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { extendWindowSchema } from "@/lib/schemas/term-window";
import { fail, ok, type ActionResult } from "./result";

async function context(user: SessionUser) {
  const d = decide(user, "term.extend_window");
  if (!d.ok) return fail(d.message);
  if (!("schoolId" in d.scope) || !d.scope.schoolId) return fail("此功能仅供学校使用。");
  const term = await findCurrentTerm();
  if (!term) return fail("当前没有资助学期。");
  return ok({ schoolId: d.scope.schoolId, term, dates: await termDatesForSchool(term, d.scope.schoolId) });
}

export type WindowPage = { termName: string; termDates: TermDates; dates: TermDates; extended: boolean };

export async function loadWindow(user: SessionUser): Promise<ActionResult<WindowPage>> {
  const c = await context(user);
  if (!c.ok) return c;
  const { term, dates } = c.data;
  return ok({
    termName: term.name,
    termDates: term,
    dates,
    extended: dates.applyEnd.getTime() !== term.applyEnd.getTime(),
  });
}

/** Extends the school's window to the end (23:59 Beijing time) of the chosen day, with a reason; audited. */
export async function extendApplicationWindow(
  user: SessionUser,
  raw: unknown,
  now = new Date(),
): Promise<ActionResult<{ applyEnd: Date }>> {
  const c = await context(user);
  if (!c.ok) return c;
  const p = extendWindowSchema.safeParse(raw);
  if (!p.success) {
    const issue = p.error.issues[0]!;
    return fail(issue.message, { [String(issue.path[0] ?? "applyEnd")]: issue.message });
  }
  const newEnd = beijingEndOfDay(p.data.applyEnd);
  if (Number.isNaN(newEnd.getTime()) || formatBeijingDate(newEnd) !== p.data.applyEnd)
    return fail("日期不存在，请重新选择。", { applyEnd: "日期不存在" });
  const problem = extensionProblem(c.data.dates, newEnd, now);
  if (problem) return fail(problem, { applyEnd: problem });
  await setSchoolApplyEnd(c.data.schoolId, c.data.term.id, newEnd);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.schoolId,
    action: "term.extend_window",
    targetType: "AidTerm",
    targetId: c.data.term.id,
    detail: {
      from: formatBeijingDateTime(c.data.dates.applyEnd),
      to: formatBeijingDateTime(newEnd),
      reason: p.data.reason,
    },
  });
  return ok({ applyEnd: newEnd });
}
