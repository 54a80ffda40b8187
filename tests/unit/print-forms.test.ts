import { describe, expect, it } from "vitest";
import { levelCounts, signOffAmountFen, totalYuan } from "@/lib/domain/print-forms";
import { isId } from "@/lib/schemas/id";

describe("printed forms' rules", () => {
  it("signs off the paid amount once paid, else the actual amount, else the list's amount", () => {
    expect(signOffAmountFen({ amountFen: 100_000, paidAmountFen: 90_050, actualAmountFen: 95_000 })).toBe(
      90_050,
    );
    expect(signOffAmountFen({ amountFen: 100_000, paidAmountFen: null, actualAmountFen: 95_000 })).toBe(
      95_000,
    );
    expect(signOffAmountFen({ amountFen: 100_000, paidAmountFen: null, actualAmountFen: null })).toBe(
      100_000,
    );
    // A reversed payment (paid 0) signs for 0.
    expect(signOffAmountFen({ amountFen: 100_000, paidAmountFen: 0, actualAmountFen: null })).toBe(0);
  });

  it("totals the sheet in 元 with two decimals", () => {
    expect(totalYuan([{ amountFen: 125_050 }, { amountFen: 100_000 }])).toBe("2250.50");
    expect(totalYuan([])).toBe("0.00");
  });

  it("counts every level in order, zeros kept, revoked determinations left out", () => {
    expect(
      levelCounts([
        { level: "HARDSHIP", revoked: false },
        { level: "HARDSHIP", revoked: true },
        { level: "SPECIAL", revoked: false },
      ]),
    ).toEqual([
      { levelLabel: "特别困难", count: 1 },
      { levelLabel: "困难", count: 1 },
      { levelLabel: "一般困难", count: 0 },
      { levelLabel: "不困难", count: 0 },
    ]);
  });

  it("takes only plain ids from the address bar", () => {
    expect(isId("cmwv30x36000lox7dlxlazduc")).toBe(true);
    for (const bad of ["", "a\u0000b", "x'; --", "a".repeat(65), undefined, ["a"]])
      expect(isId(bad)).toBe(false);
  });
});
