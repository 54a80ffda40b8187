import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fenToYuan, mustApplyInPerson, perCapitaMonthlyIncomeFen, yuanToFen } from "@/lib/domain/household";

describe("per-capita monthly income", () => {
  it("divides the annual total by members and months, rounding half up", () => {
    expect(perCapitaMonthlyIncomeFen(3_600_000, 3)).toBe(100_000); // 36,000 yuan for 3 people = 1,000 yuan/month
    expect(perCapitaMonthlyIncomeFen(30, 5)).toBe(1); // 0.5 fen rounds up
    expect(perCapitaMonthlyIncomeFen(0, 4)).toBe(0);
  });
  it("refuses impossible inputs", () => {
    expect(() => perCapitaMonthlyIncomeFen(-1, 2)).toThrow();
    expect(() => perCapitaMonthlyIncomeFen(100, 0)).toThrow();
    expect(() => perCapitaMonthlyIncomeFen(1.5, 2)).toThrow();
  });
  it("equals the database's round(total / (members * 12)) for any input", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.integer({ min: 1, max: 30 }), (total, n) => {
        const exact = total / (n * 12);
        const r = perCapitaMonthlyIncomeFen(total, n);
        expect(Math.abs(r - exact)).toBeLessThanOrEqual(0.5);
        if (exact % 1 === 0.5) expect(r).toBe(Math.ceil(exact));
      }),
    );
  });
});

describe("yuan and fen", () => {
  it.each([
    ["1234.5", 123450],
    ["1,234.56", 123456],
    ["0", 0],
    ["12 000", 1200000],
    ["８", null],
    ["-1", null],
    ["1.234", null],
    ["abc", null],
    ["", null],
  ])("%s → %s", (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });
  it("formats fen as yuan with two decimals", () => {
    expect(fenToYuan(123450)).toBe("1234.50");
    expect(fenToYuan(5)).toBe("0.05");
  });
  it("round-trips", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_99 }), (fen) => {
        expect(yuanToFen(fenToYuan(fen))).toBe(fen);
      }),
    );
  });
});

describe("applying in person", () => {
  it("is required for a state-employed parent or a stable income", () => {
    expect(mustApplyInPerson({ stateEmployedParent: true })).toBe(true);
    expect(mustApplyInPerson({ stableIncome: true })).toBe(true);
    expect(mustApplyInPerson({ stateEmployedParent: false, stableIncome: null })).toBe(false);
  });
});
