import { describe, expect, it } from "vitest";
import { isClosed, recoveryAmountProblem, remainingFen } from "@/lib/domain/aid-recovery";

describe("aid recovery amounts", () => {
  const open = { dueFen: 100_000, recoveredFen: 40_000 };
  it("what is still due", () => {
    expect(remainingFen(open)).toBe(60_000);
    expect(isClosed(open)).toBe(false);
    expect(isClosed({ dueFen: 100_000, recoveredFen: 100_000 })).toBe(true);
  });
  it("accepts up to what is still due", () => {
    expect(recoveryAmountProblem(open, 1)).toBeNull();
    expect(recoveryAmountProblem(open, 60_000)).toBeNull();
  });
  it("refuses more than is still due, nothing, and anything once closed", () => {
    expect(recoveryAmountProblem(open, 60_001)).toContain("不能超过尚未追回的600.00元");
    expect(recoveryAmountProblem(open, 0)).toContain("须大于0");
    expect(recoveryAmountProblem({ dueFen: 500, recoveredFen: 500 }, 1)).toContain("已全部完成");
  });
});
