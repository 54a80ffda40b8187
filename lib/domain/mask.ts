/**
 * Display masking of sensitive personal information (shown masked,
 * e.g. 4401**********1234, except to roles that need the full value) and
 * mainland mobile-number helpers.
 *
 * Masking never throws and never reveals more than half of a short value.
 */
import { normaliseIdNumber, toHalfWidth } from "./id-number";

/**
 * Keeps up to `head` leading and `tail` trailing characters and stars the
 * rest, shrinking the kept parts so that at least half of the characters are
 * starred. Works on code points, so rare characters are never split.
 */
export function maskMiddle(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  const n = chars.length;
  const keep = Math.floor(n / 4);
  const h = Math.min(head, keep);
  const t = Math.min(tail, keep);
  return chars.slice(0, h).join("") + "*".repeat(n - h - t) + chars.slice(n - t).join("");
}

/** "440106200801011234" → "4401**********1234". Input is normalised first. */
export function maskIdNumber(raw: string): string {
  return maskMiddle(normaliseIdNumber(raw), 4, 4);
}

/**
 * The national 学籍号 is usually "G" (or another letter) followed by the
 * student's ID number, so showing it in full shows the ID number: such a
 * number is masked like the ID number it contains ("G4401**********1234").
 * A local student number that embeds no ID number is shown as it is.
 */
export function maskStudentNo(studentNo: string): string {
  const m = /^([A-Za-z]{0,2})(\d{17}[\dXx])$/.exec(studentNo.trim());
  return m ? `${m[1]}${maskIdNumber(m[2]!)}` : studentNo;
}

/**
 * Strips whitespace, dashes, dots and brackets, converts full-width digits,
 * and removes a leading +86 / 0086 / 86 country code from a 13-digit mainland
 * number. Does not validate; see {@link isValidMobile}.
 */
export function normaliseMobile(raw: string): string {
  const compact = toHalfWidth(raw).replace(/[\s\-.()（）]/g, "");
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(compact);
  return m?.[1] ?? compact;
}

/** Mainland mobile number: 11 digits, 1[3-9]xxxxxxxxx (after {@link normaliseMobile}). */
export function isValidMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(normaliseMobile(raw));
}

/** "13812345678" → "138****5678". Numbers shorter than 11 characters are starred at least half. */
export function maskPhone(raw: string): string {
  const phone = normaliseMobile(raw);
  const chars = Array.from(phone);
  if (chars.length >= 11) {
    return chars.slice(0, 3).join("") + "*".repeat(chars.length - 7) + chars.slice(-4).join("");
  }
  return maskMiddle(phone, 3, 4);
}

/** Strips whitespace and dashes and converts full-width characters; upper-cases letters. */
export function normaliseBankAccount(raw: string): string {
  return toHalfWidth(raw).replace(/[\s-]/g, "").toUpperCase();
}

/**
 * "6222021234567890123" → "6222 **** **** 0123". The middle is always shown
 * as two groups of four stars, so the mask does not reveal the length.
 * Accounts shorter than 16 characters are starred at least half.
 */
export function maskBankAccount(raw: string): string {
  const account = normaliseBankAccount(raw);
  if (account.length >= 16) return `${account.slice(0, 4)} **** **** ${account.slice(-4)}`;
  return maskMiddle(account, 4, 4);
}

/**
 * Chinese-style name mask: "张三丰" → "张*丰", "欧阳娜娜" → "欧**娜",
 * "李四" → "李*", a single character → "*".
 */
export function maskName(raw: string): string {
  const chars = Array.from(raw.trim());
  if (chars.length <= 1) return "*".repeat(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
