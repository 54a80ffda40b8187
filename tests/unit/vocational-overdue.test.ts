import { describe, expect, it } from "vitest";
import { beijingMonth, isOverdue, overdueFrom, vocationalCounts } from "@/lib/domain/vocational-overdue";

const day = (s: string) => new Date(`${s}T00:00:00Z`);
/** An instant given in Beijing time. */
const beijing = (s: string) => new Date(`${s}+08:00`);

describe("中职 overdue rule (seed 002 §三)", () => {
  it("enrolled 2021-09 with 2 years is overdue from 2023-09, not in 2023-08", () => {
    expect(overdueFrom(day("2021-09-01"), 2)).toBe("2023-09");
    expect(isOverdue(day("2021-09-01"), 2, beijing("2023-08-31T23:59:59"))).toBe(false);
    expect(isOverdue(day("2021-09-01"), 2, beijing("2023-09-01T00:00:00"))).toBe(true);
    expect(isOverdue(day("2021-09-01"), 2, beijing("2024-01-15T12:00:00"))).toBe(true);
  });

  it("the month boundary is Beijing's: 2023-08-31 16:00 UTC is already September in Beijing", () => {
    expect(beijingMonth(new Date("2023-08-31T15:59:59Z"))).toBe("2023-08");
    expect(beijingMonth(new Date("2023-08-31T16:00:00Z"))).toBe("2023-09");
    expect(isOverdue(day("2021-09-01"), 2, new Date("2023-08-31T16:00:00Z"))).toBe(true);
  });

  it("a mid-month enrolment date counts from its month; three-year and one-year programmes", () => {
    expect(overdueFrom(day("2022-03-15"), 3)).toBe("2025-03");
    expect(overdueFrom(day("2024-12-01"), 1)).toBe("2025-12");
    expect(isOverdue(day("2024-12-01"), 1, beijing("2025-11-30T23:00:00"))).toBe(false);
    expect(isOverdue(day("2024-12-01"), 1, beijing("2025-12-01T00:00:00"))).toBe(true);
  });

  it("counts 在校 / 逾期 / 当期 from students grouped by their overdue month", () => {
    const rows = [
      { overdueFrom: "2023-09", students: 4 },
      { overdueFrom: "2026-11", students: 2 },
      { overdueFrom: "2026-12", students: 7 },
    ];
    expect(vocationalCounts(rows, beijing("2026-10-31T23:59:59"))).toEqual({
      inSchool: 13,
      overdue: 4,
      current: 9,
    });
    expect(vocationalCounts(rows, beijing("2026-11-01T00:00:00"))).toEqual({
      inSchool: 13,
      overdue: 6,
      current: 7,
    });
    expect(vocationalCounts([], new Date())).toEqual({ inSchool: 0, overdue: 0, current: 0 });
  });
});
