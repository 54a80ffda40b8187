/**
 * Initial and reset passwords (shown once to the admin, who passes them on):
 * 10 characters from an alphabet without look-alikes (0/O, 1/l/I), at least
 * one letter and one digit. `random` is injectable for tests.
 */
const LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const ALL = LETTERS + DIGITS;

export function temporaryPassword(random: (n: number) => number): string {
  const pick = (set: string) => set.charAt(random(set.length));
  const chars = [pick(LETTERS), pick(DIGITS), ...Array.from({ length: 8 }, () => pick(ALL))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
