/**
 * Getting applicants in (who applies: 广东试点细则, docs/policy-sources.md): student
 * activation, parent registration and binding a child. Activation and binding
 * need the code the school hands out (lib/services/access-codes.ts) and, where
 * SMS is configured, a one-time code sent to the mobile
 * (lib/services/one-time-codes.ts). Mismatches — a wrong name, ID number or
 * code — never say which field did not match, so nobody can find out who is
 * enrolled by trying.
 */
import "server-only";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/domain/session-user";
import { accessCodeMatches } from "@/lib/crypto/access-code";
import { lookupHash, lookupHashes, reveal, seal } from "@/lib/crypto/keys";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { recordBinding } from "@/lib/db/access-codes.repo";
import {
  bindChild,
  createParentAccount,
  createStudentAccount,
  findChildForBinding,
  findEnrolmentForActivation,
  findParentPhoneHash,
  isUniqueViolation,
  type EnrolmentMatch,
} from "@/lib/db/accounts.repo";
import { writeAudit } from "@/lib/db/audit.repo";
import { applicantRoleFor } from "@/lib/domain/applicant";
import { STAGE_LABELS } from "@/lib/domain/codes";
import { sameName } from "@/lib/domain/person-name";
import { findParentAccountByPhoneHash } from "@/lib/db/auth.repo";
import {
  activationLimits,
  bindChildLimit,
  bindLimits,
  limitAttempt,
  refundAttempt,
  registrationLimits,
} from "@/lib/security/rate-limit";
import { smsEnabled } from "@/lib/sms/config";
import {
  activationIdentitySchema,
  activationSchema,
  bindChildSchema,
  parentRegistrationSchema,
} from "@/lib/schemas/accounts";
import { checkOtp, OTP_WRONG, otpSubject, sendOtp, spendOtp } from "./one-time-codes";
import { fail, ok, type ActionResult, type Failure } from "@/lib/domain/result";
import { accessContext } from "./context";

const NO_GUARDIAN_PHONE = "学校没有登记监护人手机号，无法发送验证码，请联系班主任。";
const PARENTS_ONLY = "只有家长账号可以绑定孩子。";

export const NO_MATCH_ACTIVATION =
  "填写的信息与学校登记的学籍信息不一致，无法激活（验证码见学校发放的《致学生家长的一封信》）。请核对后重试，或联系班主任核对学籍信息。";
export const NO_MATCH_BINDING =
  "未能绑定：填写的信息与学校登记的信息不一致（需与学校登记的监护人手机号一致，验证码见《致学生家长的一封信》）。请核对后重试，或联系孩子的班主任。";

type ActivationIdentity = { name: string; idNumber: string; accessCode: string };

/** Name + ID number + school code → the enrolment, counting failures per ID number and address. */
async function matchActivation(
  identity: ActivationIdentity,
  ip: string | null,
): Promise<{ ok: true; match: EnrolmentMatch } | Failure> {
  const idHash = lookupHash(identity.idNumber, "idNumber");
  // Failed activations per ID number and per source address (limits: lib/security/rate-limit.ts).
  const limits = activationLimits(idHash, ip);
  const gate = await limitAttempt(limits);
  if (!gate.ok) {
    await writeAudit({ action: "account.activation_failed", ip, detail: { reason: "rate_limited" } });
    return fail("LIMIT", gate.message);
  }
  const match = await findEnrolmentForActivation(lookupHashes(identity.idNumber, "idNumber"));
  const nameOk = match !== null && sameName(match.personName, identity.name);
  const codeOk = accessCodeMatches(match?.studentId ?? "none", match?.codeHash ?? null, identity.accessCode);
  if (!match || !nameOk || !codeOk) {
    // The school sees wrong codes on its students (the applicant sees the same answer as for a wrong name).
    await writeAudit({
      action: "account.activation_failed",
      ip,
      ...wrongCodeOn(nameOk ? match : null),
    });
    return fail("INVALID", NO_MATCH_ACTIVATION);
  }
  await refundAttempt(limits);
  if (applicantRoleFor(match.stage) === "PARENT")
    return fail(
      "REFUSED",
      `${STAGE_LABELS[match.stage]}阶段的资助由家长（监护人）申请：请家长注册账号并绑定孩子。`,
    );
  if (match.hasAccount) return fail("CONFLICT", "该学生账号已激活，请直接登录。忘记密码请联系班主任。");
  return { ok: true, match };
}

/** Where SMS is configured: sends a one-time code to the first guardian mobile on the roster. */
/**
 * The audit fields of a failed activation or binding whose name matched a student but whose code did
 * not: the student's school sees wrong codes tried on its student (the applicant's answer stays the same).
 */
function wrongCodeOn(student: { schoolId: string; studentId: string } | null | undefined) {
  return student
    ? {
        schoolId: student.schoolId,
        targetType: "Student" as const,
        targetId: student.studentId,
        detail: { reason: "code" },
      }
    : {};
}

export async function sendActivationCode(
  raw: unknown,
  ip: string | null,
): Promise<ActionResult<{ phoneMasked: string }>> {
  const parsed = activationIdentitySchema.safeParse(raw);
  if (!parsed.success)
    return fail("INVALID", "请先填写姓名、身份证号和验证码。", fieldErrorsOf(parsed.error));
  if (!smsEnabled()) return fail("REFUSED", "本系统未开通短信验证，无需获取验证码。");
  const matched = await matchActivation(parsed.data, ip);
  if (!matched.ok) return matched;
  const phone = matched.match.guardianPhone;
  if (!phone) return fail("REFUSED", NO_GUARDIAN_PHONE);
  const sent = await sendOtp(
    otpSubject("activate", matched.match.studentId, phone.hash),
    reveal(phone.cipher),
    ip,
  );
  return sent.ok ? ok({ phoneMasked: phone.masked }) : fail("LIMIT", sent.message);
}

export async function activateStudent(
  raw: unknown,
  ip: string | null,
): Promise<ActionResult<{ userId: string }>> {
  const parsed = activationSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改后再提交。", fieldErrorsOf(parsed.error));
  const { password, smsCode } = parsed.data;
  const matched = await matchActivation(parsed.data, ip);
  if (!matched.ok) return matched;
  const match = matched.match;
  let otpId: string | null = null;
  if (smsEnabled()) {
    if (!match.guardianPhone) return fail("REFUSED", NO_GUARDIAN_PHONE);
    const otp = await checkOtp(otpSubject("activate", match.studentId, match.guardianPhone.hash), smsCode);
    if (!otp.ok) return fail("INVALID", otp.message, { smsCode: otp.message });
    otpId = otp.codeId;
  }
  // Spent atomically before the write: of concurrent requests with one code only one activates.
  if (otpId && !(await spendOtp(otpId))) return fail("INVALID", OTP_WRONG, { smsCode: OTP_WRONG });
  try {
    const userId = await createStudentAccount({
      personId: match.personId,
      displayName: match.personName,
      passwordHash: await hashPassword(password),
    });
    await writeAudit({
      actorUserId: userId,
      actorRole: "STUDENT",
      schoolId: match.schoolId,
      ip,
      action: "account.student_activated",
      targetType: "User",
      targetId: userId,
      detail: { studentId: match.studentId, smsVerified: otpId !== null },
    });
    return ok({ userId });
  } catch (error) {
    if (isUniqueViolation(error))
      return fail("CONFLICT", "该学生账号已激活，请直接登录。忘记密码请联系班主任。");
    throw error;
  }
}

/**
 * Registers a parent account. The answer never says whether the mobile number
 * already had an account (that would tell anyone who is registered): a
 * number already registered gets the same success answer, nothing is created
 * or changed, and the attempt is audit-logged against the existing account.
 * Rate-limited per mobile number and per address, every attempt counting.
 */
export async function registerParent(raw: unknown, ip: string | null): Promise<ActionResult> {
  const parsed = parentRegistrationSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改后再提交。", fieldErrorsOf(parsed.error));
  const { name, phone, password } = parsed.data;
  const gate = await limitAttempt(registrationLimits(phone, ip));
  if (!gate.ok) {
    await writeAudit({
      action: "account.parent_registration_failed",
      ip,
      detail: { reason: "rate_limited" },
    });
    return fail("LIMIT", gate.message);
  }
  const sealed = seal(phone, "phone");
  // Hash first in every case, so an existing number takes as long as a new one.
  const passwordHash = await hashPassword(password);
  try {
    const userId = await createParentAccount({ displayName: name, phone: sealed, passwordHash });
    await writeAudit({
      actorUserId: userId,
      actorRole: "PARENT",
      ip,
      action: "account.parent_registered",
      targetType: "User",
      targetId: userId,
    });
    return ok(undefined);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findParentAccountByPhoneHash(sealed.hash);
    await writeAudit({
      ip,
      action: "account.parent_registration_duplicate",
      targetType: "User",
      targetId: existing?.id,
    });
    return ok(undefined);
  }
}

/**
 * Binds a child whose roster lists the parent's own registered mobile as a
 * guardian's, given the code the school issued for the child and — where SMS
 * is configured — the one-time code sent to that mobile.
 */
export async function bindChildToParent(
  parentId: string,
  raw: unknown,
  ip: string | null,
): Promise<ActionResult<{ name: string }>> {
  const parsed = bindChildSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改后再提交。", fieldErrorsOf(parsed.error));
  const parent = await findParentPhoneHash(parentId);
  if (!parent?.phoneHash || !parent.phoneMasked) return fail("FORBIDDEN", PARENTS_ONLY);

  // Where SMS is configured the parent first proves they hold the registered mobile.
  let otpId: string | null = null;
  if (smsEnabled()) {
    const otp = await checkOtp(otpSubject("bind", parentId, parent.phoneHash), parsed.data.smsCode);
    if (!otp.ok) return fail("INVALID", otp.message, { smsCode: otp.message });
    otpId = otp.codeId;
  }

  // Failed bindings per parent account, per child ID number and per source address
  // (lib/security/rate-limit.ts).
  const childIdHash = lookupHash(parsed.data.childIdNumber, "idNumber");
  const limits = [...bindLimits(parentId, ip), bindChildLimit(childIdHash)];
  const gate = await limitAttempt(limits);
  if (!gate.ok) {
    await writeAudit({
      actorUserId: parentId,
      actorRole: "PARENT",
      ip,
      action: "account.bind_child_failed",
      detail: { reason: "rate_limited" },
    });
    return fail("LIMIT", gate.message);
  }
  const child = await findChildForBinding(childIdHash, parent.phoneHash);
  const nameOk = child !== null && sameName(child.name, parsed.data.childName);
  const codeOk = accessCodeMatches(
    child?.studentId ?? "none",
    child?.codeHash ?? null,
    parsed.data.accessCode,
  );
  if (!child || !nameOk || !codeOk) {
    await writeAudit({
      actorUserId: parentId,
      actorRole: "PARENT",
      ip,
      action: "account.bind_child_failed",
      // The school sees wrong codes tried on its student; the parent gets the same answer as for a wrong name.
      ...wrongCodeOn(nameOk ? child : null),
    });
    return fail("INVALID", NO_MATCH_BINDING);
  }
  await refundAttempt(limits);
  // Spent atomically before the write: of concurrent requests with one code only one binds.
  if (otpId && !(await spendOtp(otpId))) return fail("INVALID", OTP_WRONG, { smsCode: OTP_WRONG });
  const created = await bindChild(parentId, child.personId);
  if (created) {
    // The school's record: the class teacher and the admin see who bound the child, when, from which mobile.
    await recordBinding({
      personId: child.personId,
      studentId: child.studentId,
      parentId,
      phoneMasked: parent.phoneMasked,
    });
    await writeAudit({
      actorUserId: parentId,
      actorRole: "PARENT",
      schoolId: child.schoolId,
      ip,
      action: "account.child_bound",
      targetType: "Person",
      targetId: child.personId,
      detail: { studentId: child.studentId, phone: parent.phoneMasked, smsVerified: otpId !== null },
    });
  }
  return ok({ name: child.name });
}

/** Where SMS is configured: sends a one-time code to the signed-in parent's registered mobile. */
export async function sendBindCode(
  user: SessionUser,
  ip: string | null,
): Promise<ActionResult<{ phoneMasked: string }>> {
  const ctx = accessContext(user, "child.bind");
  if (!ctx.ok) return ctx;
  if (!smsEnabled()) return fail("REFUSED", "本系统未开通短信验证，无需获取验证码。");
  const parent = await findParentPhoneHash(user.id);
  if (!parent?.phoneHash || !parent.phoneCipher || !parent.phoneMasked)
    return fail("FORBIDDEN", PARENTS_ONLY);
  const sent = await sendOtp(otpSubject("bind", user.id, parent.phoneHash), reveal(parent.phoneCipher), ip);
  return sent.ok ? ok({ phoneMasked: parent.phoneMasked }) : fail("LIMIT", sent.message);
}

/** `child.bind` for the signed-in caller: the matrix check (parents only), then the binding rules above. */
export async function bindChildAsUser(
  user: SessionUser,
  raw: unknown,
  ip: string | null,
): Promise<ActionResult<{ name: string }>> {
  const ctx = accessContext(user, "child.bind");
  if (!ctx.ok) return ctx;
  return bindChildToParent(ctx.data.user.id, raw, ip);
}
