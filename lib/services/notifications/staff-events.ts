/**
 * The staff's notifications of issue 22 item 1 (teachers, aid officers, supervisors), each written by the
 * service that makes the change, in its transaction (`tx`), through the notifications API
 * (lib/services/notifications/notify.ts). Recipients are exact: a class's own teachers, a school's own aid
 * officers, the supervisors of exactly the region whose duty it is. The applicants' notifications are
 * notifcore's (lib/services/notifications/notify.ts callers in the applicant flow).
 */
import "server-only";
import type { Tx } from "@/lib/db/client";
import { LIST_PROGRAMME_LABELS, type ListProgramme } from "@/lib/domain/vocational-list-view";
import { schoolNameOf } from "@/lib/db/notifications.repo";
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

/** A family reported wrong enrolment data: the teachers of the student's class, with a link to the class list. */
export function notifyEnrolmentErrorReported(
  tx: Tx,
  student: { schoolId: string; classId: string; gradeName: string; className: string; name: string },
) {
  return notify(tx, {
    kind: "ENROLMENT_ERROR_REPORTED",
    recipients: { classTeachersOf: student.classId },
    schoolId: student.schoolId,
    params: { class: `${student.gradeName}${student.className}`, student: student.name },
    link: `/console/teacher/roster?classId=${student.classId}`,
  });
}

/** A class's evaluation (班级评议) was submitted: the school's aid officers. */
export function notifyClassEvaluationSubmitted(
  tx: Tx,
  klass: { id: string; schoolId: string; gradeId: string; name: string; grade: { name: string } },
) {
  return notify(tx, {
    kind: "CLASS_EVALUATION_SUBMITTED",
    recipients: { schoolAdminsOf: klass.schoolId },
    schoolId: klass.schoolId,
    params: { class: `${klass.grade.name}${klass.name}` },
    link: `/console/determination?gradeId=${klass.gradeId}&classId=${klass.id}`,
  });
}

/** An objection (异议) or a 复议 request was filed on a publicity: the school's aid officers, who answer it. */
export function notifyObjectionFiled(tx: Tx, batch: { id: string; schoolId: string; title: string }) {
  return notify(tx, {
    kind: "OBJECTION_FILED",
    recipients: { schoolAdminsOf: batch.schoolId },
    schoolId: batch.schoolId,
    params: { title: batch.title },
    link: `/console/determination/publicity/${batch.id}`,
  });
}

/**
 * A step of a 中职 monthly list (lib/services/vocational-roster.ts) that hands it to someone: passed by the
 * school (awaiting 主管部门审核) or publicised (awaiting 名单公示确认) → the supervisors of exactly the school's
 * own region, whose duty it is (the domain refuses supervisors above it); a withdrawal request → the same; the
 * supervisor refusing the list or its publicity → the school's aid officers, with the reason.
 */
export async function notifyMonthlyListChange(
  tx: Tx,
  command: { kind: string; pass?: boolean },
  list: { rosterId: string; month: number; schoolId: string; schoolRegionId: string; programmeKind: string },
  comment: string | null,
) {
  const programme = LIST_PROGRAMME_LABELS[list.programmeKind as ListProgramme] ?? "";
  const name = `${list.month}月中职${programme}名单`;
  const toSupervisors = async (kind: "LIST_AWAITING_CONFIRMATION" | "WITHDRAWAL_REQUESTED") => {
    const school = await schoolNameOf(tx, list.schoolId);
    return notify(tx, {
      kind,
      recipients: { regionSupervisorsOf: list.schoolRegionId },
      schoolId: null,
      params: { school, list: name },
      link: `/console/supervisor/vocational/${list.rosterId}`,
    });
  };
  const refused = () =>
    notify(tx, {
      kind: "SUPERVISOR_REFUSED",
      recipients: { schoolAdminsOf: list.schoolId },
      schoolId: list.schoolId,
      params: { list: name, reason: comment ?? "未填写原因" },
      link: `/console/rosters/vocational/${list.rosterId}`,
    });
  switch (command.kind) {
    case "SCHOOL_REVIEW":
      return command.pass ? toSupervisors("LIST_AWAITING_CONFIRMATION") : 0;
    case "PUBLICISE":
      return toSupervisors("LIST_AWAITING_CONFIRMATION");
    case "REQUEST_WITHDRAWAL":
      return toSupervisors("WITHDRAWAL_REQUESTED");
    case "SUPERVISOR_REVIEW":
      return command.pass ? 0 : refused();
    case "REFUSE_PUBLICITY":
      return refused();
    default:
      return 0;
  }
}

const IMPORT_LABELS = { ROSTER: "在校生信息", SPECIAL_GROUP: "特殊群体名单" } as const;
const IMPORT_PAGES = {
  ROSTER: "/console/admin/students",
  SPECIAL_GROUP: "/console/admin/special-groups",
} as const;

/**
 * An import ended: finished (`failure` null) or failed / nothing written (`failure`: the job's Chinese
 * message) → the aid officers of the job's school, with a link to the import's page.
 */
export async function notifyImportEnded(tx: Tx, jobId: string, failure: string | null) {
  const job = await tx.importJob.findUniqueOrThrow({
    where: { id: jobId },
    select: { schoolId: true, kind: true, processedRows: true },
  });
  const common = {
    recipients: { schoolAdminsOf: job.schoolId },
    schoolId: job.schoolId,
    link: IMPORT_PAGES[job.kind],
  };
  return failure === null
    ? notify(tx, {
        ...common,
        kind: "IMPORT_FINISHED",
        params: { import: IMPORT_LABELS[job.kind], count: String(job.processedRows) },
      })
    : notify(tx, {
        ...common,
        kind: "IMPORT_FAILED",
        params: { import: IMPORT_LABELS[job.kind], reason: failure },
      });
}

/**
 * A support problem now waits in a supervisor region's queue (filed there, or passed up to it) → the supervisors
 * of exactly that region; a school-level queue is the aid officers' own list (no message).
 */
export async function notifySupportProblemQueued(
  tx: Tx,
  problemId: string,
  queue: { regionId: string | null },
) {
  if (!queue.regionId) return 0;
  const problem = await tx.supportProblem.findUniqueOrThrow({
    where: { id: problemId },
    select: { subject: true },
  });
  return notify(tx, {
    kind: "SUPPORT_PROBLEM_ASSIGNED",
    recipients: { regionSupervisorsOf: queue.regionId },
    schoolId: null,
    params: { subject: problem.subject },
    link: `/console/support/${problemId}`,
  });
}

/**
 * A 普高 免学杂费 list (lib/services/fee-waiver-list.ts) passed by the school → the supervisors of the school's
 * own region, whose review it awaits; refused by the supervisor → the school's aid officers, with the reason.
 */
export function notifyFeeWaiverListChange(
  tx: Tx,
  command: { kind: string; pass?: boolean },
  list: { id: string; schoolId: string; schoolName: string; schoolRegionId: string },
  comment: string | null,
) {
  const name = "普高免学杂费名单";
  if (command.kind === "SCHOOL_REVIEW" && command.pass)
    return notify(tx, {
      kind: "LIST_AWAITING_CONFIRMATION",
      recipients: { regionSupervisorsOf: list.schoolRegionId },
      schoolId: null,
      params: { school: list.schoolName, list: name },
      link: `/console/supervisor/fee-waiver/${list.id}`,
    });
  if (command.kind === "SUPERVISOR_REVIEW" && command.pass === false)
    return notify(tx, {
      kind: "SUPERVISOR_REFUSED",
      recipients: { schoolAdminsOf: list.schoolId },
      schoolId: list.schoolId,
      params: { list: name, reason: comment ?? "未填写原因" },
      link: `/console/rosters/fee-waiver/${list.id}`,
    });
  return 0;
}
