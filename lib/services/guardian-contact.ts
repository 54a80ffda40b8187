/**
 * The class teacher phones the families who have not applied (no application, a draft, or one
 * returned for correction). The list shows masked mobiles only; the full number of one guardian is
 * decrypted on the teacher's request, written to the audit log, and never part of a page's HTML.
 */
import "server-only";
import type { SessionUser } from "@/lib/domain/session-user";
import { reveal } from "@/lib/crypto/keys";
import { findGuardianPhone, listCallList, type CallListRow } from "@/lib/db/guardian-contact.repo";
import { listMyClasses, type TeacherClass } from "@/lib/db/teacher.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { idSchema } from "@/lib/schemas/teacher";
import { guardianPhoneRevealLimits, limitAttempt } from "@/lib/security/rate-limit";
import { audit } from "./audit";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { teacherContext } from "./context";

export const GUARDIAN_NOT_FOUND =
  "未找到该监护人，或该学生不在您负责的班级，或该学生本学期已提交申请、不在待联系名单中。";

export type CallListPage = {
  classes: TeacherClass[];
  klass: TeacherClass | null;
  termOpen: boolean;
  rows: CallListRow[];
};

export async function loadCallList(
  user: SessionUser,
  classId: string | undefined,
): Promise<ActionResult<CallListPage>> {
  const ctx = teacherContext(user, "guardian.call_list");
  if (!ctx.ok) return ctx;
  const classes = await listMyClasses(ctx.data.scope);
  const klass = classId ? (classes.find((c) => c.id === classId) ?? null) : (classes[0] ?? null);
  if (classId && !klass) return fail("NOT_FOUND", "未找到该班级，或该班级不由您负责。");
  const term = await findCurrentTerm();
  const rows = klass && term ? await listCallList(ctx.data.scope, klass.id, term.id) : [];
  return ok({ classes, klass, termOpen: !!term, rows });
}

/**
 * One guardian's full mobile for the class teacher, audited as "guardian.phone_viewed": only for a
 * student on this term's call list, and at most RATE_LIMITS.guardianPhoneRevealAccount per hour.
 */
export async function revealGuardianPhone(
  user: SessionUser,
  guardianId: string,
  ip: string | null = null,
): Promise<ActionResult<{ phone: string }>> {
  const ctx = teacherContext(user, "guardian.reveal_phone");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(guardianId).success) return fail("NOT_FOUND", GUARDIAN_NOT_FOUND);
  const gate = await limitAttempt(guardianPhoneRevealLimits(user.id));
  if (!gate.ok) return fail("LIMIT", gate.message);
  const term = await findCurrentTerm();
  const found = term ? await findGuardianPhone(ctx.data.scope, guardianId, term.id) : null;
  if (!found) return fail("NOT_FOUND", GUARDIAN_NOT_FOUND);
  const phone = reveal(found.phoneCipher);
  await audit(
    { user, schoolId: found.student.schoolId },
    "guardian.phone_viewed",
    { type: "Guardian", id: found.id },
    { studentId: found.studentId },
    { ip },
  );
  return ok({ phone });
}
