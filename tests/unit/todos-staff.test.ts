import { describe, expect, it } from "vitest";
import {
  leaderTodos,
  schoolAdminTodos,
  supportTodos,
  teacherTodos,
  type SchoolTodoCounts,
} from "@/lib/domain/todos-staff";

describe("the teacher's to-dos", () => {
  it("lists each own class's applications to verify, and the rest only when there is something to do", () => {
    const todos = teacherTodos([
      {
        classId: "c1",
        label: "高一1班",
        submitted: 3,
        adjustmentsSubmitted: 1,
        returnedNearDeadline: 1,
        evaluationDue: true,
        openEnrolmentIssues: 2,
      },
      {
        classId: "c2",
        label: "高一2班",
        submitted: 0,
        adjustmentsSubmitted: 0,
        returnedNearDeadline: 0,
        evaluationDue: false,
        openEnrolmentIssues: 0,
      },
    ]);
    expect(todos.map(({ label, count, href }) => [label, count, href])).toEqual([
      ["高一1班：待核实的申请", 3, "/console/teacher/applications?classId=c1&state=submitted"],
      ["高一1班：待核实的动态调整", 1, "/console/adjustments"],
      [
        "高一1班：已退回、2个工作日内到修改截止",
        1,
        "/console/teacher/applications?classId=c1&state=returned",
      ],
      ["高一1班：班级评议待提交", 1, "/console/teacher/evaluation?classId=c1"],
      ["高一1班：家长反馈的学籍信息错误待处理", 2, "/console/teacher/roster?classId=c1"],
      ["高一2班：待核实的申请", 0, "/console/teacher/applications?classId=c2&state=submitted"],
    ]);
  });
});

const SCHOOL: SchoolTodoCounts = {
  verified: 4,
  reviewed: 2,
  objections: [{ batchId: "b1", title: "2026年秋季学期认定结果公示", open: 3 }],
  escalatedEnrolmentIssues: 1,
  rosterImportProblems: 2,
  signOffPending: true,
};

describe("the school's to-dos", () => {
  it("gives the aid officer reviews, objections per publicity, escalated errors and failed imports", () => {
    expect(schoolAdminTodos(SCHOOL).map(({ count, href }) => [count, href])).toEqual([
      [4, "/console/determination?state=verified"],
      [2, "/console/determination?state=reviewed"],
      [3, "/console/determination/publicity/b1"],
      [1, "/console/admin/enrolment-issues"],
      [2, "/console/admin/students"],
    ]);
    const quiet = schoolAdminTodos({
      ...SCHOOL,
      objections: [],
      escalatedEnrolmentIssues: 0,
      rosterImportProblems: 0,
    });
    expect(quiet.map((todo) => todo.key)).toEqual(["determination.verified", "determination.reviewed"]);
  });

  it("gives the leader the signature while the committee's review waits for it", () => {
    expect(leaderTodos(SCHOOL)).toEqual([
      {
        key: "determination.sign_off",
        label: "校级认定小组审核结果待校长签字",
        count: 1,
        href: "/console/determination/process",
      },
    ]);
    expect(leaderTodos({ signOffPending: false })[0]!.count).toBe(0);
  });

  it("gives support handlers their queue, nobody else", () => {
    expect(supportTodos(5)).toEqual([
      { key: "support.mine", label: "问题反馈待受理或待答复", count: 5, href: "/console/support/queue" },
    ]);
    expect(supportTodos(null)).toEqual([]);
  });
});
