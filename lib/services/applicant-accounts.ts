/**
 * Getting applicants in (SPEC §2): student activation, parent registration and
 * binding a child. Mismatches never say which field did not match, so nobody
 * can find out who is enrolled by trying.
 */
import { decide } from "@/lib/auth/access";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session";
import { lookupHash, seal } from "@/lib/crypto/keys";
import {
  bindChild,
  createParentAccount,
  createStudentAccount,
  findChildForBinding,
  findEnrolmentForActivation,
  findParentPhoneHash,
  isUniqueViolation,
} from "@/lib/db/accounts.repo";
import { writeAudit } from "@/lib/db/audit.repo";
import { applicantRoleFor } from "@/lib/domain/applicant";
import { STAGE_LABELS } from "@/lib/domain/codes";
import { findParentAccountByPhoneHash } from "@/lib/db/auth.repo";
import {
  activationLimits,
  bindLimits,
  limitAttempt,
  refundAttempt,
  registrationLimits,
} from "@/lib/security/rate-limit";
import {
  activationSchema,
  bindChildSchema,
  fieldErrors,
  parentRegistrationSchema,
} from "@/lib/schemas/accounts";
import { fail, ok, type ActionResult } from "./result";

export const NO_MATCH_ACTIVATION =
  "填写的信息与学校登记的学籍信息不一致，无法激活。请核对后重试，或联系班主任核对学籍信息。";
export const NO_MATCH_BINDING =
  "未能绑定：填写的信息与学校登记的信息不一致（需与学校登记的监护人手机号一致）。请核对后重试，或联系孩子的班主任。";

const sameName = (a: string, b: string) =>
  a.replace(/\s+/g, "").normalize("NFKC") === b.replace(/\s+/g, "").normalize("NFKC");

export async function activateStudent(
  raw: unknown,
  ip: string | null,
): Promise<ActionResult<{ userId: string }>> {
  const parsed = activationSchema.safeParse(raw);
  if (!parsed.success) return fail("请按提示修改后再提交。", fieldErrors(parsed.error));
  const { name, idNumber, studentNo, password } = parsed.data;
  const idHash = lookupHash(idNumber, "idNumber");

  // Failed activations per ID number and per source address (issue 7 §6).
  const limits = activationLimits(idHash, ip);
  const gate = await limitAttempt(limits);
  if (!gate.ok) {
    await writeAudit({ action: "account.activation_failed", ip, detail: { reason: "rate_limited" } });
    return fail(gate.message);
  }
  const match = await findEnrolmentForActivation(idHash, studentNo);
  if (!match || !sameName(match.personName, name)) {
    await writeAudit({ action: "account.activation_failed", ip });
    return fail(NO_MATCH_ACTIVATION);
  }
  await refundAttempt(limits);
  if (applicantRoleFor(match.stage) === "PARENT") {
    return fail(`${STAGE_LABELS[match.stage]}阶段的资助由家长（监护人）申请：请家长注册账号并绑定孩子。`);
  }
  if (match.hasAccount) return fail("该学生账号已激活，请直接登录。忘记密码请联系班主任。");
  try {
    const userId = await createStudentAccount({
      personId: match.personId,
      displayName: match.personName,
      passwordHash: await hashPassword(password),
    });
    await writeAudit({
      actorUserId: userId,
      actorRole: "STUDENT",
      ip,
      action: "account.student_activated",
      targetType: "User",
      targetId: userId,
    });
    return ok({ userId });
  } catch (e) {
    if (isUniqueViolation(e)) return fail("该学生账号已激活，请直接登录。忘记密码请联系班主任。");
    throw e;
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
  if (!parsed.success) return fail("请按提示修改后再提交。", fieldErrors(parsed.error));
  const { name, phone, password } = parsed.data;
  const gate = await limitAttempt(registrationLimits(phone, ip));
  if (!gate.ok) {
    await writeAudit({
      action: "account.parent_registration_failed",
      ip,
      detail: { reason: "rate_limited" },
    });
    return fail(gate.message);
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
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
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

/** Binds a child whose roster lists the parent's own registered mobile as a guardian's. */
export async function bindChildToParent(
  parentId: string,
  raw: unknown,
  ip: string | null,
): Promise<ActionResult<{ name: string }>> {
  const parsed = bindChildSchema.safeParse(raw);
  if (!parsed.success) return fail("请按提示修改后再提交。", fieldErrors(parsed.error));
  const parent = await findParentPhoneHash(parentId);
  if (!parent?.phoneHash) return fail("只有家长账号可以绑定孩子。");

  // Failed bindings per parent account and per source address (issue 7 §6).
  const limits = bindLimits(parentId, ip);
  const gate = await limitAttempt(limits);
  if (!gate.ok) {
    await writeAudit({
      actorUserId: parentId,
      actorRole: "PARENT",
      ip,
      action: "account.bind_child_failed",
      detail: { reason: "rate_limited" },
    });
    return fail(gate.message);
  }
  const child = await findChildForBinding(
    lookupHash(parsed.data.childIdNumber, "idNumber"),
    parent.phoneHash,
  );
  if (!child || !sameName(child.name, parsed.data.childName)) {
    await writeAudit({ actorUserId: parentId, actorRole: "PARENT", ip, action: "account.bind_child_failed" });
    return fail(NO_MATCH_BINDING);
  }
  await refundAttempt(limits);
  const created = await bindChild(parentId, child.personId);
  if (created)
    await writeAudit({
      actorUserId: parentId,
      actorRole: "PARENT",
      ip,
      action: "account.child_bound",
      targetType: "Person",
      targetId: child.personId,
    });
  return ok({ name: child.name });
}

/** `child.bind` for the signed-in caller: the matrix check (parents only), then the binding rules above. */
export async function bindChildAsUser(
  user: SessionUser,
  raw: unknown,
  ip: string | null,
): Promise<ActionResult<{ name: string }>> {
  const d = decide(user, "child.bind");
  if (!d.ok) return fail(d.message);
  return bindChildToParent(user.id, raw, ip);
}
