/**
 * Class roster and enrolment-data corrections (SPEC §2, §5): the teacher sees
 * the students of their classes with masked guardians, corrects guardian data
 * (validated), and fixes enrolment errors reported by applicants or passes
 * them to the school admin, who closes them saying what was done.
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { fieldErrorsOf, invalidInput } from "@/lib/forms/field-errors";
import { writeAudit } from "@/lib/db/audit.repo";
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
import { fail, ok, type ActionResult } from "./result";
import { guard } from "./teacher-verification";

export const ROSTER_PAGE_SIZE = 30;
const STUDENT_NOT_FOUND = "未找到该学生，或该学生不在您负责的班级。";
const ISSUE_NOT_FOUND = "未找到该纠错申请，或它已处理完毕。";

export async function loadRoster(user: SessionUser, classId: string | undefined, page: number) {
  const g = guard(user, "teacher.roster.view");
  if (!g.ok) return g;
  const classes = await listMyClasses(g.data.scope);
  const klass: TeacherClass | null = classId
    ? (classes.find((c) => c.id === classId) ?? null)
    : (classes[0] ?? null);
  if (classId && !klass) return fail("未找到该班级，或该班级不由您负责。");
  const p = Number.isInteger(page) && page > 0 ? page : 1;
  const list = klass ? await listRoster(g.data.scope, klass.id, p, ROSTER_PAGE_SIZE) : { total: 0, rows: [] };
  const issues = await listEnrolmentIssues(g.data.scope, { take: 50 });
  return ok({ classes, klass, page: p, pageSize: ROSTER_PAGE_SIZE, ...list, issues });
}

export async function loadRosterStudent(user: SessionUser, studentId: string) {
  const g = guard(user, "teacher.roster.view");
  if (!g.ok) return g;
  if (!idSchema.safeParse(studentId).success) return fail(STUDENT_NOT_FOUND);
  const s = await findRosterStudent(g.data.scope, studentId);
  return s ? ok(s) : fail(STUDENT_NOT_FOUND);
}

export async function correctGuardian(
  user: SessionUser,
  guardianId: string,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const g = guard(user, "guardian.correct");
  if (!g.ok) return g;
  if (!idSchema.safeParse(guardianId).success) return fail(STUDENT_NOT_FOUND);
  const parsed = guardianSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改标红的内容。", fieldErrorsOf(parsed.error));
  const gate = await limitAttempt(guardianCorrectionLimits(user.id));
  if (!gate.ok) return fail(gate.message);
  const done = await updateGuardian(g.data.scope, guardianId, parsed.data);
  if (!done) return fail(STUDENT_NOT_FOUND);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: done.schoolId,
    action: "guardian.correct",
    targetType: "Guardian",
    targetId: guardianId,
    detail: {
      studentId: done.studentId,
      idNumberChanged: parsed.data.idNumber !== null,
      mobileChanged: done.mobileChanged,
      ...(done.mobileChanged ? { mobileFrom: done.previousPhoneMasked, mobileTo: done.phoneMasked } : {}),
    },
  });
  return ok(undefined);
}

/** Teacher: "fixed" (with what was done) or "escalate" to the school admin. */
export async function handleEnrolmentIssue(
  user: SessionUser,
  issueId: string,
  how: "fixed" | "escalate",
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const g = guard(user, "enrolment_issue.handle");
  if (!g.ok) return g;
  if (!idSchema.safeParse(issueId).success) return fail(ISSUE_NOT_FOUND);
  const issue = await findEnrolmentIssue(g.data.scope, issueId);
  if (!issue || issue.state !== "OPEN") return fail(ISSUE_NOT_FOUND);
  if (issue.escalated) return fail("该问题已转交学校资助管理员处理。");
  let done: boolean;
  if (how === "fixed") {
    const parsed = resolutionSchema.safeParse(raw);
    if (!parsed.success) return invalidInput(parsed.error);
    done = await updateOpenIssue(
      g.data.scope,
      issueId,
      { state: "DONE", resolution: parsed.data.resolution, handledById: user.id, resolvedAt: new Date() },
      { escalated: false },
    );
  } else {
    done = await updateOpenIssue(g.data.scope, issueId, { escalated: true }, { escalated: false });
  }
  if (!done) return fail(ISSUE_NOT_FOUND);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: issue.student.schoolId,
    action: how === "fixed" ? "enrolment_issue.fix" : "enrolment_issue.escalate",
    targetType: "EnrolmentIssue",
    targetId: issueId,
  });
  return ok(undefined);
}

export async function loadEscalatedIssues(user: SessionUser) {
  const g = guard(user, "enrolment_issue.resolve");
  if (!g.ok) return g;
  return ok(await listEnrolmentIssues(g.data.scope, { escalatedOnly: true }));
}

/** School admin: closes an escalated issue saying what was done. */
export async function resolveEnrolmentIssue(
  user: SessionUser,
  issueId: string,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const g = guard(user, "enrolment_issue.resolve");
  if (!g.ok) return g;
  if (!idSchema.safeParse(issueId).success) return fail(ISSUE_NOT_FOUND);
  const parsed = resolutionSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const issue = await findEnrolmentIssue(g.data.scope, issueId);
  const done = issue
    ? await updateOpenIssue(
        g.data.scope,
        issueId,
        { state: "DONE", resolution: parsed.data.resolution, handledById: user.id, resolvedAt: new Date() },
        { escalated: true },
      )
    : false;
  if (!done || !issue) return fail(ISSUE_NOT_FOUND);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: issue.student.schoolId,
    action: "enrolment_issue.resolve",
    targetType: "EnrolmentIssue",
    targetId: issueId,
    detail: { resolution: parsed.data.resolution },
  });
  return ok(undefined);
}
