/**
 * The school's application window (lib/domain/term-window.ts): the aid office may extend its own
 * school's window for the current term; the applicants' countdown and the
 * window check follow at once (lib/db/terms.repo.ts termDatesForSchool).
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { setSchoolApplyEnd, termDatesForSchool } from "@/lib/db/terms.repo";
import { extensionProblem, type TermDates } from "@/lib/domain/term-window";
import { beijingEndOfDay, formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { extendWindowSchema } from "@/lib/schemas/term-window";
import { invalidInput } from "@/lib/forms/field-errors";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { audit } from "./audit";
import { schoolTermContext } from "./context";

/** The school's context for the window, with the current term and the school's own dates in it. */
async function windowContext(user: SessionUser) {
  const ctx = await schoolTermContext(user, "term.extend_window");
  if (!ctx.ok) return ctx;
  return ok({ ...ctx.data, dates: await termDatesForSchool(ctx.data.term, ctx.data.schoolId) });
}

export type WindowPage = { termName: string; termDates: TermDates; dates: TermDates; extended: boolean };

export async function loadWindow(user: SessionUser): Promise<ActionResult<WindowPage>> {
  const ctx = await windowContext(user);
  if (!ctx.ok) return ctx;
  const { term, dates } = ctx.data;
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
  const ctx = await windowContext(user);
  if (!ctx.ok) return ctx;
  const input = extendWindowSchema.safeParse(raw);
  if (!input.success) return invalidInput(input.error);
  const newEnd = beijingEndOfDay(input.data.applyEnd);
  if (Number.isNaN(newEnd.getTime()) || formatBeijingDate(newEnd) !== input.data.applyEnd)
    return fail("INVALID", "日期不存在，请重新选择。", { applyEnd: "日期不存在" });
  const problem = extensionProblem(ctx.data.dates, newEnd, now);
  if (problem) return fail("REFUSED", problem, { applyEnd: problem });
  await setSchoolApplyEnd(ctx.data.schoolId, ctx.data.term.id, newEnd);
  await audit(
    ctx.data,
    "term.extend_window",
    { type: "AidTerm", id: ctx.data.term.id },
    {
      from: formatBeijingDateTime(ctx.data.dates.applyEnd),
      to: formatBeijingDateTime(newEnd),
      reason: input.data.reason,
    },
  );
  return ok({ applyEnd: newEnd });
}
