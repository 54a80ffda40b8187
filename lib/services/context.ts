/**
 * THE way a service learns who acts and on what part of the data (docs/architecture.md, "How to write an
 * action"). Each context asks the access matrix (`decide`, lib/auth/access) whether the caller may perform the
 * action, then accepts the decision only when its scope rule is the one the context serves — never a list of
 * roles — so a role given the action later with the same rule works without touching the service:
 *
 *   schoolContext     rule "school" or "own-classes": the caller's school (a teacher's Scope keeps the classes)
 *   teacherContext    rule "own-classes": a class teacher's classes
 *   regionContext     rule "region": a supervisor's region and its subtree (regionPath prefix)
 *   applicantContext  rule "self" or "bound-child": the student the caller applies for, the term, its window
 *   accessContext     any rule: the caller and their Scope, for services that serve several rules
 *
 * Every context carries `user`, `scope` and the `schoolId` (or null) that audit entries are filed under
 * (lib/services/audit.ts). A refusal is a Failure with its code: FORBIDDEN, UNAUTHENTICATED or NOT_FOUND.
 */
import "server-only";
import { decide, type Action, type ScopeRule } from "@/lib/auth/access";
import type { Scope } from "@/lib/auth/scope";
import {
  findApplicantStudent,
  findApplicationOfPerson,
  type ApplicantStudent,
  type ApplicationView,
} from "@/lib/db/applications.repo";
import { findCurrentTerm, termDatesForSchool, type CurrentTerm } from "@/lib/db/terms.repo";
import { applicantRoleFor } from "@/lib/domain/applicant";
import { STAGE_LABELS } from "@/lib/domain/codes";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { applicationWindow, type TermDates, type WindowStatus } from "@/lib/domain/term-window";
import { personIdSchema } from "@/lib/schemas/application";

export type SchoolScope = Extract<Scope, { schoolId: string }>;
export type TeacherScope = Extract<Scope, { role: "TEACHER" }>;
export type RegionScope = Extract<Scope, { role: "SUPERVISOR" }>;

export type AccessContext = { user: SessionUser; scope: Scope; rule: ScopeRule; schoolId: string | null };
export type SchoolContext = {
  user: SessionUser;
  scope: SchoolScope;
  rule: "school" | "own-classes";
  schoolId: string;
};
export type TeacherContext = SchoolContext & { scope: TeacherScope; rule: "own-classes" };
export type SchoolTermContext = SchoolContext & { term: CurrentTerm };
export type RegionContext = {
  user: SessionUser;
  scope: RegionScope;
  rule: "region";
  /** Supervisors act above any one school: their audit entries carry no school. */
  schoolId: null;
  regionId: string;
  /** Materialised path of the region; its subtree is every region whose path starts with it. */
  regionPath: string;
};
export type ApplicantContext = {
  user: SessionUser;
  scope: Scope;
  rule: "self" | "bound-child";
  schoolId: string;
  student: ApplicantStudent;
  term: CurrentTerm;
  dates: TermDates;
  window: WindowStatus;
  application: ApplicationView | null;
};

export const SCHOOL_ONLY_MESSAGE = "此功能仅供学校使用。";
export const TEACHER_ONLY_MESSAGE = "此功能仅供班主任使用。";
export const REGION_ONLY_MESSAGE = "此功能仅供主管部门使用。";
export const APPLICANT_ONLY_MESSAGE = "只有学生本人或家长可以在这里申请。";
export const APPLICANT_NOT_FOUND_MESSAGE = "未找到该学生，或您无权为其申请。";
export const NO_TERM_MESSAGE = "当前没有资助学期。";

/** The caller may perform `action` (any scope rule): the caller, their Scope and the rule. */
export function accessContext(user: SessionUser | null, action: Action): ActionResult<AccessContext> {
  const decision = decide(user, action);
  if (!decision.ok) return fail(decision.code, decision.message);
  const schoolId = "schoolId" in decision.scope ? decision.scope.schoolId : null;
  return ok({ user: decision.user, scope: decision.scope, rule: decision.rule, schoolId });
}

/** A school's staff acting for their school (rule "school"), or a teacher within it (rule "own-classes"). */
export function schoolContext(user: SessionUser | null, action: Action): ActionResult<SchoolContext> {
  const decided = accessContext(user, action);
  if (!decided.ok) return decided;
  const { scope, rule } = decided.data;
  if ((rule !== "school" && rule !== "own-classes") || !("schoolId" in scope))
    return fail("FORBIDDEN", SCHOOL_ONLY_MESSAGE);
  return ok({ user: decided.data.user, scope, rule, schoolId: scope.schoolId });
}

/** A class teacher acting on the classes assigned to them (rule "own-classes"). */
export function teacherContext(user: SessionUser | null, action: Action): ActionResult<TeacherContext> {
  const decided = schoolContext(user, action);
  if (!decided.ok) return decided;
  const { scope, rule } = decided.data;
  if (rule !== "own-classes" || scope.role !== "TEACHER") return fail("FORBIDDEN", TEACHER_ONLY_MESSAGE);
  return ok({ ...decided.data, scope, rule });
}

/** `schoolContext` and the current aid term (REFUSED when there is none). */
export async function schoolTermContext(
  user: SessionUser | null,
  action: Action,
): Promise<ActionResult<SchoolTermContext>> {
  const decided = schoolContext(user, action);
  if (!decided.ok) return decided;
  const term = await findCurrentTerm();
  if (!term) return fail("REFUSED", NO_TERM_MESSAGE);
  return ok({ ...decided.data, term });
}

/** A supervisor acting on their region and every region below it (rule "region"). */
export function regionContext(user: SessionUser | null, action: Action): ActionResult<RegionContext> {
  const decided = accessContext(user, action);
  if (!decided.ok) return decided;
  const { scope, rule } = decided.data;
  if (rule !== "region" || scope.role !== "SUPERVISOR" || !decided.data.user.regionId)
    return fail("FORBIDDEN", REGION_ONLY_MESSAGE);
  return ok({
    user: decided.data.user,
    scope,
    rule,
    schoolId: null,
    regionId: decided.data.user.regionId,
    regionPath: scope.regionPath,
  });
}

/**
 * A student or parent acting for one student (rules "self" / "bound-child"): the student (NOT_FOUND when
 * outside the caller's scope), the current term, the school's application window and this term's application.
 */
export async function applicantContext(
  user: SessionUser | null,
  personId: string,
  action: Action = "application.apply",
  now = new Date(),
): Promise<ActionResult<ApplicantContext>> {
  const decided = accessContext(user, action);
  if (!decided.ok) return decided;
  const { scope, rule } = decided.data;
  const caller = decided.data.user;
  if (rule !== "self" && rule !== "bound-child") return fail("FORBIDDEN", APPLICANT_ONLY_MESSAGE);
  // The id comes from the address bar: anything malformed is simply "not found" (found by fuzzing: NUL crashed the query).
  if (!personIdSchema.safeParse(personId).success) return fail("NOT_FOUND", APPLICANT_NOT_FOUND_MESSAGE);
  const student = await findApplicantStudent(scope, personId);
  if (!student) return fail("NOT_FOUND", APPLICANT_NOT_FOUND_MESSAGE);
  if (applicantRoleFor(student.stage) !== caller.role) {
    return fail(
      "FORBIDDEN",
      caller.role === "PARENT"
        ? `${STAGE_LABELS[student.stage]}学生由本人登录申请，家长无需代为申请。`
        : `${STAGE_LABELS[student.stage]}阶段由家长（监护人）登录申请。`,
    );
  }
  const term = await findCurrentTerm();
  if (!term) return fail("REFUSED", "当前没有开放的资助学期。");
  const dates = await termDatesForSchool(term, student.schoolId);
  const application = await findApplicationOfPerson(scope, personId, term.id);
  return ok({
    user: caller,
    scope,
    rule,
    schoolId: student.schoolId,
    student,
    term,
    dates,
    window: applicationWindow(dates, now),
    application,
  });
}

/** Runs one operation in a context, or answers why the context could not be had. */
export async function withinContext<Ctx, Data>(
  context: ActionResult<Ctx> | Promise<ActionResult<Ctx>>,
  operation: (ctx: Ctx) => Promise<ActionResult<Data>> | ActionResult<Data>,
): Promise<ActionResult<Data>> {
  const settled = await context;
  return settled.ok ? operation(settled.data) : settled;
}
