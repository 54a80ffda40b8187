import { accessCodeHash } from "@/lib/crypto/access-code";
import { replaceCode } from "@/lib/db/access-codes.repo";
import { formatAccessCode } from "@/lib/domain/access-code";
import { newAccessCode } from "@/lib/services/access-codes";

/** Issues a fresh school code to a student (as printing the letter would) and returns it as printed ("ABCD-EFGH"). */
export async function issueCode(student: { student: { id: string } }): Promise<string> {
  const code = newAccessCode();
  await replaceCode(student.student.id, accessCodeHash(student.student.id, code));
  return formatAccessCode(code);
}

/** A well-formed code that is nobody's. */
export const WRONG_CODE = "ZZZZ-9999";
