import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CN_CALENDAR, CN_HOLIDAYS } from "@/lib/domain/holidays-cn";
import {
  addDays,
  buildCalendar,
  withSchoolDays,
  checkPublicityPeriod,
  countWorkingDays,
  isWorkingDay,
  NO_HOLIDAYS,
  parseDay,
  publicityEndDate,
} from "@/lib/domain/working-days";

describe("publicity end date over weekends", () => {
  it("school publicity of 5 working days from a Monday ends that Friday", () => {
    expect(publicityEndDate("2026-11-23", 5, CN_CALENDAR)).toBe("2026-11-27");
  });
  it("skips the weekend in the middle", () => {
    expect(publicityEndDate("2026-11-26", 5, CN_CALENDAR)).toBe("2026-12-02"); // Thu Fri | Mon Tue Wed
    expect(publicityEndDate("2026-11-27", 2, CN_CALENDAR)).toBe("2026-11-30"); // grade: Fri | Mon
  });
  it("starting on a Saturday counts from Monday", () => {
    expect(publicityEndDate("2026-11-28", 2, CN_CALENDAR)).toBe("2026-12-01");
  });
});

describe("publicity end date over holidays and make-up working days (调休)", () => {
  it("国庆 2026: the Saturday 10-10 make-up day counts, the week off does not", () => {
    expect(publicityEndDate("2026-09-29", 5, CN_CALENDAR)).toBe("2026-10-10"); // 9-29 9-30 | 10-8 10-9 10-10(Sat, 上班)
    expect(publicityEndDate("2026-09-30", 2, CN_CALENDAR)).toBe("2026-10-08");
  });
  it("中秋 2026 (Fri 9-25 to Sun 9-27) and the Sunday 9-20 make-up day", () => {
    expect(publicityEndDate("2026-09-18", 2, CN_CALENDAR)).toBe("2026-09-20"); // Fri 9-18 | Sun 9-20 上班
    expect(publicityEndDate("2026-09-24", 2, CN_CALENDAR)).toBe("2026-09-28"); // Thu | (Fri–Sun off) | Mon
  });
  it("国庆 2025: eight days off with make-up Sunday 9-28 and Saturday 10-11", () => {
    expect(publicityEndDate("2025-09-26", 5, CN_CALENDAR)).toBe("2025-10-09"); // Fri 9-26, Sun 9-28, 9-29, 9-30, Thu 10-9
    expect(publicityEndDate("2025-10-09", 2, CN_CALENDAR)).toBe("2025-10-10");
    expect(publicityEndDate("2025-10-10", 2, CN_CALENDAR)).toBe("2025-10-11"); // Sat 10-11 上班
  });
  it("春节 2026: 2-15 to 2-23 off, Saturday 2-14 and 2-28 working", () => {
    expect(publicityEndDate("2026-02-12", 5, CN_CALENDAR)).toBe("2026-02-25"); // 2-12 2-13 2-14(Sat) | 2-24 2-25
    expect(publicityEndDate("2026-02-16", 2, CN_CALENDAR)).toBe("2026-02-25"); // starts inside the holiday
    expect(publicityEndDate("2026-02-27", 2, CN_CALENDAR)).toBe("2026-02-28");
  });
  it("春节 2025 crosses the month: 1-28 to 2-4 off, Sunday 1-26 and Saturday 2-8 working", () => {
    expect(publicityEndDate("2025-01-24", 5, CN_CALENDAR)).toBe("2025-02-06"); // Fri 1-24, Sun 1-26, Mon 1-27 | Wed 2-5, Thu 2-6
    expect(countWorkingDays("2025-01-24", "2025-02-05", CN_CALENDAR)).toBe(4);
  });
  it("元旦 2026 crosses the year, Sunday 1-4 working", () => {
    expect(publicityEndDate("2025-12-31", 2, CN_CALENDAR)).toBe("2026-01-04");
  });
  it("without a holiday calendar only weekends are skipped", () => {
    expect(publicityEndDate("2026-09-29", 5, NO_HOLIDAYS)).toBe("2026-10-05");
  });
});

/**
 * The notices as published (国办发明电〔2024〕12号 of 2024-11-12 for 2025; the
 * notice of 2025-11-04 for 2026): each block of days off with its "共N天", and
 * each make-up working day with the weekday the notice names.
 */
const NOTICES = {
  2025: {
    off: [
      ["元旦", "2025-01-01", 1],
      ["春节", "2025-01-28", 8],
      ["清明节", "2025-04-04", 3],
      ["劳动节", "2025-05-01", 5],
      ["端午节", "2025-05-31", 3],
      ["国庆节、中秋节", "2025-10-01", 8],
    ],
    work: [
      ["2025-01-26", "周日"],
      ["2025-02-08", "周六"],
      ["2025-04-27", "周日"],
      ["2025-09-28", "周日"],
      ["2025-10-11", "周六"],
    ],
  },
  2026: {
    off: [
      ["元旦", "2026-01-01", 3],
      ["春节", "2026-02-15", 9],
      ["清明节", "2026-04-04", 3],
      ["劳动节", "2026-05-01", 5],
      ["端午节", "2026-06-19", 3],
      ["中秋节", "2026-09-25", 3],
      ["国庆节", "2026-10-01", 7],
    ],
    work: [
      ["2026-01-04", "周日"],
      ["2026-02-14", "周六"],
      ["2026-02-28", "周六"],
      ["2026-05-09", "周六"],
      ["2026-09-20", "周日"],
      ["2026-10-10", "周六"],
    ],
  },
} as const;
const WEEKDAY = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

describe("calendar data against the State Council notices", () => {
  for (const [year, notice] of Object.entries(NOTICES)) {
    it(`${year}: every holiday is exactly the notice's N days off, with working days either side`, () => {
      for (const [name, from, days] of notice.off) {
        for (let i = 0; i < days; i++)
          expect(isWorkingDay(addDays(from, i), CN_CALENDAR), `${name} ${addDays(from, i)}`).toBe(false);
        expect(isWorkingDay(addDays(from, -1), CN_CALENDAR), `${name}: day before`).toBe(true);
        expect(isWorkingDay(addDays(from, days), CN_CALENDAR), `${name}: day after`).toBe(true);
      }
      const data = CN_HOLIDAYS[Number(year)]!;
      expect(data.holidays.length).toBe(notice.off.length);
    });
    it(`${year}: the make-up working days are the notice's, on the weekday it names`, () => {
      expect([...CN_HOLIDAYS[Number(year)]!.workdays].sort()).toEqual(notice.work.map(([d]) => d));
      for (const [d, wd] of notice.work) expect(WEEKDAY[new Date(parseDay(d)).getUTCDay()], d).toBe(wd);
    });
  }
  it("2025 is the first year with 除夕 and 5月2日 off (2024 revision of the holiday rules)", () => {
    expect(isWorkingDay("2025-01-27", CN_CALENDAR)).toBe(true); // Mon 腊月廿八 still a working day
    expect(isWorkingDay("2025-01-28", CN_CALENDAR)).toBe(false); // 除夕
    expect(isWorkingDay("2025-01-02", CN_CALENDAR)).toBe(true); // 元旦 2025 is one day, no 调休
    expect(publicityEndDate("2025-04-25", 5, CN_CALENDAR)).toBe("2025-04-30"); // Fri 4-25, Sun 4-27 上班, 4-28, 4-29, 4-30
    expect(publicityEndDate("2025-04-30", 2, CN_CALENDAR)).toBe("2025-05-06"); // 5-1…5-5 (Mon) off
  });
});

describe("calendar data", () => {
  it("knows the make-up days are weekends and the holidays are days off", () => {
    for (const d of CN_CALENDAR.workdays) {
      const wd = new Date(parseDay(d)).getUTCDay();
      expect([0, 6], d).toContain(wd);
      expect(isWorkingDay(d, CN_CALENDAR)).toBe(true);
    }
    expect(isWorkingDay("2026-10-01", CN_CALENDAR)).toBe(false);
  });
  it("a school can add its own days off", () => {
    const cal = buildCalendar({ holidays: [["2026-11-25", "2026-11-25"]], workdays: [] });
    expect(publicityEndDate("2026-11-23", 5, cal)).toBe("2026-11-30");
  });
  it("a school's own days override the national calendar both ways", () => {
    const cal = withSchoolDays(CN_CALENDAR, [
      { day: "2026-10-10", working: false },
      { day: "2026-10-08", working: true },
      { day: "2026-10-02", working: true },
    ]);
    expect(isWorkingDay("2026-10-10", cal)).toBe(false); // national make-up Saturday, school closed
    expect(isWorkingDay("2026-10-02", cal)).toBe(true); // national holiday, school works
    expect(publicityEndDate("2026-09-30", 3, cal)).toBe("2026-10-08"); // 9-30, 10-2 (school works), then 10-3…10-7 off, 10-8
    expect(isWorkingDay("2026-10-10", CN_CALENDAR)).toBe(true); // the base is untouched
  });
  it("refuses contradictions and impossible dates", () => {
    expect(() =>
      buildCalendar({ holidays: [["2026-10-10", "2026-10-10"]], workdays: ["2026-10-10"] }),
    ).toThrow(/既是假日又是调休/);
    expect(() => buildCalendar({ holidays: [["2026-10-07", "2026-10-01"]], workdays: [] })).toThrow(/颠倒/);
    expect(() => parseDay("2026-02-30")).toThrow(/不存在/);
    expect(() => publicityEndDate("2026-11-23", 0, CN_CALENDAR)).toThrow();
  });
});

describe("checking a chosen period", () => {
  it("accepts the minimum and refuses one day less with the earliest end date", () => {
    expect(checkPublicityPeriod("SCHOOL", "2026-09-29", "2026-10-10", CN_CALENDAR)).toBeNull();
    expect(checkPublicityPeriod("SCHOOL", "2026-09-29", "2026-10-09", CN_CALENDAR)).toBe(
      "学校公示不少于5个工作日（不含周末和法定节假日），当前只有4个工作日；结束日期最早为 2026-10-10",
    );
    expect(checkPublicityPeriod("GRADE", "2026-11-27", "2026-11-29", CN_CALENDAR)).toMatch(
      /年级公示不少于2个工作日.*2026-11-30/,
    );
    expect(checkPublicityPeriod("GRADE", "2026-11-27", "2026-11-26", CN_CALENDAR)).toBe(
      "公示结束日期不能早于开始日期",
    );
  });
  it("the end date always has exactly n working days and ends on one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 720 }), fc.integer({ min: 1, max: 15 }), (offset, n) => {
        const start = addDays("2025-01-01", offset);
        const end = publicityEndDate(start, n, CN_CALENDAR);
        expect(countWorkingDays(start, end, CN_CALENDAR)).toBe(n);
        expect(isWorkingDay(end, CN_CALENDAR)).toBe(true);
      }),
    );
  });
});
