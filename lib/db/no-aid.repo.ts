/**
 * 未资助原因 records (one per student and term), written from the special-group
 * list and from the determination follow-up; the callers check the student
 * against their scope first.
 */
import "server-only";
import { db } from "./client";
import type { NoAidReason } from "./generated/enums";

export async function upsertNoAid(input: {
  termId: string;
  schoolId: string;
  studentId: string;
  reason: NoAidReason;
  detail: string | null;
  recordedById: string;
}): Promise<void> {
  const { termId, studentId, ...rest } = input;
  await db().noAidRecord.upsert({
    where: { termId_studentId: { termId, studentId } },
    update: {
      reason: rest.reason,
      detail: rest.detail,
      recordedById: rest.recordedById,
      recordedAt: new Date(),
    },
    create: input,
  });
}
