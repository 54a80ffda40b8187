import { describe, expect, it } from "vitest";
import { programmeAmountText } from "@/lib/domain/programme-amount";

const base = {
  fixedAmountFen: null,
  amountSpecialFen: null,
  amountHardshipFen: null,
  amountGeneralFen: null,
};

describe("programmeAmountText", () => {
  it("names the level of each amount", () => {
    expect(
      programmeAmountText({
        ...base,
        amountMode: "BY_LEVEL",
        amountSpecialFen: 62_500,
        amountHardshipFen: 62_500,
      }),
    ).toBe("按认定等级：特别困难625.00元，困难625.00元");
  });
  it("a fixed amount, and a by-level programme without amounts yet", () => {
    expect(programmeAmountText({ ...base, amountMode: "FIXED", fixedAmountFen: 100_000 })).toBe("1000.00元");
    expect(programmeAmountText({ ...base, amountMode: "BY_LEVEL" })).toBe("按认定等级（金额待定）");
  });
});
