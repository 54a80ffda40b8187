/**
 * One-time SMS codes proving that the person at the form holds a mobile
 * number: 6 digits, valid 5 minutes, stored as a keyed hash, at most 5 wrong
 * entries per code, one code a minute and a few an hour per subject (and per
 * address). The message carries the code only (no name, no ID number).
 * When no SMS provider is configured (lib/sms/config.ts) none of this is
 * asked for.
 */
import "server-only";
import { randomInt, timingSafeEqual } from "node:crypto";
import { blindIndex } from "@/lib/crypto/field-crypto";
import { fieldKeys } from "@/lib/crypto/keys";
import {
  attemptLiveCode,
  claimLiveCode,
  consumeCode,
  latestCodeAt,
  storeCode,
} from "@/lib/db/one-time-codes.repo";
import {
  normaliseOtp,
  OTP_MAX_ATTEMPTS,
  OTP_RESEND_SECONDS,
  OTP_TTL_SECONDS,
  otpFrom,
} from "@/lib/domain/access-code";
import { limitAttempt, otpSendLimits } from "@/lib/security/rate-limit";
import { smsSetup } from "@/lib/sms/config";

export type OtpPurpose = "bind" | "activate";

export const OTP_WRONG = "短信验证码不正确或已过期，请重新获取。";

/** Keyed hash naming what a code is for: the purpose, the account or student, and the mobile. */
export const otpSubject = (purpose: OtpPurpose, who: string, phoneHash: string) =>
  blindIndex(fieldKeys(), `otp|${purpose}|${who}|${phoneHash}`);

const otpHash = (subject: string, code: string) => blindIndex(fieldKeys(), `otp-code|${subject}|${code}`);

export type SendOutcome = { ok: true } | { ok: false; message: string };

/** Sends a new code for `subject` to `phone` (plain 11 digits); throttled. */
export async function sendOtp(
  subject: string,
  phone: string,
  ip: string | null,
  now = new Date(),
): Promise<SendOutcome> {
  const sms = smsSetup();
  if (!sms) return { ok: false, message: "本系统未开通短信验证，无需获取验证码。" };
  const last = await latestCodeAt(subject);
  if (last && now.getTime() - last.getTime() < OTP_RESEND_SECONDS * 1000) {
    const wait = Math.ceil((last.getTime() + OTP_RESEND_SECONDS * 1000 - now.getTime()) / 1000);
    return { ok: false, message: `验证码已发送，请${wait}秒后再重新获取。` };
  }
  const gate = await limitAttempt(otpSendLimits(subject, ip), now);
  if (!gate.ok) return { ok: false, message: gate.message };
  const code = otpFrom(randomInt);
  const id = await storeCode(
    subject,
    otpHash(subject, code),
    new Date(now.getTime() + OTP_TTL_SECONDS * 1000),
  );
  const sent = await sms.sender.send(phone, sms.templates.otp, { code });
  if (!sent.ok) {
    await consumeCode(id, now);
    console.error(`[sms] ${sms.sender.provider} refused a verification code: ${sent.error}`);
    return { ok: false, message: "短信发送失败，请稍后再试；如持续失败请联系班主任。" };
  }
  return { ok: true };
}

export type OtpCheck = { ok: true; codeId: string } | { ok: false; message: string };

/** Checks a typed code against the subject's live code (counting the attempt); does not use it up (see spendOtp). */
export async function checkOtp(
  subject: string,
  raw: string | undefined,
  now = new Date(),
): Promise<OtpCheck> {
  const code = normaliseOtp(raw ?? "");
  if (!code) return { ok: false, message: "请填写短信收到的6位验证码。" };
  const live = await attemptLiveCode(subject, now);
  if (!live) return { ok: false, message: OTP_WRONG };
  if (live.attempts > OTP_MAX_ATTEMPTS) {
    await consumeCode(live.id, now);
    return { ok: false, message: "验证码输错次数过多，已失效，请重新获取。" };
  }
  const expected = Buffer.from(live.codeHash, "hex");
  const given = Buffer.from(otpHash(subject, code), "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, message: OTP_WRONG };
  return { ok: true, codeId: live.id };
}

/**
 * Uses the code up, atomically: call it right before the write the code guards and stop with OTP_WRONG
 * when it returns false (a concurrent request with the same code won, or the code expired meanwhile).
 */
export const spendOtp = (codeId: string, now = new Date()) => claimLiveCode(codeId, now);
