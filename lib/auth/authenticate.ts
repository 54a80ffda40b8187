/**
 * Sign-in by password. Students sign in by ID number or 学籍号, parents by
 * mobile number, staff by username. Wrong passwords count towards
 * a 15-minute lockout; every attempt is audit-logged. Errors are Chinese
 * messages safe to show: they never say whether the account exists.
 */
import type { AuditAction } from "@/lib/domain/audit-actions";
import { z } from "zod";
import "@/lib/schemas/zod-locale";
import { writeAudit } from "@/lib/db/audit.repo";
import {
  clearFailedSignIns,
  findParentAccountByPhoneHash,
  findStaffAccount,
  findStudentAccountByIdHash,
  findStudentAccountByStudentNo,
  recordSuccessfulSignIn,
  reserveSignInAttempt,
  reserveUnknownSignInAttempt,
  type AccountForSignIn,
  type SignInKind,
} from "@/lib/db/auth.repo";
import { lookupHashes } from "@/lib/crypto/keys";
import { validateResidentId, normaliseIdNumber } from "@/lib/domain/id-number";
import { isLocked, MAX_FAILED_SIGN_INS } from "@/lib/domain/lockout";
import { normaliseMobile } from "@/lib/domain/mask";
import { formatBeijingDateTime } from "@/lib/domain/time";
import {
  limitAttempt,
  refundAttempt,
  signInGlobalLimits,
  signInLimits,
  unknownIdentifierKey,
} from "@/lib/security/rate-limit";
import { burnPasswordCheck, verifyPassword } from "./password";
import type { Role } from "@/lib/db/generated/enums";

export const signInSchema = z.object({
  kind: z.enum(["student", "parent", "staff"]),
  identifier: z.string().trim().min(1, "请填写账号").max(64, "账号过长，请核对"),
  password: z.string().min(1, "请填写密码").max(128, "密码过长"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export type SignInResult = { ok: true; userId: string; role: Role } | { ok: false; message: string };

export const WRONG_CREDENTIALS = "账号或密码错误，请核对后重试。";

export function lockedMessage(until: Date): string {
  return `密码连续输错${MAX_FAILED_SIGN_INS}次，账号已锁定，请于 ${formatBeijingDateTime(until)}（北京时间）后再试，或联系班主任/学校资助管理员。`;
}

async function findAccount(kind: SignInKind, identifier: string): Promise<AccountForSignIn | null> {
  switch (kind) {
    case "student": {
      const id = normaliseIdNumber(identifier);
      if (validateResidentId(id).ok || /^[0-9]{17}[0-9X]$/.test(id))
        // Both suites' hashes, so sign-in keeps working while keys:rotate moves the blind indexes.
        return findStudentAccountByIdHash(lookupHashes(id, "idNumber"));
      return findStudentAccountByStudentNo(identifier.trim().toUpperCase());
    }
    case "parent":
      return findParentAccountByPhoneHash(lookupHashes(normaliseMobile(identifier), "phone"));
    case "staff":
      return findStaffAccount(identifier.trim());
  }
}

export async function authenticate(raw: unknown, ip: string | null, now = new Date()): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? WRONG_CREDENTIALS };
  const { kind, identifier, password } = parsed.data;

  // Failed attempts per identifier and per source address (SECURITY.md); a success takes its attempt back.
  const ownLimits = signInLimits(kind, identifier, ip);
  const gate = await limitAttempt(ownLimits, now);
  if (!gate.ok) {
    await writeAudit({ action: "auth.sign_in_failed", ip, detail: { kind, reason: "rate_limited" } });
    return { ok: false, message: gate.message };
  }
  // Site-wide budget (password spraying from many addresses), counted only for attempts within their own limits.
  const globalLimits = signInGlobalLimits();
  const globalGate = await limitAttempt(globalLimits, now);
  if (!globalGate.ok) {
    await writeAudit({ action: "auth.sign_in_failed", ip, detail: { kind, reason: "rate_limited_site" } });
    return { ok: false, message: globalGate.message };
  }
  const limits = [...ownLimits, ...globalLimits];

  const account = await findAccount(kind, identifier);
  if (!account) {
    // An identifier without an account locks exactly like a real one (no enumeration by the lockout message).
    const reservation = await reserveUnknownSignInAttempt(unknownIdentifierKey(kind, identifier), now);
    if (!reservation.ok) {
      await writeAudit({
        action: "auth.sign_in_failed",
        ip,
        detail: { kind, reason: "unknown_account_locked" },
      });
      return { ok: false, message: lockedMessage(reservation.lockedUntil) };
    }
    await burnPasswordCheck(password);
    await writeAudit({ action: "auth.sign_in_failed", ip, detail: { kind, reason: "unknown_account" } });
    if (isLocked(reservation.state, now))
      return { ok: false, message: lockedMessage(reservation.state.lockedUntil!) };
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  const audit = (action: AuditAction, detail: Record<string, string>) =>
    writeAudit({
      actorUserId: account.id,
      actorRole: account.role,
      schoolId: account.schoolId,
      ip,
      action,
      detail,
    });

  // Lock, count and verify atomically per account: the attempt is counted before the password is checked.
  const reservation = await reserveSignInAttempt(account.id, now);
  if (!reservation.ok) {
    await audit("auth.sign_in_failed", { reason: "locked" });
    return { ok: false, message: lockedMessage(reservation.lockedUntil) };
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    const state = reservation.state;
    await audit("auth.sign_in_failed", { reason: "wrong_password" });
    if (isLocked(state, now)) {
      await audit("auth.account_locked", { until: state.lockedUntil!.toISOString() });
      return { ok: false, message: lockedMessage(state.lockedUntil!) };
    }
    // No count of attempts left: it would tell a stranger that the account exists.
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  if (account.disabled) {
    // The password was right: it does not count towards the lockout.
    await clearFailedSignIns(account.id);
    await audit("auth.sign_in_failed", { reason: "disabled" });
    return { ok: false, message: "该账号已停用，请联系学校资助管理员。" };
  }
  await recordSuccessfulSignIn(account.id, now);
  await refundAttempt(limits);
  await audit("auth.sign_in", { kind });
  return { ok: true, userId: account.id, role: account.role };
}
