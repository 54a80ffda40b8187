import { describe, expect, it } from "vitest";
import {
  categoryTable,
  inTimeShare,
  median,
  monthTable,
  type SupportFact,
} from "@/lib/domain/support-statistics";

const fact = (over: Partial<SupportFact>): SupportFact => ({
  category: "TECHNICAL",
  level: "SCHOOL",
  filedAt: new Date("2026-03-02T02:00:00Z"),
  firstAnswerAt: null,
  closedAt: null,
  deadline: "2026-03-05",
  ...over,
});

describe("support-desk statistics", () => {
  it("takes the median of odd and even counts, none for nothing", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("counts answers on or before the deadline day (Beijing) in time, late unanswered ones against", () => {
    const facts = [
      fact({ firstAnswerAt: new Date("2026-03-05T15:59:00Z") }), // 23:59 Beijing on the deadline day
      fact({ firstAnswerAt: new Date("2026-03-05T16:00:00Z") }), // 00:00 the day after
      fact({ deadline: "2026-03-04" }), // unanswered, late
      fact({ deadline: "2026-03-09" }), // unanswered, not yet due
    ];
    expect(inTimeShare(facts, "2026-03-06")).toEqual({ due: 3, inTime: 1, text: "33.3%" });
    expect(inTimeShare([], "2026-03-06").text).toBe("—");
  });

  it("tables problems per category and level, and per month with medians in hours", () => {
    const facts = [
      fact({ firstAnswerAt: new Date("2026-03-02T04:00:00Z"), closedAt: new Date("2026-03-03T02:00:00Z") }),
      fact({ category: "SUGGESTION", level: "CITY", firstAnswerAt: new Date("2026-03-02T08:00:00Z") }),
      fact({ filedAt: new Date("2026-01-31T17:00:00Z") }), // 1 February in Beijing
    ];
    const byCategory = categoryTable(facts);
    expect(byCategory.rows.find((r) => r.key === "TECHNICAL")!.cells).toEqual([2, 0, 0, 0, 2]);
    expect(byCategory.rows.find((r) => r.key === "SUGGESTION")!.cells).toEqual([0, 0, 1, 0, 1]);
    expect(byCategory.rows.at(-1)!.cells).toEqual([2, 0, 1, 0, 3]);
    const byMonth = monthTable(facts, 3, "2026-03-31");
    expect(byMonth.rows.map((r) => r.label)).toEqual(["1月", "2月", "3月", "全年"]);
    expect(byMonth.rows[1]!.cells).toEqual([1, 0, "—", 0, "—", "0.0%"]);
    expect(byMonth.rows[2]!.cells).toEqual([2, 2, "4.0", 1, "24.0", "100.0%"]);
  });
});
