/**
 * 待办事项 of the console home for the application work (lib/domain/todos.ts holds the lists'): the teacher's
 * applications to verify, returned ones near their deadline, class evaluations and enrolment errors; the aid
 * officer's applications to review, objections, escalated enrolment errors and imports that need a look; the
 * leader's signature; the support problems in the handler's own queue. Each a {label, count, href} whose link
 * opens the page that lists exactly those items. Pure: the counts come from lib/db/todos-staff.repo.ts.
 */
import { NEAR_DEADLINE_WORKING_DAYS, type Todo } from "./todos";

export type TeacherClassCounts = {
  classId: string;
  /** "高一1班" */
  label: string;
  /** Regular applications of the class waiting for the teacher's 核实 (as the monitor lists them). */
  submitted: number;
  /** 动态调整 of the class waiting for the teacher's 核实 (listed on /console/adjustments). */
  adjustmentsSubmitted: number;
  /** Returned applications whose deadline to resubmit is within the near-deadline window and not yet past. */
  returnedNearDeadline: number;
  /** The class has verified applicants and its class evaluation (班级评议) is not submitted. */
  evaluationDue: boolean;
  /** Enrolment errors reported by families, open and not passed on to the school. */
  openEnrolmentIssues: number;
};

const monitorHref = (classId: string, state: "submitted" | "returned") =>
  `/console/teacher/applications?classId=${encodeURIComponent(classId)}&state=${state}`;

/**
 * The teacher's to-dos per class: the applications to verify always (0 says "nothing waits"), the others only
 * when there is something to do.
 */
export function teacherTodos(classes: readonly TeacherClassCounts[]): Todo[] {
  return classes.flatMap((klass) => {
    const id = encodeURIComponent(klass.classId);
    const todos: Todo[] = [
      {
        key: `teacher.submitted.${klass.classId}`,
        label: `${klass.label}：待核实的申请`,
        count: klass.submitted,
        href: monitorHref(klass.classId, "submitted"),
      },
    ];
    if (klass.adjustmentsSubmitted > 0)
      todos.push({
        key: `teacher.adjustments.${klass.classId}`,
        label: `${klass.label}：待核实的动态调整`,
        count: klass.adjustmentsSubmitted,
        href: "/console/adjustments",
      });
    if (klass.returnedNearDeadline > 0)
      todos.push({
        key: `teacher.returned_near_deadline.${klass.classId}`,
        label: `${klass.label}：已退回、${NEAR_DEADLINE_WORKING_DAYS}个工作日内到修改截止`,
        count: klass.returnedNearDeadline,
        href: monitorHref(klass.classId, "returned"),
      });
    if (klass.evaluationDue)
      todos.push({
        key: `teacher.evaluation.${klass.classId}`,
        label: `${klass.label}：班级评议待提交`,
        count: 1,
        href: `/console/teacher/evaluation?classId=${id}`,
      });
    if (klass.openEnrolmentIssues > 0)
      todos.push({
        key: `teacher.enrolment_issues.${klass.classId}`,
        label: `${klass.label}：家长反馈的学籍信息错误待处理`,
        count: klass.openEnrolmentIssues,
        href: `/console/teacher/roster?classId=${id}`,
      });
    return todos;
  });
}

export type SchoolTodoCounts = {
  /** Applications verified by the class teacher, waiting for the school's review. */
  verified: number;
  /** Applications reviewed by the school, waiting for the final determination. */
  reviewed: number;
  /** Objections and 复议 requests not yet answered, per publicity. */
  objections: { batchId: string; title: string; open: number }[];
  /** Enrolment errors passed on to the school by teachers, still open. */
  escalatedEnrolmentIssues: number;
  /**
   * 在校生 imports of the last {@link RECENT_IMPORT_DAYS} days that failed or rejected rows (the students page
   * lists the recent imports with their rejected rows; the special-group page lists none).
   */
  rosterImportProblems: number;
  /** The school committee has reviewed since the leader last signed. */
  signOffPending: boolean;
};

/** How far back a failed import (or one with rejected rows) stays a to-do. */
export const RECENT_IMPORT_DAYS = 7;

/** The aid officer's to-dos of the application work. */
export function schoolAdminTodos(counts: SchoolTodoCounts): Todo[] {
  const todos: Todo[] = [
    {
      key: "determination.verified",
      label: "班主任已核实、待学校审核的申请",
      count: counts.verified,
      href: "/console/determination?state=verified",
    },
    {
      key: "determination.reviewed",
      label: "学校已审核、待确定认定结果的申请",
      count: counts.reviewed,
      href: "/console/determination?state=reviewed",
    },
  ];
  for (const batch of counts.objections)
    todos.push({
      key: `objections.${batch.batchId}`,
      label: `${batch.title}：异议、复议待答复`,
      count: batch.open,
      href: `/console/determination/publicity/${encodeURIComponent(batch.batchId)}`,
    });
  if (counts.escalatedEnrolmentIssues > 0)
    todos.push({
      key: "enrolment_issues.escalated",
      label: "班主任转来的学籍信息错误待处理",
      count: counts.escalatedEnrolmentIssues,
      href: "/console/admin/enrolment-issues",
    });
  if (counts.rosterImportProblems > 0)
    todos.push({
      key: "imports.roster",
      label: `近${RECENT_IMPORT_DAYS}天在校生导入失败或有未导入的行`,
      count: counts.rosterImportProblems,
      href: "/console/admin/students",
    });
  return todos;
}

/** The leader's to-do of the determination: the school committee's result waiting for the signature. */
export function leaderTodos(counts: Pick<SchoolTodoCounts, "signOffPending">): Todo[] {
  return [
    {
      key: "determination.sign_off",
      label: "校级认定小组审核结果待校长签字",
      count: counts.signOffPending ? 1 : 0,
      href: "/console/determination/process",
    },
  ];
}

/** The support problems waiting in the handler's own queue or taken by them and not yet answered. */
export function supportTodos(open: number | null): Todo[] {
  if (open === null) return [];
  return [
    { key: "support.mine", label: "问题反馈待受理或待答复", count: open, href: "/console/support/queue" },
  ];
}
