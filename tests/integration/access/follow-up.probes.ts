import { db } from "@/lib/db/client";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadRecoveries, recordRecovery } from "@/lib/services/aid-recovery";
import {
  answerReinvestigation,
  drawFollowUpSample,
  loadFollowUp,
  recordFollowUpContact,
} from "@/lib/services/follow-up";
import type { Side } from "../../support/access-world";
import { makeApplication } from "../../support/determination-fixtures";
import { makeStudent } from "../../support/fixtures";
import type { ProbeTable } from "./types";

let seq = 0;

/** The side's senior school's sample of the term (created when missing), with a new member of the teacher's class. */
async function sampledMember(termId: string, side: Side) {
  const schoolId = side.senior.school.id;
  const sample =
    (await db().followUpSample.findUnique({ where: { schoolId_termId: { schoolId, termId } } })) ??
    (await db().followUpSample.create({
      data: {
        schoolId,
        termId,
        seed: "probe-seed-0001",
        surveyPopulation: 1,
        waiverPopulation: 0,
        drawnById: side.users.SCHOOL_ADMIN.id,
      },
    }));
  const student = await makeStudent(side.senior);
  const member = await db().followUpSampleMember.create({
    data: { sampleId: sample.id, group: "SURVEY", studentId: student.student.id, position: 100 + ++seq },
  });
  return { member, studentId: student.student.id };
}

/** A recovery record of the side's senior school: a revoked application with 500.00 yuan due. */
async function recovery(side: Side) {
  const { app, student } = await makeApplication(side.senior, "revoked", { level: "HARDSHIP" });
  return db().aidRecovery.create({
    data: {
      applicationId: app.id,
      schoolId: side.senior.school.id,
      termId: app.termId,
      studentId: student.student.id,
      dueFen: 50_000,
    },
  });
}

const contactInput = (satisfied: boolean) => ({
  contactedOn: formatBeijingDate(new Date()),
  way: "PHONE",
  satisfied: String(satisfied),
  notes: "探针",
  reason: satisfied ? "" : "家长不满意，需重新调查",
});

/** Probes for lib/auth/access/follow-up.ts: one per action. */
export const FOLLOW_UP_PROBES: ProbeTable = {
  "follow_up.view": async ({ world, caller, target }) => {
    const { studentId } = await sampledMember(world.termId, target);
    const view = await loadFollowUp(caller);
    return view.ok && !!view.data.sample?.members.some((member) => member.studentId === studentId);
  },
  "follow_up.draw": async ({ caller, target }) => {
    // Someone of the target's school applied and was determined 不困难: the survey group is not empty.
    await makeApplication(target.senior, "determined", { level: "NONE" });
    const drawn = await drawFollowUpSample(caller);
    if (!drawn.ok) return false;
    const sample = await db().followUpSample.findFirst({ where: { schoolId: target.senior.school.id } });
    return sample?.seed === drawn.data.seed;
  },
  "follow_up.contact": async ({ world, caller, target }) => {
    const { member } = await sampledMember(world.termId, target);
    return (await recordFollowUpContact(caller, member.id, contactInput(true))).ok;
  },
  "follow_up.answer": async ({ world, caller, target }) => {
    const { member } = await sampledMember(world.termId, target);
    const contact = await db().followUpContact.create({
      data: {
        memberId: member.id,
        contactedOn: new Date(),
        way: "HOME_VISIT",
        satisfied: false,
        reinvestigationReason: "家长不满意，需重新调查",
        recordedById: target.users.SCHOOL_ADMIN.id,
      },
    });
    return (await answerReinvestigation(caller, contact.id, { answer: "已重新调查并解释" })).ok;
  },
  "aid_recovery.view": async ({ caller, target }) => {
    const record = await recovery(target);
    const view = await loadRecoveries(caller, "all");
    return view.ok && view.data.rows.some((row) => row.id === record.id);
  },
  "aid_recovery.record": async ({ caller, target }) => {
    const record = await recovery(target);
    return (
      await recordRecovery(caller, record.id, {
        recoveredOn: formatBeijingDate(new Date()),
        amount: "1",
        note: "",
      })
    ).ok;
  },
};
