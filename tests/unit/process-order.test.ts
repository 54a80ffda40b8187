import { describe, expect, it } from "vitest";
import {
  applicantMemberProblem,
  centreReviewProblem,
  processFlowText,
  schoolPublicityOverlapProblem,
  stepOrderProblem,
  type ProcessFacts,
} from "@/lib/domain/process-order";

const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
const facts = (over: Partial<ProcessFacts> = {}): ProcessFacts => ({
  isVillage: false,
  classesWithoutEvaluation: [],
  gradesWithoutEndedPublicity: [],
  committeeAt: null,
  signOffAt: null,
  centreReviewAt: null,
  schoolPublicityFinal: false,
  ...over,
});

describe("the order of the determination process", () => {
  it("grade committee after every class evaluation", () => {
    expect(stepOrderProblem("GRADE_COMMITTEE", facts({ classesWithoutEvaluation: ["高一2班"] }))).toContain(
      "以下班级尚未提交班级评议：高一2班",
    );
    expect(stepOrderProblem("GRADE_COMMITTEE", facts())).toBeNull();
  });
  it("school committee only after every grade publicity has ended", () => {
    expect(
      stepOrderProblem(
        "SCHOOL_COMMITTEE",
        facts({ gradesWithoutEndedPublicity: ["高一（公示至 2026-11-27）"] }),
      ),
    ).toContain("高一（公示至 2026-11-27）");
    expect(stepOrderProblem("SCHOOL_COMMITTEE", facts())).toBeNull();
  });
  it("镇中心校审核 only for village schools, after the signature; school publicity waits for it there", () => {
    expect(stepOrderProblem("CENTRE_SCHOOL_REVIEW", facts({ signOffAt: at(2) }))).toContain(
      "无需镇中心校审核",
    );
    expect(stepOrderProblem("CENTRE_SCHOOL_REVIEW", facts({ isVillage: true }))).toContain("校长签字后");
    expect(
      stepOrderProblem(
        "CENTRE_SCHOOL_REVIEW",
        facts({ isVillage: true, committeeAt: at(1), signOffAt: at(2) }),
      ),
    ).toBeNull();
    expect(centreReviewProblem({ isVillage: false, signOffAt: at(2), centreReviewAt: null })).toBeNull();
    expect(centreReviewProblem({ isVillage: true, signOffAt: at(2), centreReviewAt: null })).toContain(
      "镇中心校",
    );
    // A review before a later (new) signature does not count.
    expect(centreReviewProblem({ isVillage: true, signOffAt: at(3), centreReviewAt: at(2) })).not.toBeNull();
    expect(centreReviewProblem({ isVillage: true, signOffAt: at(2), centreReviewAt: at(3) })).toBeNull();
  });
  it("report upward after the school publicity is final; the flow text names 镇中心校审核 only for village schools", () => {
    expect(stepOrderProblem("REPORTED_UPWARD", facts())).toContain("学校公示");
    expect(stepOrderProblem("REPORTED_UPWARD", facts({ schoolPublicityFinal: true }))).toBeNull();
    expect(processFlowText(false)).not.toContain("镇中心校");
    expect(processFlowText(true)).toContain("校长签字 → 镇中心校审核 → 学校公示");
  });
  it("the school publicity never overlaps a grade publicity", () => {
    expect(schoolPublicityOverlapProblem("2026-11-27", "2026-11-27")).toContain("2026-11-27 之后");
    expect(schoolPublicityOverlapProblem("2026-11-28", "2026-11-27")).toBeNull();
    expect(schoolPublicityOverlapProblem("2026-11-28", null)).toBeNull();
  });
  it("no applicant on a committee, whatever the spacing", () => {
    expect(
      applicantMemberProblem([{ name: "王 小明" }, { name: "李老师" }], ["王小明"], "校级认定小组"),
    ).toBe("申请人不能担任校级认定小组成员：王 小明。请换成非申请人。");
    expect(applicantMemberProblem([{ name: "李老师" }], ["王小明"], "校级认定小组")).toBeNull();
  });
  it("no applicant on a committee, whatever middle dot or full-width letters the name is written with", () => {
    expect(
      applicantMemberProblem(
        [{ name: "阿依古丽.买买提" }, { name: "李老师" }],
        ["阿依古丽·买买提"],
        "年级认定小组",
      ),
    ).toBe("申请人不能担任年级认定小组成员：阿依古丽.买买提。请换成非申请人。");
    expect(applicantMemberProblem([{ name: "ＬＩ Ｍｉｎｇ" }], ["LI Ming"], "年级认定小组")).not.toBeNull();
  });
});
