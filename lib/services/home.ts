/**
 * The two home pages: the staff console's (the teacher's classes, or the schools in the caller's scope, with
 * this term's application counts) and the applicant portal's (the caller's own children or enrolment, with
 * each school's dates of the current term).
 */
import "server-only";
import { scopeOf } from "@/lib/auth/scope";
import { listApplicantChildren, listClassSummaries, listSchoolSummaries } from "@/lib/db/home.repo";
import { findCurrentTerm, termDatesForSchool } from "@/lib/db/terms.repo";
import type { SessionUser } from "@/lib/domain/session-user";
import type { TermDates } from "@/lib/domain/term-window";

/** The console home of a signed-in staff member (the page has checked the role): term and summaries. */
export async function loadConsoleHome(user: SessionUser) {
  const scope = scopeOf(user);
  const term = await findCurrentTerm();
  const termId = term?.id ?? null;
  if (scope.role === "TEACHER")
    return { term, scope, classes: await listClassSummaries(scope, termId), schools: [] };
  if (scope.role === "STUDENT" || scope.role === "PARENT") return { term, scope, classes: [], schools: [] };
  return { term, scope, classes: [], schools: await listSchoolSummaries(scope, termId) };
}

/** The portal home of a student or parent: their children (or own enrolment) and each school's term dates. */
export async function loadApplicantHome(user: SessionUser) {
  const term = await findCurrentTerm();
  const children = await listApplicantChildren(scopeOf(user), term?.id ?? null);
  // Each child's school may have its own dates (an extended window).
  const datesBySchool = new Map<string, TermDates>();
  if (term)
    for (const schoolId of new Set(children.map((child) => child.schoolId)))
      datesBySchool.set(schoolId, await termDatesForSchool(term, schoolId));
  const first = children[0];
  const dates = term && first ? datesBySchool.get(first.schoolId)! : term;
  return { term, children, dates, datesBySchool };
}
