/**
 * The follow-up a school's publicity waits for (lib/services/follow-up.ts): draw the sample and record a
 * satisfied contact for every sampled student, as the school's aid officer.
 */
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { formatBeijingDate } from "@/lib/domain/time";
import { drawFollowUpSample, recordFollowUpContact } from "@/lib/services/follow-up";

export async function completeFollowUp(admin: SessionUser & { schoolId: string | null }) {
  const drawn = await drawFollowUpSample(admin);
  if (!drawn.ok) throw new Error(drawn.message);
  const members = await db().followUpSampleMember.findMany({
    where: { sample: { schoolId: admin.schoolId! } },
    select: { id: true },
  });
  for (const member of members) {
    const done = await recordFollowUpContact(admin, member.id, {
      contactedOn: formatBeijingDate(new Date()),
      way: "PHONE",
      satisfied: "true",
      notes: "已告知认定结果",
      reason: "",
    });
    if (!done.ok) throw new Error(done.message);
  }
}
