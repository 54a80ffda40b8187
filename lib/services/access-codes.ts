/**
 * The code a school hands out per student, printed on the 致学生家长的一封信
 * (lib/db/access-codes.repo.ts keeps only its keyed hash). The class teacher
 * or the school admin prints the class's letters — students without a code
 * get one, shown on that print only — and reissues one student's code (the
 * old code stops working). They also see who bound the child, and release a
 * guardian mobile registered by someone else so the real guardian can
 * register and bind. Everything is audited.
 */
import "server-only";
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { SessionUser } from "@/lib/domain/session-user";
import { accessCodeHash } from "@/lib/crypto/access-code";
import {
  findBindingView,
  findLetterStudent,
  insertMissingCodes,
  listClassLetterStudents,
  listLetterClasses,
  releaseGuardianMobile,
  replaceCode,
  replaceCodes,
  type LetterStudent,
} from "@/lib/db/access-codes.repo";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { accessCodeFrom, formatAccessCode } from "@/lib/domain/access-code";
import { applicantRoleFor } from "@/lib/domain/applicant";
import { idSchema } from "@/lib/schemas/id";
import { isPrintable, unprintableMessage } from "@/lib/schemas/text";
import { audit } from "./audit";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { schoolContext } from "./context";

export const newAccessCode = () => accessCodeFrom(randomInt);

/** One printed letter, with the code just issued (only its hash is kept, so it is never shown again). */
export type Letter = LetterStudent & { applicant: "PARENT" | "STUDENT"; code: string };

const CLASS_NOT_FOUND = "未找到该班级，或该班级不由您负责。";
const STUDENT_NOT_FOUND = "未找到该学生，或该学生不在您负责的范围。";

const letterOf = (student: LetterStudent, code: string): Letter => ({
  ...student,
  applicant: applicantRoleFor(student.stage),
  code: formatAccessCode(code),
});

export async function loadLetterClasses(user: SessionUser) {
  const ctx = schoolContext(user, "letters.print");
  if (!ctx.ok) return ctx;
  return ok(await listLetterClasses(ctx.data.scope));
}

/** The class's students with their code state, without issuing anything (the page before printing). */
export async function loadClassLetterState(user: SessionUser, classId: string) {
  const ctx = schoolContext(user, "letters.print");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(classId).success) return fail("NOT_FOUND", CLASS_NOT_FOUND);
  const students = await listClassLetterStudents(ctx.data.scope, classId);
  return students ? ok(students) : fail("NOT_FOUND", CLASS_NOT_FOUND);
}

/**
 * Prints the class's letters: students without a code get one now, and their
 * letters (with the code, shown on this print only) are returned. With
 * `reissueAll`, every student gets a new code and the old ones stop working.
 */
export async function printClassLetters(
  user: SessionUser,
  classId: string,
  opts: { reissueAll?: boolean } = {},
): Promise<ActionResult<Letter[]>> {
  const ctx = schoolContext(user, "letters.print");
  if (!ctx.ok) return ctx;
  if (opts.reissueAll) {
    const reissue = schoolContext(user, "access_code.reissue");
    if (!reissue.ok) return reissue;
  }
  if (!idSchema.safeParse(classId).success) return fail("NOT_FOUND", CLASS_NOT_FOUND);
  const students = await listClassLetterStudents(ctx.data.scope, classId);
  if (!students) return fail("NOT_FOUND", CLASS_NOT_FOUND);
  const codes = new Map<string, string>();
  if (opts.reissueAll) {
    for (const student of students) codes.set(student.studentId, newAccessCode());
    // All or nothing: a failure midway must not leave new codes that no printed letter shows.
    await replaceCodes(
      students.map((student) => ({
        studentId: student.studentId,
        codeHash: accessCodeHash(student.studentId, codes.get(student.studentId)!),
      })),
    );
  } else {
    const wanted = students.filter((s) => s.codeIssuedAt === null).map((s) => ({ s, code: newAccessCode() }));
    const stored = await insertMissingCodes(
      wanted.map(({ s, code }) => ({ studentId: s.studentId, codeHash: accessCodeHash(s.studentId, code) })),
    );
    for (const { s: student, code } of wanted)
      if (stored.has(student.studentId)) codes.set(student.studentId, code);
  }
  await audit(
    ctx.data,
    opts.reissueAll ? "access_code.reissue_class" : "access_code.print",
    { type: "SchoolClass", id: classId },
    { students: students.length, codesIssued: codes.size },
  );
  // Only the letters with a code issued now: the others' codes exist only as hashes (reissue to print them again).
  const now = new Date();
  return ok(
    students
      .filter((s) => codes.has(s.studentId))
      .map((s) => letterOf({ ...s, codeIssuedAt: now }, codes.get(s.studentId)!)),
  );
}

/** A new code for one student (the old one stops working), on a letter of its own. */
export async function reissueAccessCode(user: SessionUser, studentId: string): Promise<ActionResult<Letter>> {
  const ctx = schoolContext(user, "access_code.reissue");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(studentId).success) return fail("NOT_FOUND", STUDENT_NOT_FOUND);
  const student = await findLetterStudent(ctx.data.scope, studentId);
  if (!student) return fail("NOT_FOUND", STUDENT_NOT_FOUND);
  const code = newAccessCode();
  const issueCount = await replaceCode(studentId, accessCodeHash(studentId, code));
  await audit(ctx.data, "access_code.reissue", { type: "Student", id: studentId }, { issueCount });
  return ok(letterOf({ ...student, codeIssuedAt: new Date(), issueCount }, code));
}

/** The student's accounts as the school sees them: code, activation, binding record, registered guardian mobiles. */
export async function loadBindingView(user: SessionUser, studentId: string) {
  const ctx = schoolContext(user, "binding.view");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(studentId).success) return fail("NOT_FOUND", STUDENT_NOT_FOUND);
  const view = await findBindingView(ctx.data.scope, studentId);
  return view
    ? ok({ ...view, applicant: applicantRoleFor(view.stage) })
    : fail("NOT_FOUND", STUDENT_NOT_FOUND);
}

const releaseSchema = z.object({
  reason: z
    .string()
    .max(400, "说明不能超过200个字")
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(4, "请写明核实情况（至少4个字），如：监护人持本人身份证及手机到校核实")
        .max(200, "说明不能超过200个字")
        .refine(isPrintable, unprintableMessage("说明")),
    ),
});

/**
 * Releases a guardian's recorded mobile from the parent account that
 * registered it (the school checked in person that the guardian owns the
 * number): the account is unbound from the child, loses the number, is
 * disabled and flagged; the real guardian can then register and bind. An
 * account with a child enrolled at another school is only unbound from this
 * child (`accountReleased: false`): freeing its number goes through the
 * supervisor (lib/db/access-codes.repo.ts `releaseGuardianMobile`).
 */
export async function releaseSquattedMobile(
  user: SessionUser,
  studentId: string,
  guardianId: string,
  raw: unknown,
): Promise<ActionResult<{ unbound: boolean; phoneMasked: string; accountReleased: boolean }>> {
  const ctx = schoolContext(user, "binding.release");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(studentId).success || !idSchema.safeParse(guardianId).success)
    return fail("NOT_FOUND", STUDENT_NOT_FOUND);
  const parsed = releaseSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改后再提交。", fieldErrorsOf(parsed.error));
  const released = await releaseGuardianMobile(
    ctx.data.scope,
    studentId,
    guardianId,
    user.id,
    parsed.data.reason,
  );
  if (!released.ok)
    return released.reason === "no_account"
      ? fail("REFUSED", "该监护人手机号没有被注册，无需释放。")
      : fail("NOT_FOUND", STUDENT_NOT_FOUND);
  await audit(
    { user, schoolId: released.schoolId },
    "binding.release",
    { type: "User", id: released.parentId },
    {
      studentId,
      personId: released.personId,
      unbound: released.unbound,
      accountReleased: released.accountReleased,
      phone: released.phoneMasked,
      reason: parsed.data.reason,
    },
  );
  return ok({
    unbound: released.unbound,
    phoneMasked: released.phoneMasked,
    accountReleased: released.accountReleased,
  });
}
