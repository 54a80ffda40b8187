/**
 * The class teacher phones the families who have not applied (no application, a draft, or one
 * returned for correction). The list shows masked mobiles only; the full number of one guardian is
 * decrypted on the teacher's request, written to the audit log, and never part of a page's HTML.
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { reveal } from "@/lib/crypto/keys";
import { writeAudit } from "@/lib/db/audit.repo";
import { findGuardianPhone, listCallList, type CallListRow } from "@/lib/db/guardian-contact.repo";
import { listMyClasses, type TeacherClass } from "@/lib/db/teacher.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { idSchema } from "@/lib/schemas/teacher";
import { guardianPhoneRevealLimits, limitAttempt } from "@/lib/security/rate-limit";
import { fail, ok, type ActionResult } from "./result";
import { guard } from "./teacher-verification";

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
  const g = guard(user, "guardian.call_list");
  if (!g.ok) return g;
  const classes = await listMyClasses(g.data.scope);
  const klass = classId ? (classes.find((c) => c.id === classId) ?? null) : (classes[0] ?? null);
  if (classId && !klass) return fail("未找到该班级，或该班级不由您负责。");
  const term = await findCurrentTerm();
  const rows = klass && term ? await listCallList(g.data.scope, klass.id, term.id) : [];
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
  const g = guard(user, "guardian.reveal_phone");
  if (!g.ok) return g;
  if (!idSchema.safeParse(guardianId).success) return fail(GUARDIAN_NOT_FOUND);
  const gate = await limitAttempt(guardianPhoneRevealLimits(user.id));
  if (!gate.ok) return fail(gate.message);
  const term = await findCurrentTerm();
  const found = term ? await findGuardianPhone(g.data.scope, guardianId, term.id) : null;
  if (!found) return fail(GUARDIAN_NOT_FOUND);
  const phone = reveal(found.phoneCipher);
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: found.student.schoolId,
    ip,
    action: "guardian.phone_viewed",
    targetType: "Guardian",
    targetId: found.id,
    detail: { studentId: found.studentId },
  });
  return ok({ phone });
}
