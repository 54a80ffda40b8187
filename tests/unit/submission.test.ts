import { describe, expect, it } from "vitest";
import { submissionProblems, type SubmissionFacts } from "@/lib/domain/submission";
import { policyFor } from "@/lib/domain/policy-text";
import { STAGES } from "@/lib/domain/codes";
import { COMPLETE_SUBMISSION } from "../support/submission-facts";

const complete = COMPLETE_SUBMISSION;

describe("submission checks", () => {
  it("has no problem for a complete application", () => {
    expect(submissionProblems(complete)).toEqual([]);
  });
  it.each([
    [{ enrolmentConfirmed: false }, "请先确认学籍信息。"],
    [{ policyAcknowledged: false }, "请先阅读并确认资助政策。"],
    [{ programmeCount: 0 }, "请至少选择一个资助项目。"],
    [{ commitmentSigned: false }, "请阅读并签署诚信承诺。"],
    [{ familyMemberCount: 0 }, "所选资助项目要求填写：家庭成员信息。"],
    [
      { household: { ...complete.household!, totalAnnualIncomeFen: null, memberCount: null } },
      "所选资助项目要求填写：家庭年总收入、家庭人口数。",
    ],
    [
      { household: { ...complete.household!, stateEmployedParent: null } },
      "请回答家庭就业与稳定收入情况的问题。",
    ],
  ] as [Partial<SubmissionFacts>, string][])("%o → %s", (patch, message) => {
    expect(submissionProblems({ ...complete, ...patch })).toEqual([message]);
  });
  it("routes a state-employed parent to the aid office", () => {
    const p = submissionProblems({
      ...complete,
      household: { ...complete.household!, stateEmployedParent: true },
    });
    expect(p).toHaveLength(1);
    expect(p[0]).toContain("资助办公室现场申请");
  });
  it("asks only for the fields the chosen programmes require", () => {
    expect(submissionProblems({ ...complete, requiredFields: [], familyMemberCount: 0 })).toEqual([]);
  });
  it("has a policy text for every stage", () => {
    for (const s of STAGES) expect(policyFor(s).summary.length).toBeGreaterThan(10);
  });
});
