/**
 * Keyed hashes of school-issued access codes (lib/domain/access-code.ts):
 * HMAC with the blind-index key, bound to the student, so the database never
 * holds a code in clear and the same code on two students hashes differently.
 *
 * The code itself is not stored, so `npm run keys:rotate` cannot recompute these hashes when the
 * blind-index suite changes (BLIND_INDEX_SUITE / CIPHER_SUITE): a code issued under the other suite
 * keeps matching through that suite's function, and re-issuing the letter moves it to the current one.
 */
import "server-only";
import { timingSafeEqual } from "node:crypto";
import { blindIndex, blindIndexCandidates } from "./field-crypto";
import { fieldKeys } from "./keys";

const subject = (studentId: string, code: string) => `access-code|${studentId}|${code}`;

export const accessCodeHash = (studentId: string, code: string) =>
  blindIndex(fieldKeys(), subject(studentId, code));

/** Whether `code` (normalised) is the student's current code; false when none was issued. */
export function accessCodeMatches(studentId: string, storedHash: string | null, code: string): boolean {
  // Compared even when nothing is stored, so a student without a code takes as long as a wrong code;
  // and under both suites' functions every time, so the time does not tell which one matched.
  const stored = Buffer.from(storedHash ?? "0".repeat(64), "hex");
  let same = false;
  for (const candidate of blindIndexCandidates(fieldKeys(), subject(studentId, code))) {
    const typed = Buffer.from(candidate, "hex");
    const equal = stored.length === typed.length && timingSafeEqual(stored, typed);
    same = same || equal;
  }
  return storedHash !== null && same;
}
