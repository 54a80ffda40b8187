import { describe, expect, it } from "vitest";
import { overrideProblem, schoolPublicityProblem, signOffProblem } from "@/lib/domain/determination";

describe("a final level different from the simulated one needs a reason", () => {
  it("needs none when equal", () => {
    expect(overrideProblem("HARDSHIP", "HARDSHIP", "")).toBeNull();
  });
  it("refuses an empty or too short reason, naming both levels", () => {
    expect(overrideProblem("HARDSHIP", "SPECIAL", "")).toBe(
      "认定等级（特别困难）与模拟等级（困难）不同，请在“调整理由”中写明原因（至少4个字）",
    );
    expect(overrideProblem("HARDSHIP", "GENERAL", "  调整 ")).not.toBeNull();
    expect(overrideProblem("HARDSHIP", "GENERAL", "年级调整理由")).toBeNull();
  });
});

describe("publication needs the committee and a fresh sign-off", () => {
  const t = (h: number) => new Date(Date.UTC(2026, 9, 1, h));
  it("in order: committee, signature, no change afterwards", () => {
    expect(schoolPublicityProblem({ committeeAt: null, signOffAt: null, lastChangeAt: null })).toBe(
      "校级认定小组尚未审核，不能公示。",
    );
    expect(schoolPublicityProblem({ committeeAt: t(1), signOffAt: null, lastChangeAt: null })).toBe(
      "校长尚未签字确认认定结果，不能公示。",
    );
    expect(schoolPublicityProblem({ committeeAt: t(2), signOffAt: t(1), lastChangeAt: null })).toBe(
      "校长尚未签字确认认定结果，不能公示。",
    );
    expect(schoolPublicityProblem({ committeeAt: t(1), signOffAt: t(2), lastChangeAt: t(1) })).toBeNull();
    expect(schoolPublicityProblem({ committeeAt: t(1), signOffAt: t(2), lastChangeAt: t(3) })).toContain(
      "重新签字",
    );
  });
  it("the leader signs only after the committee", () => {
    expect(signOffProblem(null)).toContain("校级认定小组审核后");
    expect(signOffProblem(t(1))).toBeNull();
  });
});
