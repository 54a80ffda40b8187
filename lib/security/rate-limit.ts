/**
 * Rate limits, stored in PostgreSQL (lib/db/rate-limit.repo.ts)
 * so they hold across restarts and app instances.
 *
 *   checkRateLimit(key, limit, windowSeconds) — counts this attempt; refuses
 *     (with a Chinese message and the wait) once `limit` attempts fall in the
 *     current window. Atomic: N concurrent attempts can never all pass.
 *   refundRateLimit(key) — takes the attempt back after it succeeded, so a
 *     limit that should count failures only (sign-in, activation, binding)
 *     never locks out people who sign in correctly.
 *
 * The policies below are per account (or per targeted identity) AND per
 * source address. Identifiers (ID numbers, phone numbers) are never stored
 * in clear: keys hold a keyed hash of them. Address limits are skipped when
 * the address is unknown (no reverse proxy header): see SECURITY.md.
 *
 * Objection filing: call
 *   const gate = await limitAttempt(objectionLimits(user.id, ip));
 *   if (!gate.ok) return fail(gate.message);
 * before creating the objection (no refund: every filing counts).
 */
import "server-only";
import { blindIndex } from "@/lib/crypto/field-crypto";
import { fieldKeys } from "@/lib/crypto/keys";
import { hitCounter, refundCounter } from "@/lib/db/rate-limit.repo";
import { normaliseIdNumber } from "@/lib/domain/id-number";
import { normaliseMobile } from "@/lib/domain/mask";

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

/** One limit to apply: `limit` attempts per `windowSeconds` under `key`; `what` names the action in the message. */
export type LimitSpec = { key: string; limit: number; windowSeconds: number; what: string };

/** "约 15 分钟" / "约 1 小时" for the refusal message. */
export function waitText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 60) return `${minutes}分钟`;
  const hours = Math.ceil(minutes / 60);
  return hours < 24 ? `${hours}小时` : `${Math.ceil(hours / 24)}天`;
}

export function rateLimitMessage(what: string, retryAfterSeconds: number): string {
  return `${what}过于频繁，已暂时限制。请于${waitText(retryAfterSeconds)}后再试；如有疑问请联系班主任或学校资助管理员。`;
}

/** Counts one attempt under `key` and says whether it is within `limit` per `windowSeconds`. */
export async function checkRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
  what = "操作",
): Promise<RateLimitResult> {
  const c = await hitCounter(key, windowSeconds * 1000, now);
  if (c.count <= limit) return { ok: true };
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((c.windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000),
  );
  return { ok: false, retryAfterSeconds, message: rateLimitMessage(what, retryAfterSeconds) };
}

export async function refundRateLimit(key: string): Promise<void> {
  await refundCounter(key);
}

/** Applies every spec (all are counted); the first refusal wins. */
export async function limitAttempt(specs: LimitSpec[], now = new Date()): Promise<RateLimitResult> {
  let refused: RateLimitResult = { ok: true };
  for (const s of specs) {
    const r = await checkRateLimit(s.key, s.limit, s.windowSeconds, now, s.what);
    if (!r.ok && refused.ok) refused = r;
  }
  return refused;
}

/** Takes back the attempt of every spec (the attempt succeeded). */
export async function refundAttempt(specs: LimitSpec[]): Promise<void> {
  for (const s of specs) await refundRateLimit(s.key);
}

/** Keyed hash of an identifier, so counters never hold ID numbers or phone numbers in clear. */
export function subjectKey(...parts: string[]): string {
  return blindIndex(fieldKeys(), `rate-limit|${parts.join("|")}`).slice(0, 40);
}

const MIN = 60;
const HOUR = 3600;
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};

/**
 * The limits. Address limits are generous because a whole school often signs
 * in from one NAT address; account limits are tight. Each can be tuned by an
 * environment variable (see SECURITY.md).
 */
export const RATE_LIMITS = {
  /** wrong sign-ins per account identifier (also covers identifiers with no account) */
  signInAccount: () => ({ limit: num("RATE_SIGNIN_ACCOUNT", 10), windowSeconds: 15 * MIN }),
  /** wrong sign-ins per source address: over it the address is locked out */
  signInAddress: () => ({ limit: num("RATE_SIGNIN_ADDRESS", 50), windowSeconds: 15 * MIN }),
  /**
   * wrong sign-ins of the whole site, whatever the address: bounds password spraying from many
   * addresses; over it every sign-in waits for the window to end (size it to the deployment)
   */
  signInGlobal: () => ({ limit: num("RATE_SIGNIN_GLOBAL", 2000), windowSeconds: 15 * MIN }),
  /** failed activations per ID number */
  activationIdentity: () => ({ limit: num("RATE_ACTIVATION_IDENTITY", 5), windowSeconds: HOUR }),
  activationAddress: () => ({ limit: num("RATE_ACTIVATION_ADDRESS", 30), windowSeconds: HOUR }),
  /** failed child bindings per parent account */
  bindAccount: () => ({ limit: num("RATE_BIND_ACCOUNT", 5), windowSeconds: HOUR }),
  bindAddress: () => ({ limit: num("RATE_BIND_ADDRESS", 30), windowSeconds: HOUR }),
  /** objections / review requests filed per account and per address */
  objectionAccount: () => ({ limit: num("RATE_OBJECTION_ACCOUNT", 5), windowSeconds: 24 * HOUR }),
  objectionAddress: () => ({ limit: num("RATE_OBJECTION_ADDRESS", 30), windowSeconds: HOUR }),
  /** 复议 requests: their own counters, so objections never use up an applicant's right to a review */
  reviewAccount: () => ({ limit: num("RATE_REVIEW_ACCOUNT", 5), windowSeconds: 24 * HOUR }),
  reviewAddress: () => ({ limit: num("RATE_REVIEW_ADDRESS", 30), windowSeconds: HOUR }),
  /** parent registrations per mobile number and per address (every attempt counts) */
  registerPhone: () => ({ limit: num("RATE_REGISTER_PHONE", 5), windowSeconds: HOUR }),
  registerAddress: () => ({ limit: num("RATE_REGISTER_ADDRESS", 20), windowSeconds: HOUR }),
  /** guardian corrections per staff account (a corrected mobile is looked up among parent accounts) */
  guardianCorrectAccount: () => ({ limit: num("RATE_GUARDIAN_CORRECT_ACCOUNT", 30), windowSeconds: HOUR }),
  /** guardian mobiles decrypted per staff account (the call list) */
  guardianPhoneRevealAccount: () => ({
    limit: num("RATE_GUARDIAN_PHONE_REVEAL_ACCOUNT", 60),
    windowSeconds: HOUR,
  }),
  /** failed child bindings per targeted child ID number (whether or not such a child exists) */
  bindChild: () => ({ limit: num("RATE_BIND_CHILD", 5), windowSeconds: HOUR }),
  /** SMS one-time codes sent per subject (purpose, account or student, mobile) and per address */
  otpSend: () => ({ limit: num("RATE_OTP_SEND", 5), windowSeconds: HOUR }),
  otpSendAddress: () => ({ limit: num("RATE_OTP_ADDRESS", 30), windowSeconds: HOUR }),
} as const;

/** Guardian corrections by one staff account; every correction counts. */
export function guardianCorrectionLimits(userId: string): LimitSpec[] {
  return [
    { key: `guardian:correct:${userId}`, ...RATE_LIMITS.guardianCorrectAccount(), what: "更正监护人信息" },
  ];
}

/** Full guardian mobiles shown to one staff account; every reveal counts. */
export function guardianPhoneRevealLimits(userId: string): LimitSpec[] {
  return [
    {
      key: `guardian:reveal:${userId}`,
      ...RATE_LIMITS.guardianPhoneRevealAccount(),
      what: "查看监护人完整手机号",
    },
  ];
}

const withAddress = (specs: LimitSpec[], ip: string | null, make: (ip: string) => LimitSpec): LimitSpec[] =>
  ip ? [...specs, make(ip)] : specs;

/**
 * One spelling per identifier ("+86 137 0000 1111" = "13700001111"), so reformatting does not buy more
 * attempts; a student's national 学籍号 "G" + ID number counts as that ID number.
 */
export function canonicalIdentifier(kind: string, identifier: string): string {
  if (kind === "parent") return normaliseMobile(identifier);
  if (kind === "student") {
    const id = normaliseIdNumber(identifier);
    return /^G[0-9]{17}[0-9X]$/.test(id) ? id.slice(1) : id;
  }
  return identifier.trim().toLowerCase();
}

/** Key of an identifier's lockout state when it has no account (lib/db/auth.repo.ts). */
export function unknownIdentifierKey(kind: string, identifier: string): string {
  return subjectKey("lockout", kind, canonicalIdentifier(kind, identifier));
}

export function signInLimits(kind: string, identifier: string, ip: string | null): LimitSpec[] {
  return withAddress(
    [
      {
        key: `signin:acct:${subjectKey(kind, canonicalIdentifier(kind, identifier))}`,
        ...RATE_LIMITS.signInAccount(),
        what: "该账号登录失败",
      },
    ],
    ip,
    (a) => ({ key: `signin:addr:${a}`, ...RATE_LIMITS.signInAddress(), what: "您所在网络地址登录失败" }),
  );
}

/**
 * The site-wide budget of failed sign-ins. Applied only to attempts that passed `signInLimits`, so one
 * address hammering past its own limit cannot spend the budget of everyone else.
 */
export function signInGlobalLimits(): LimitSpec[] {
  return [{ key: "signin:global", ...RATE_LIMITS.signInGlobal(), what: "本系统登录失败" }];
}

/** Parent registration: per mobile number (keyed hash) and per address; no refund. */
export function registrationLimits(phone: string, ip: string | null): LimitSpec[] {
  return withAddress(
    [
      {
        key: `register:phone:${subjectKey("register", normaliseMobile(phone))}`,
        ...RATE_LIMITS.registerPhone(),
        what: "该手机号的注册尝试",
      },
    ],
    ip,
    (a) => ({ key: `register:addr:${a}`, ...RATE_LIMITS.registerAddress(), what: "您所在网络地址的注册" }),
  );
}

export function activationLimits(idNumberHash: string, ip: string | null): LimitSpec[] {
  return withAddress(
    [
      {
        key: `activate:id:${idNumberHash.slice(0, 40)}`,
        ...RATE_LIMITS.activationIdentity(),
        what: "该身份证号的激活尝试",
      },
    ],
    ip,
    (a) => ({
      key: `activate:addr:${a}`,
      ...RATE_LIMITS.activationAddress(),
      what: "您所在网络地址的激活尝试",
    }),
  );
}

export function bindLimits(parentUserId: string, ip: string | null): LimitSpec[] {
  return withAddress(
    [{ key: `bind:acct:${parentUserId}`, ...RATE_LIMITS.bindAccount(), what: "绑定孩子的尝试" }],
    ip,
    (a) => ({ key: `bind:addr:${a}`, ...RATE_LIMITS.bindAddress(), what: "您所在网络地址的绑定尝试" }),
  );
}

/** Failed bindings per targeted child ID number (keyed hash), so the limit is no oracle of who exists. */
export function bindChildLimit(childIdHash: string): LimitSpec {
  return {
    key: `bind:child:${subjectKey("child", childIdHash)}`,
    ...RATE_LIMITS.bindChild(),
    what: "绑定该孩子的尝试",
  };
}

/** SMS one-time codes sent per subject key (lib/services/one-time-codes.ts) and per address; no refund. */
export function otpSendLimits(subject: string, ip: string | null): LimitSpec[] {
  return withAddress(
    [{ key: `otp:send:${subject.slice(0, 40)}`, ...RATE_LIMITS.otpSend(), what: "获取短信验证码" }],
    ip,
    (a) => ({ key: `otp:addr:${a}`, ...RATE_LIMITS.otpSendAddress(), what: "您所在网络地址获取短信验证码" }),
  );
}

export function objectionLimits(userId: string, ip: string | null): LimitSpec[] {
  return withAddress(
    [{ key: `objection:acct:${userId}`, ...RATE_LIMITS.objectionAccount(), what: "提交异议或复议申请" }],
    ip,
    (a) => ({
      key: `objection:addr:${a}`,
      ...RATE_LIMITS.objectionAddress(),
      what: "您所在网络地址提交异议",
    }),
  );
}

/** 复议 requests of the applicant's own result: counted apart from objections (see RATE_LIMITS.reviewAccount). */
export function reviewRequestLimits(userId: string, ip: string | null): LimitSpec[] {
  return withAddress(
    [{ key: `review:acct:${userId}`, ...RATE_LIMITS.reviewAccount(), what: "申请复议" }],
    ip,
    (a) => ({ key: `review:addr:${a}`, ...RATE_LIMITS.reviewAddress(), what: "您所在网络地址申请复议" }),
  );
}
