/**
 * Whether two written forms of a person's name are the same name: lists from other departments write
 * full-width letters, spaces, or another middle dot in names such as 阿依古丽·买买提. Anything else that
 * differs (another character, a missing one) is a different name, for a person to review.
 */
const DOTS = /[·•・‧∙．.。]/g;

export function normaliseName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").replace(DOTS, "·");
}

export const sameName = (a: string, b: string): boolean => normaliseName(a) === normaliseName(b);
