/**
 * Free text typed by people: control characters (tab and line breaks aside)
 * and bidi controls (embeddings, overrides, isolates and the marks LRM, RLM,
 * ALM) are never typed, and PostgreSQL cannot even store NUL — they are
 * refused with a Chinese message naming the field instead of failing in the
 * database. The same rule applies to the forms and to the spreadsheet
 * imports (lib/domain/student-roster-row.ts, lib/services/special-groups.ts).
 */
export const UNPRINTABLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const isPrintable = (s: string): boolean => !UNPRINTABLE.test(s);

export const unprintableMessage = (label: string): string => `${label}含有无法识别的控制字符，请删除后重试`;
