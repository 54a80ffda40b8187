import { describe, expect, it } from "vitest";
import { visitDateProblem, visitDateRange } from "@/lib/domain/home-visit";

// The term's window opens 2026-09-22 08:00 Beijing time; today is 2026-10-08 in Beijing.
const applyStart = new Date("2026-09-22T00:00:00Z");
const now = new Date("2026-10-08T04:00:00Z");

describe("home-visit date", () => {
  it("lies within the term: from 31 days before the window opens until today", () => {
    expect(visitDateRange(applyStart, now)).toEqual({ earliest: "2026-08-22", latest: "2026-10-08" });
    expect(visitDateProblem("2026-10-08", applyStart, now)).toBeNull();
    expect(visitDateProblem("2026-08-22", applyStart, now)).toBeNull();
  });
  it("refuses 1999-01-01 naming the term's range, and a day after today", () => {
    expect(visitDateProblem("1999-01-01", applyStart, now)).toBe(
      "走访日期须在本学期内（2026-08-22 至 2026-10-08），请核对年份",
    );
    expect(visitDateProblem("2026-08-21", applyStart, now)).toContain("须在本学期内");
    expect(visitDateProblem("2026-10-09", applyStart, now)).toBe("走访日期不能晚于今天");
  });
  it("refuses a day that does not exist", () => {
    expect(visitDateProblem("2026-02-30", applyStart, now)).toBe("走访日期无效，请重新选择");
    expect(visitDateProblem("2026-9-1", applyStart, now)).toBe("走访日期无效，请重新选择");
  });
});
