/**
 * The staff's notifications of issue 22 item 1 (teachers, aid officers, supervisors), each written by the
 * service that makes the change, in its transaction (`tx`), through the notifications API
 * (lib/services/notifications/notify.ts). Recipients are exact: a class's own teachers, a school's own aid
 * officers, the supervisors of exactly the region whose duty it is. The applicants' notifications are
 * notifcore's (lib/services/notifications/notify.ts callers in the applicant flow).
 */
import "server-only";
import type { Tx } from "@/lib/db/client";
import { notify } from "./notify";

/** A new submission or a resubmission: the class's teachers, with a link to verify it. */
export function notifySubmissionReceived(
  tx: Tx,
  student: { schoolId: string; gradeName: string; className: string; name: string },
  application: { id: string; classId: string },
) {
  return notify(tx, {
    kind: "SUBMISSION_RECEIVED",
    recipients: { classTeachersOf: application.classId },
    schoolId: student.schoolId,
    params: { class: `${student.gradeName}${student.className}`, student: student.name },
    link: `/console/teacher/applications/${application.id}`,
  });
}
