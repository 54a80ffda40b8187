/**
 * Identity-document numbers.
 *
 * Mainland resident ID numbers (居民身份证号码) follow GB 11643-1999:
 *
 *   RRRRRR YYYYMMDD SSS C
 *   ^ region (GB/T 2260, 6 digits)
 *          ^ birth date
 *                   ^ sequence; its last digit is odd for men, even for women
 *                       ^ check character, ISO 7064 MOD 11-2 (0-9 or X)
 *
 * Residence permits for Hong Kong, Macao and Taiwan residents
 * (港澳台居民居住证) use the same layout with the region fixed to
 * 810000 (HK), 820000 (Macao) or 830000 (Taiwan).
 *
 * All functions here are pure; user-facing messages are Simplified Chinese and
 * say how to fix the input.
 */
import type { Gender, IdType } from "./codes";

export type ResidentIdResult =
  | { ok: true; id: string; birthDate: string; gender: Gender; regionCode: string }
  | { ok: false; reason: string };

export type IdNumberResult =
  | { ok: true; id: string; birthDate?: string; gender?: Gender; regionCode?: string }
  | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/** First two digits of every province-level code in GB/T 2260 (incl. 71 Taiwan, 81/82 HK/Macao, 83 Taiwan permits). */
const PROVINCE_CODES = new Set([
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
  "71",
  "81",
  "82",
  "83",
]);

/** Region prefixes of HK / Macao / Taiwan residence-permit numbers. */
export const HMT_PERMIT_REGION_CODES = ["810000", "820000", "830000"] as const;

/**
 * Converts full-width ASCII variants (U+FF01–U+FF5E, e.g. "１２ｘ") and the
 * ideographic space (U+3000) to their half-width forms. Other text is unchanged.
 */
export function toHalfWidth(raw: string): string {
  return raw.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Canonical form of a typed or imported ID number: full-width characters made
 * half-width, all whitespace removed (leading, trailing and inner), letters
 * upper-cased (so a trailing "x" becomes "X").
 */
export function normaliseIdNumber(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, "").toUpperCase();
}

/**
 * ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number.
 * Throws a RangeError if `first17` is not exactly 17 ASCII digits.
 */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`residentIdCheckDigit expects 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** True when `yyyy-mm-dd` names a real Gregorian calendar day. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

let lastChinaDate = { time: Number.NaN, text: "" };

/** Today's date in China Standard Time (UTC+8, no DST) as YYYY-MM-DD, independent of the server's zone. */
export function chinaDateString(now: Date): string {
  const time = now.getTime();
  // An import checks every row against the same "today": the last answer is kept (toISOString per row showed
  // in the loan import's profile, bench/README.md).
  if (time === lastChinaDate.time) return lastChinaDate.text;
  const text = new Date(time + 8 * 3600_000).toISOString().slice(0, 10);
  lastChinaDate = { time, text };
  return text;
}

type Layout = { kind: "resident" } | { kind: "permit" };

/** Shared validation of the 18-character GB 11643 layout (resident IDs and HMT residence permits). */
function validateLayout(raw: string, today: Date, layout: Layout): ResidentIdResult {
  const label = layout.kind === "resident" ? "身份证号" : "居住证号码";
  const id = normaliseIdNumber(raw);
  if (id === "") return { ok: false, reason: `请填写${label}` };
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, reason: `${label}应为18位（17位数字加1位数字或X），请核对后重新填写` };
  }

  const regionCode = id.slice(0, 6);
  if (layout.kind === "resident") {
    if (!PROVINCE_CODES.has(regionCode.slice(0, 2))) {
      return { ok: false, reason: "身份证号前6位地区码无效，请核对后重新填写" };
    }
    if ((HMT_PERMIT_REGION_CODES as readonly string[]).includes(regionCode)) {
      return { ok: false, reason: "该号码是港澳台居民居住证号码，请将证件类型选择为“港澳台居民居住证”" };
    }
  } else if (!(HMT_PERMIT_REGION_CODES as readonly string[]).includes(regionCode)) {
    return { ok: false, reason: "港澳台居民居住证号码应以810000、820000或830000开头，请核对后重新填写" };
  }

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!isCalendarDate(year, month, day)) {
    return { ok: false, reason: `${label}中的出生日期无效（第7–14位应为真实的年月日），请核对后重新填写` };
  }
  if (year < 1900) return { ok: false, reason: `${label}中的出生日期不能早于1900年，请核对后重新填写` };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > chinaDateString(today)) {
    return { ok: false, reason: `${label}中的出生日期不能晚于今天，请核对后重新填写` };
  }

  if (residentIdCheckDigit(id.slice(0, 17)) !== id.charAt(17)) {
    return { ok: false, reason: `${label}校验位错误，请核对最后一位（以及其他各位）是否填写正确` };
  }
  const gender: Gender = Number(id.charAt(16)) % 2 === 1 ? "MALE" : "FEMALE";
  return { ok: true, id, birthDate, gender, regionCode };
}

/**
 * Validates a mainland 18-digit resident ID number. The input is normalised
 * first (see {@link normaliseIdNumber}); on success `id` is the canonical form
 * to store. `today` (default: now) is interpreted in China Standard Time.
 */
export function validateResidentId(raw: string, today: Date = new Date()): ResidentIdResult {
  return validateLayout(raw, today, { kind: "resident" });
}

/**
 * Builds a valid resident ID number (for seed data, tests and benchmarks).
 * The last digit of `sequence3` (0–999) is nudged to be odd for MALE and even
 * for FEMALE. Throws a RangeError on a malformed region code or birth date.
 */
export function buildResidentId(
  regionCode6: string,
  birthDate: string,
  sequence3: number,
  gender: Gender,
): string {
  if (!/^\d{6}$/.test(regionCode6) || !PROVINCE_CODES.has(regionCode6.slice(0, 2))) {
    throw new RangeError(`buildResidentId: invalid region code ${JSON.stringify(regionCode6)}`);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) || Number(m[1]) < 1900) {
    throw new RangeError(`buildResidentId: invalid birth date ${JSON.stringify(birthDate)}`);
  }
  if (!Number.isInteger(sequence3) || sequence3 < 0 || sequence3 > 999) {
    throw new RangeError(`buildResidentId: sequence must be an integer 0-999, got ${sequence3}`);
  }
  let seq = sequence3;
  const odd = seq % 2 === 1;
  if (gender === "MALE" && !odd) seq += 1; // even last digit 0..8 → 1..9
  if (gender === "FEMALE" && odd) seq -= 1; // odd last digit 1..9 → 0..8
  const first17 = `${regionCode6}${m[1]}${m[2]}${m[3]}${String(seq).padStart(3, "0")}`;
  return first17 + residentIdCheckDigit(first17);
}

/** Passports, travel permits and other documents: 5–20 letters/digits after normalisation. */
function validateGeneric(raw: string, label: string): IdNumberResult {
  const id = normaliseIdNumber(raw);
  if (id === "") return { ok: false, reason: `请填写${label}号码` };
  if (!/^[A-Z0-9]{5,20}$/.test(id)) {
    return { ok: false, reason: `${label}号码应为5–20位英文字母或数字（不含空格和符号），请核对后重新填写` };
  }
  return { ok: true, id };
}

/**
 * Validates an ID number according to its document type. Resident IDs and
 * HMT residence permits return birth date, gender and region code; the other
 * types only the normalised `id`.
 */
export function validateIdNumber(idType: IdType, raw: string, today: Date = new Date()): IdNumberResult {
  switch (idType) {
    case "RESIDENT_ID":
      return validateLayout(raw, today, { kind: "resident" });
    case "HMT_RESIDENCE_PERMIT":
      return validateLayout(raw, today, { kind: "permit" });
    case "HMT_TRAVEL_PERMIT":
      return validateGeneric(raw, "通行证");
    case "PASSPORT":
      return validateGeneric(raw, "护照");
    case "OTHER":
      return validateGeneric(raw, "证件");
    default:
      return { ok: false, reason: "请选择证件类型" };
  }
}
