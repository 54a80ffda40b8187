/**
 * The applicant's notifications (lib/domain/notifications/catalogue.ts, audience APPLICANT), each written in the
 * transaction of its event. Recipients are the student's own account and the parents bound to the student,
 * nobody else (lib/db/notifications.repo.ts, applicantsSource).
 */
import "server-only";
import type { Tx } from "@/lib/db/client";
import { paymentFacts, schoolNameOf } from "@/lib/db/notifications.repo";
import { HARDSHIP_LEVEL_LABELS, type HardshipLevel } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { notify, notifyFanOut } from "./notify";

/** What every applicant event needs to know of the application. */
export type ApplicantOf = { personId: string; schoolId: string; studentName: string };

/** The applicant of an application as read by the services (its person, with the name). */
export const applicantOf = (application: {
  personId: string;
  schoolId: string;
  person: { name: string };
}): ApplicantOf => ({
  personId: application.personId,
  schoolId: application.schoolId,
  studentName: application.person.name,
});

const applyLink = (personId: string) => `/portal/apply/${personId}`;
const resultLink = (personId: string) => `/portal/result/${personId}`;

export function notifyApplicationReturned(tx: Tx, app: ApplicantOf, reason: string, deadline: Date) {
  return notify(tx, {
    kind: "APPLICATION_RETURNED",
    recipients: { applicantsOf: [app.personId] },
    schoolId: app.schoolId,
    params: { student: app.studentName, reason, deadline: formatBeijingDateTime(deadline) },
    link: applyLink(app.personId),
  });
}

export function notifyApplicationVerified(tx: Tx, app: ApplicantOf) {
  return notify(tx, {
    kind: "APPLICATION_VERIFIED",
    recipients: { applicantsOf: [app.personId] },
    schoolId: app.schoolId,
    params: { student: app.studentName },
    link: applyLink(app.personId),
  });
}

export function notifyApplicationDetermined(tx: Tx, app: ApplicantOf, level: HardshipLevel) {
  return notify(tx, {
    kind: "APPLICATION_DETERMINED",
    recipients: { applicantsOf: [app.personId] },
    schoolId: app.schoolId,
    params: { student: app.studentName, level: HARDSHIP_LEVEL_LABELS[level] },
    link: resultLink(app.personId),
  });
}

/**
 * A publicity opened: every applicant of the school's term (of the grade, for a grade's publicity) — a fan-out:
 * one row in the event's transaction, expanded into each applicant's notification by the delivery job.
 */
export async function notifyPublicityStarted(
  tx: Tx,
  batch: {
    id: string;
    schoolId: string;
    termId: string;
    gradeId: string | null;
    title: string;
    endDate: string;
  },
) {
  return notifyFanOut(
    tx,
    "PUBLICITY_STARTED",
    { schoolApplicants: { schoolId: batch.schoolId, termId: batch.termId, gradeId: batch.gradeId } },
    {
      schoolId: batch.schoolId,
      params: { school: await schoolNameOf(tx, batch.schoolId), title: batch.title, endDate: batch.endDate },
      link: `/publicity/${batch.id}`,
    },
  );
}

/** An objection or 复议 request was answered: its filer (an applicant or a parent) hears of it. */
export function notifyObjectionAnswered(
  tx: Tx,
  objection: { filerId: string; schoolId: string; reviewRequest: boolean },
) {
  return notify(tx, {
    kind: "OBJECTION_ANSWERED",
    recipients: [objection.filerId],
    schoolId: objection.schoolId,
    params: { case: objection.reviewRequest ? "复议申请" : "异议" },
    link: "/portal",
  });
}

/** A roster payment was recorded: the applicant is asked to confirm receipt (签收) on the result page. */
export async function notifyPaymentRecorded(tx: Tx, paid: { studentId: string; rosterId: string }) {
  const facts = await paymentFacts(tx, paid.studentId, paid.rosterId);
  if (!facts) return 0;
  return notify(tx, {
    kind: "PAYMENT_RECORDED",
    recipients: { applicantsOf: [facts.personId] },
    schoolId: facts.schoolId,
    params: { student: facts.studentName, programme: facts.programme },
    link: resultLink(facts.personId),
  });
}
