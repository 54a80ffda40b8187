import { describe, expect, it } from "vitest";
import { aidPeriodLabel, parseAidPeriod } from "@/lib/domain/aid-record";

describe("aid record periods", () => {
  it.each([
    ["2026-12", "2026年12月"],
    ["2027-01", "2027年1月"],
    ["2026-2027-AUTUMN", "2026-2027学年秋季学期"],
    ["2025-2026-SPRING", "2025-2026学年春季学期"],
  ])("labels %s as %s", (period, label) => {
    expect(aidPeriodLabel(period)).toBe(label);
  });

  it.each(["2026-13", "2026-00", "2026-2027-WINTER", "2026", ""])("refuses %j as a period", (period) => {
    expect(parseAidPeriod(period)).toBeNull();
    expect(aidPeriodLabel(period)).toBe(period);
  });
});
