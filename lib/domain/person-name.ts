/**
 * The rule for a person's name, shared by registration/binding (lib/schemas/accounts.ts) and the national
 * export validator (lib/domain/national-export/validate.ts), so a name the system accepts is one the
 * national system accepts: it has at least one letter (汉字 or another script's letters), and no emoji,
 * pictographs or other symbols. The separators of minority and foreign names (· • . - ' and spaces) are allowed.
 *
 * And {@link sameName}: whether two written forms are the same name (special-group matching). Lists from
 * other departments write full-width letters, spaces, or another middle dot in names such as 阿依古丽·买买提;
 * anything else that differs (another character, a missing one) is a different name, for a person to review.
 */
const PICTOGRAPHIC = /[\p{Extended_Pictographic}\p{So}\p{Sk}\u200d\ufe0e\ufe0f\u20e3]/u;
const LETTER = /\p{L}/u;
const ALLOWED = /^[\p{L}\p{M}\p{N}·•・．.\-'’\s]+$/u;

export const NAME_SYMBOL_MESSAGE = "姓名只能填写文字，不能使用表情符号或其他符号";
export const NAME_NO_LETTER_MESSAGE = "姓名应包含汉字或字母，请填写真实姓名";

/** The Chinese problem with a (non-empty) name, or null when it is acceptable. */
export function personNameProblem(name: string): string | null {
  if (PICTOGRAPHIC.test(name) || !ALLOWED.test(name)) return NAME_SYMBOL_MESSAGE;
  if (!LETTER.test(name)) return NAME_NO_LETTER_MESSAGE;
  return null;
}

const DOTS = /[·•・‧∙．.。]/g;

export function normaliseName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").replace(DOTS, "·");
}

export const sameName = (a: string, b: string): boolean => normaliseName(a) === normaliseName(b);
