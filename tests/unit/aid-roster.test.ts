import { describe, expect, it } from "vitest";
import { amountFor, orderCandidates, rosterTotals } from "@/lib/domain/aid-roster";

describe("programme amounts", () => {
  const byLevel = {
    amountMode: "BY_LEVEL" as const,
    fixedAmountFen: null,
    amountSpecialFen: 150_000,
    amountHardshipFen: 100_000,
    amountGeneralFen: 50_000,
  };
  it("pays per level or a fixed amount", () => {
    expect(amountFor(byLevel, "SPECIAL")).toBe(150_000);
    expect(amountFor(byLevel, "GENERAL")).toBe(50_000);
    expect(amountFor(byLevel, "NONE")).toBe(150_000);
    expect(amountFor({ ...byLevel, amountMode: "FIXED", fixedAmountFen: 62_500 }, "GENERAL")).toBe(62_500);
    expect(amountFor({ ...byLevel, amountGeneralFen: null }, "GENERAL")).toBeNull();
  });
});

describe("candidate order", () => {
  it("puts special-group students first, then by level", () => {
    const list = [
      { name: "甲", className: "1班", level: "GENERAL" as const, categories: [] },
      { name: "乙", className: "1班", level: "SPECIAL" as const, categories: [] },
      { name: "丙", className: "2班", level: "GENERAL" as const, categories: ["ORPHAN" as const] },
    ];
    expect(orderCandidates(list).map((c) => c.name)).toEqual(["丙", "乙", "甲"]);
  });
});

describe("totals", () => {
  it("warns over quota and budget with the excess", () => {
    const entries = [{ amountFen: 100_000 }, { amountFen: 100_000 }, { amountFen: 50_000 }];
    expect(rosterTotals(entries, { quota: 3, budgetFen: 250_000 })).toEqual({
      count: 3,
      totalFen: 250_000,
      warnings: [],
    });
    expect(rosterTotals(entries, { quota: 2, budgetFen: 200_000 }).warnings).toEqual([
      "人数3人，超过名额2人（多1人）",
      "金额合计2500.00元，超过预算2000.00元（多500.00元）",
    ]);
    expect(rosterTotals(entries, { quota: null, budgetFen: null }).warnings).toEqual([]);
  });
});
