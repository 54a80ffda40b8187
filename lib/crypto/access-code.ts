/**
 * Keyed hashes of school-issued access codes (lib/domain/access-code.ts):
 * HMAC with the blind-index key, bound to the student, so the database never
 * holds a code in clear and the same code on two students hashes differently.
 */
import { timingSafeEqual } from "node:crypto";
import { blindIndex } from "./field-crypto";
import { fieldKeys } from "./keys";

export const accessCodeHash = (studentId: string, code: string) =>
  blindIndex(fieldKeys(), `access-code|${studentId}|${code}`);

/** Whether `code` (normalised) is the student's current code; false when none was issued. */
export function accessCodeMatches(studentId: string, storedHash: string | null, code: string): boolean {
  const typed = Buffer.from(accessCodeHash(studentId, code), "hex");
  // Compared even when nothing is stored, so a student without a code takes as long as a wrong code.
  const stored = Buffer.from(storedHash ?? "0".repeat(64), "hex");
  const same = stored.length === typed.length && timingSafeEqual(stored, typed);
  return storedHash !== null && same;
}
