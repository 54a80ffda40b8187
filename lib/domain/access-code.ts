/**
 * The code a school hands out per student (printed on the 致学生家长的一封信)
 * to bind a child or activate a student account, and the one-time SMS code.
 * Pure: generation takes its random bytes from the caller.
 *
 * School code: 8 characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L), shown as "ABCD-EFGH"; 31^8 ≈ 8.5 × 10^11 values. People type it with or
 * without the dash, in either case, with full-width characters or spaces.
 */

export const ACCESS_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const ACCESS_CODE_LENGTH = 8;

/** A code whose characters `pick(31)` chooses (the caller passes crypto.randomInt: uniform, no modulo bias). */
export function accessCodeFrom(pick: (max: number) => number): string {
  let out = "";
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) out += ACCESS_CODE_ALPHABET[pick(ACCESS_CODE_ALPHABET.length)];
  return out;
}

/** "ABCDEFGH" → "ABCD-EFGH" for the letter. */
export const formatAccessCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** What a person typed → the canonical 8 characters, or null when it cannot be a code. */
export function normaliseAccessCode(raw: string): string | null {
  const s = raw
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, "");
  if (s.length !== ACCESS_CODE_LENGTH) return null;
  for (const ch of s) if (!ACCESS_CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** The one-time SMS code: 6 digits. */
export const OTP_LENGTH = 6;
/** Valid for 5 minutes. */
export const OTP_TTL_SECONDS = 5 * 60;
/** Wrong entries before a code is used up. */
export const OTP_MAX_ATTEMPTS = 5;
/** Minimum wait between two codes to the same subject. */
export const OTP_RESEND_SECONDS = 60;

/** Six digits from `pick(10)` (crypto.randomInt). */
export function otpFrom(pick: (max: number) => number): string {
  let out = "";
  for (let i = 0; i < OTP_LENGTH; i++) out += String(pick(10));
  return out;
}

export function normaliseOtp(raw: string): string | null {
  const s = raw.normalize("NFKC").replace(/\s/g, "");
  return /^\d{6}$/.test(s) ? s : null;
}
