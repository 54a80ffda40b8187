import { describe, expect, it } from "vitest";
import { nearDeadlineCutoff } from "@/lib/domain/todos";
import { buildCalendar, NO_HOLIDAYS, nthWorkingDayAfter } from "@/lib/domain/working-days";

// 2026-10-01..07 National Day holiday, 2026-10-10 (Saturday) a make-up working day.
const NATIONAL_DAY = buildCalendar({ holidays: [["2026-10-01", "2026-10-07"]], workdays: ["2026-10-10"] });

describe("near deadlines in working days", () => {
  it("counts working days after the day, skipping weekends", () => {
    expect(nthWorkingDayAfter("2026-11-24", 1, NO_HOLIDAYS)).toBe("2026-11-25"); // Tuesday → Wednesday
    expect(nthWorkingDayAfter("2026-11-27", 2, NO_HOLIDAYS)).toBe("2026-12-01"); // Friday → Tuesday
    expect(nthWorkingDayAfter("2026-11-28", 2, NO_HOLIDAYS)).toBe("2026-12-01"); // Saturday → Tuesday
  });

  it("skips holidays and counts make-up working days", () => {
    expect(nthWorkingDayAfter("2026-09-30", 2, NATIONAL_DAY)).toBe("2026-10-09");
    expect(nthWorkingDayAfter("2026-10-08", 2, NATIONAL_DAY)).toBe("2026-10-10");
  });

  it("refuses a count below one", () => {
    expect(() => nthWorkingDayAfter("2026-11-24", 0, NO_HOLIDAYS)).toThrow(RangeError);
  });

  it("ends at the end of the Beijing day of the second working day after today", () => {
    // Friday 27 Nov 2026 23:30 Beijing is still Friday: the cutoff is the end of Tuesday 1 Dec in Beijing.
    const friday = new Date("2026-11-27T15:30:00Z");
    expect(nearDeadlineCutoff(friday, NO_HOLIDAYS).toISOString()).toBe("2026-12-01T15:59:59.999Z");
    // 16:30 UTC is already Saturday in Beijing: Saturday + 2 working days is still Tuesday.
    expect(nearDeadlineCutoff(new Date("2026-11-27T16:30:00Z"), NO_HOLIDAYS).toISOString()).toBe(
      "2026-12-01T15:59:59.999Z",
    );
  });
});
