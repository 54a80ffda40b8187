import { db } from "@/lib/db/client";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import { formatBeijingDate } from "@/lib/domain/time";
import { saveClassEvaluation, startSupplementaryEvaluation } from "@/lib/services/class-evaluation";
import { loadCallList, revealGuardianPhone } from "@/lib/services/guardian-contact";
import { startPaperApplication } from "@/lib/services/paper-application";
import { reportSignInProblem, resolveSignInProblem } from "@/lib/services/sign-in-problems";
import { exportMonitor } from "@/lib/services/teacher-export";
import {
  correctGuardian,
  handleEnrolmentIssue,
  loadRosterStudent,
  resolveEnrolmentIssue,
} from "@/lib/services/class-roster";
import {
  loadMonitor,
  loadReview,
  recordHomeVisit,
  returnApplication,
  verifyApplication,
} from "@/lib/services/teacher-verification";
import type { Side } from "../../support/access-world";
import { submittedClassEvaluation } from "../../support/determination-fixtures";
import { makeParent, makeStudent } from "../../support/fixtures";
import {
  loadBindingView,
  printClassLetters,
  reissueAccessCode,
  releaseSquattedMobile,
} from "@/lib/services/access-codes";
import { makeApplication } from "../../support/teacher-fixtures";
import type { ProbeTable } from "./types";

/** A submitted application of a fresh student in the target side's senior class (the side's teacher's class). */
async function submittedApp(target: Side, termId: string) {
  const st = await makeStudent(target.senior);
  return makeApplication(st, termId, "submitted");
}

let modelReady: Promise<unknown> | undefined;

/** Probes for the teacher actions of lib/auth/access/teacher.ts: one per action. */
export const TEACHER_PROBES: ProbeTable = {
  "teacher.roster.view": async ({ caller, target }) =>
    (await loadRosterStudent(caller, target.student.student.id)).ok,
  "guardian.call_list": async ({ caller, target }) => (await loadCallList(caller, target.senior.klass.id)).ok,
  "guardian.reveal_phone": async ({ caller, target }) => {
    const g = await db().guardian.findFirstOrThrow({ where: { studentId: target.student.student.id } });
    return (await revealGuardianPhone(caller, g.id)).ok;
  },
  "guardian.correct": async ({ caller, target }) => {
    const g = await db().guardian.findFirstOrThrow({ where: { studentId: target.student.student.id } });
    return (
      await correctGuardian(caller, g.id, {
        name: "陈红",
        relation: "母亲",
        mobile: "13912345678",
        idNumber: "",
      })
    ).ok;
  },
  "enrolment_issue.handle": async ({ caller, target }) => {
    const issue = await db().enrolmentIssue.create({
      data: {
        studentId: target.student.student.id,
        reportedById: target.users.STUDENT.id,
        content: "学籍号有误",
      },
    });
    return (await handleEnrolmentIssue(caller, issue.id, "escalate", {})).ok;
  },
  "enrolment_issue.resolve": async ({ caller, target }) => {
    const issue = await db().enrolmentIssue.create({
      data: {
        studentId: target.student.student.id,
        reportedById: target.users.STUDENT.id,
        content: "入学年月有误",
        escalated: true,
      },
    });
    return (await resolveEnrolmentIssue(caller, issue.id, { resolution: "已更正入学年月" })).ok;
  },
  "application.monitor": async ({ caller, target }) =>
    (await loadMonitor(caller, { classId: target.senior.klass.id, page: 1 })).ok,
  "application.export": async ({ caller, target }) => {
    const r = await exportMonitor(caller, { classId: target.senior.klass.id, page: 1 });
    if (!r.ok) return false;
    for await (const chunk of r.data.stream) void chunk;
    return true;
  },
  "application.inspect": async ({ world, caller, target }) =>
    (await loadReview(caller, (await submittedApp(target, world.termId)).id)).ok,
  "application.verify": async ({ world, caller, target }) =>
    (await verifyApplication(caller, (await submittedApp(target, world.termId)).id)).ok,
  "application.return": async ({ world, caller, target }) =>
    (
      await returnApplication(caller, (await submittedApp(target, world.termId)).id, {
        reason: "收入证明不清晰，请重新上传",
        deadline: "",
      })
    ).ok,
  "homevisit.record": async ({ world, caller, target }) => {
    await (modelReady ??= seedDefaultModel(db()));
    const app = await submittedApp(target, world.termId);
    return (
      await recordHomeVisit(caller, app.id, {
        visitDate: formatBeijingDate(new Date()),
        visitors: "李老师、张老师",
        findings: "家中老人患病，住房简陋",
        scores: { family_structure: "none", housing: "basic", consumption: "frugal", home_visit: "poor" },
      })
    ).ok;
  },
  "evaluation.submit": async ({ caller, target }) =>
    (
      await saveClassEvaluation(
        caller,
        target.senior.klass.id,
        {
          members: "李老师 班主任\n张老师 科任教师\n王同学 学生代表",
          report: "经评议小组认真讨论，按困难程度排序。",
        },
        false,
      )
    ).ok,
  "evaluation.supplement": async ({ caller, target, world }) => {
    // The target class's evaluation was submitted; an applicant was verified afterwards.
    await submittedApp(target, world.termId).then((a) =>
      db().application.update({ where: { id: a.id }, data: { state: "verified", verifiedAt: new Date() } }),
    );
    await submittedClassEvaluation(world.termId, target.senior.klass.id);
    await startSupplementaryEvaluation(caller, target.senior.klass.id);
    const e = await db().classEvaluation.findUniqueOrThrow({
      where: { termId_classId: { termId: world.termId, classId: target.senior.klass.id } },
    });
    // Leave the class's evaluation open again, as the other probes expect it.
    await db().classEvaluation.update({ where: { id: e.id }, data: { submittedAt: null } });
    return e.submittedAt === null;
  },
  "paper.enter": async ({ caller, target }) =>
    (await startPaperApplication(caller, (await makeStudent(target.senior)).person.id)).ok,
  "signin_problem.report": async ({ caller, target }) =>
    (
      await reportSignInProblem(caller, {
        classId: target.senior.klass.id,
        subjectName: "学生甲",
        subjectRole: "STUDENT",
        description: "提示身份证号或密码错误",
      })
    ).ok,
  "signin_problem.resolve": async ({ caller, target }) => {
    const p = await db().signInProblem.create({
      data: {
        schoolId: target.senior.school.id,
        classId: target.senior.klass.id,
        subjectName: "家长乙",
        subjectRole: "PARENT",
        description: "收不到验证码",
        reportedById: target.users.TEACHER.id,
      },
    });
    return (await resolveSignInProblem(caller, p.id, { resolution: "已核对监护人手机号并更正" })).ok;
  },
  // A fresh student without a code in the side's senior class: printing issues it a code on a letter.
  "letters.print": async ({ caller, target }) => {
    const st = await makeStudent(target.senior);
    const r = await printClassLetters(caller, target.senior.klass.id);
    const issued = await db().studentAccessCode.count({ where: { studentId: st.student.id } });
    return r.ok && r.data.some((l) => l.studentId === st.student.id) && issued === 1;
  },
  "access_code.reissue": async ({ caller, target }) => {
    const st = await makeStudent(target.senior);
    const r = await reissueAccessCode(caller, st.student.id);
    return r.ok && (await db().studentAccessCode.count({ where: { studentId: st.student.id } })) === 1;
  },
  "binding.view": async ({ caller, target }) => (await loadBindingView(caller, target.student.student.id)).ok,
  // Someone registered the guardian mobile of a fresh student and bound the student: the school releases it.
  "binding.release": async ({ caller, target }) => {
    const st = await makeStudent(target.senior);
    const squatter = await makeParent(st.guardianPhone, [st.person.id]);
    const g = await db().guardian.findFirstOrThrow({ where: { studentId: st.student.id } });
    const r = await releaseSquattedMobile(caller, st.student.id, g.id, { reason: "监护人持身份证到校核实" });
    const still = await db().parentChild.count({ where: { parentId: squatter.id } });
    return r.ok && still === 0;
  },
};
