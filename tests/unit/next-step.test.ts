import { describe, expect, it } from "vitest";
import { APPLICATION_STATES } from "@/lib/domain/codes";
import { nextStepFor } from "@/lib/domain/next-step";

const now = new Date("2026-09-25T00:00:00Z");
const d = {
  returnDeadline: new Date("2026-09-28T00:00:00Z"),
  verifyDeadline: new Date("2026-10-07T15:59:00Z"),
  reviewDeadline: new Date("2026-10-20T15:59:00Z"),
  applyEnd: new Date("2026-09-30T15:59:00Z"),
};

describe("next step for the applicant", () => {
  it("has a Chinese instruction for every state", () => {
    for (const s of APPLICATION_STATES) expect(nextStepFor(s, d, now)).toMatch(/[\u4e00-\u9fa5]/);
  });
  it("gives the correction deadline with a countdown when returned", () => {
    expect(nextStepFor("returned", d, now)).toBe(
      "请按退回原因修改，并在 2026-09-28 08:00（剩余 3天0小时）前重新提交。",
    );
  });
  it("says withdrawing is possible while waiting for the teacher", () => {
    expect(nextStepFor("submitted", d, now)).toContain("可以撤回");
  });
});
