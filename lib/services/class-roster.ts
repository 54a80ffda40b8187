/**
 * Class roster and enrolment-data corrections: the teacher sees
 * the students of their classes with masked guardians, corrects guardian data
 * (validated), and fixes enrolment errors reported by applicants or passes
 * them to the school admin, who closes them saying what was done.
 */
import "server-only";
import type { SessionUser } from "@/lib/domain/session-user";
import { fieldErrorsOf, invalidInput } from "@/lib/forms/field-errors";
import {
  findEnrolmentIssue,
  findClassRosterStudent as findRosterStudent,
  listEnrolmentIssues,
  listClassRoster as listRoster,
  updateGuardian,
  updateOpenIssue,
} from "@/lib/db/class-roster.repo";
import { listMyClasses, type TeacherClass } from "@/lib/db/teacher.repo";
import { guardianSchema, idSchema, resolutionSchema } from "@/lib/schemas/teacher";
import { guardianCorrectionLimits, limitAttempt } from "@/lib/security/rate-limit";
import { audit } from "./audit";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { teacherContext, schoolContext } from "./context";

export const ROSTER_PAGE_SIZE = 30;
const STUDENT_NOT_FOUND = "未找到该学生，或该学生不在您负责的班级。";
const ISSUE_NOT_FOUND = "未找到该纠错申请，或它已处理完毕。";

export async function loadRoster(user: SessionUser, classId: string | undefined, page: number) {
  const ctx = teacherContext(user, "teacher.roster.view");
  if (!ctx.ok) return ctx;
  const classes = await listMyClasses(ctx.data.scope);
  const klass: TeacherClass | null = classId
    ? (classes.find((c) => c.id === classId) ?? null)
    : (classes[0] ?? null);
  if (classId && !klass) return fail("NOT_FOUND", "未找到该班级，或该班级不由您负责。");
  const pageNumber = Number.isInteger(page) && page > 0 ? page : 1;
  const list = klass
    ? await listRoster(ctx.data.scope, klass.id, pageNumber, ROSTER_PAGE_SIZE)
    : { total: 0, rows: [] };
  const issues = await listEnrolmentIssues(ctx.data.scope, { take: 50 });
  return ok({ classes, klass, page: pageNumber, pageSize: ROSTER_PAGE_SIZE, ...list, issues });
}

export async function loadRosterStudent(user: SessionUser, studentId: string) {
  const ctx = teacherContext(user, "teacher.roster.view");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(studentId).success) return fail("NOT_FOUND", STUDENT_NOT_FOUND);
  const student = await findRosterStudent(ctx.data.scope, studentId);
  return student ? ok(student) : fail("NOT_FOUND", STUDENT_NOT_FOUND);
}

export async function correctGuardian(
  user: SessionUser,
  guardianId: string,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = teacherContext(user, "guardian.correct");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(guardianId).success) return fail("NOT_FOUND", STUDENT_NOT_FOUND);
  const parsed = guardianSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改标红的内容。", fieldErrorsOf(parsed.error));
  const gate = await limitAttempt(guardianCorrectionLimits(user.id));
  if (!gate.ok) return fail("LIMIT", gate.message);
  const done = await updateGuardian(ctx.data.scope, guardianId, parsed.data);
  if (!done) return fail("NOT_FOUND", STUDENT_NOT_FOUND);
  await audit(
    { user, schoolId: done.schoolId },
    "guardian.correct",
    { type: "Guardian", id: guardianId },
    {
      studentId: done.studentId,
      idNumberChanged: parsed.data.idNumber !== null,
      mobileChanged: done.mobileChanged,
      ...(done.mobileChanged ? { mobileFrom: done.previousPhoneMasked, mobileTo: done.phoneMasked } : {}),
    },
  );
  return ok(undefined);
}

/** Teacher: "fixed" (with what was done) or "escalate" to the school admin. */
export async function handleEnrolmentIssue(
  user: SessionUser,
  issueId: string,
  how: "fixed" | "escalate",
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = teacherContext(user, "enrolment_issue.handle");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(issueId).success) return fail("NOT_FOUND", ISSUE_NOT_FOUND);
  const issue = await findEnrolmentIssue(ctx.data.scope, issueId);
  if (!issue || issue.state !== "OPEN") return fail("NOT_FOUND", ISSUE_NOT_FOUND);
  if (issue.escalated) return fail("REFUSED", "该问题已转交学校资助管理员处理。");
  let done: boolean;
  if (how === "fixed") {
    const parsed = resolutionSchema.safeParse(raw);
    if (!parsed.success) return invalidInput(parsed.error);
    done = await updateOpenIssue(
      ctx.data.scope,
      issueId,
      { state: "DONE", resolution: parsed.data.resolution, handledById: user.id, resolvedAt: new Date() },
      { escalated: false },
    );
  } else {
    done = await updateOpenIssue(ctx.data.scope, issueId, { escalated: true }, { escalated: false });
  }
  if (!done) return fail("NOT_FOUND", ISSUE_NOT_FOUND);
  await audit(
    { user, schoolId: issue.student.schoolId },
    how === "fixed" ? "enrolment_issue.fix" : "enrolment_issue.escalate",
    { type: "EnrolmentIssue", id: issueId },
  );
  return ok(undefined);
}

export async function loadEscalatedIssues(user: SessionUser) {
  const ctx = schoolContext(user, "enrolment_issue.resolve");
  if (!ctx.ok) return ctx;
  return ok(await listEnrolmentIssues(ctx.data.scope, { escalatedOnly: true }));
}

/** School admin: closes an escalated issue saying what was done. */
export async function resolveEnrolmentIssue(
  user: SessionUser,
  issueId: string,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = schoolContext(user, "enrolment_issue.resolve");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(issueId).success) return fail("NOT_FOUND", ISSUE_NOT_FOUND);
  const parsed = resolutionSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const issue = await findEnrolmentIssue(ctx.data.scope, issueId);
  const done = issue
    ? await updateOpenIssue(
        ctx.data.scope,
        issueId,
        { state: "DONE", resolution: parsed.data.resolution, handledById: user.id, resolvedAt: new Date() },
        { escalated: true },
      )
    : false;
  if (!done || !issue) return fail("NOT_FOUND", ISSUE_NOT_FOUND);
  await audit(
    { user, schoolId: issue.student.schoolId },
    "enrolment_issue.resolve",
    { type: "EnrolmentIssue", id: issueId },
    { resolution: parsed.data.resolution },
  );
  return ok(undefined);
}
