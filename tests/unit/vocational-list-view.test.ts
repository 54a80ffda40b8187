import { describe, expect, it } from "vitest";
import {
  calendarYear,
  listStage,
  matchesTodo,
  monthParam,
  parseMonth,
  stateChanges,
} from "@/lib/domain/vocational-list-view";
import { INITIAL_STATE, type MonthlyListState } from "@/lib/domain/vocational-roster";

const published: MonthlyListState = {
  ...INITIAL_STATE,
  schoolReview: "PASSED",
  supervisorReview: "PASSED",
  publicity: "PUBLISHED",
  publicityStart: "2027-03-01",
  publicityEnd: "2027-03-05",
};

describe("the stage of a monthly list", () => {
  it.each([
    [INITIAL_STATE, "SCHOOL_REVIEW"],
    [{ ...INITIAL_STATE, schoolReview: "REFUSED" }, "SCHOOL_REFUSED"],
    [{ ...INITIAL_STATE, schoolReview: "PASSED" }, "SUPERVISOR_REVIEW"],
    [{ ...INITIAL_STATE, schoolReview: "PASSED", supervisorReview: "REFUSED" }, "SUPERVISOR_REFUSED"],
    [{ ...INITIAL_STATE, schoolReview: "PASSED", supervisorReview: "PASSED" }, "PUBLICITY"],
    [published, "CONFIRMATION"],
    [{ ...published, confirmation: "PASSED" }, "CONFIRMED"],
    [{ ...published, confirmation: "PASSED", payment: "PAID" }, "PAID"],
    [{ ...published, confirmation: "PASSED", payment: "PAID", withdrawal: "PENDING" }, "WITHDRAWAL"],
    // After 公示不通过 the list is back at the school's review.
    [{ ...INITIAL_STATE, confirmation: "REFUSED" }, "SCHOOL_REVIEW"],
  ] as [MonthlyListState, string][])("%o → %s", (state, stage) => {
    expect(listStage(state)).toBe(stage);
  });
});

describe("the to-dos", () => {
  const ready = { ...INITIAL_STATE, schoolReview: "PASSED", supervisorReview: "PASSED" } as MonthlyListState;
  it("awaiting publicity: both reviews passed, not yet published", () => {
    expect(matchesTodo("awaiting_publicity", ready, 3, 0)).toBe(true);
    expect(matchesTodo("awaiting_publicity", INITIAL_STATE, 3, 0)).toBe(false);
    expect(matchesTodo("awaiting_publicity", published, 3, 0)).toBe(false);
  });
  it("attachment missing: only May and December lists without an attachment", () => {
    expect(matchesTodo("attachment_missing", INITIAL_STATE, 5, 0)).toBe(true);
    expect(matchesTodo("attachment_missing", INITIAL_STATE, 12, 0)).toBe(true);
    expect(matchesTodo("attachment_missing", INITIAL_STATE, 12, 1)).toBe(false);
    expect(matchesTodo("attachment_missing", INITIAL_STATE, 6, 0)).toBe(false);
  });
  it("awaiting confirmation and withdrawal pending", () => {
    expect(matchesTodo("awaiting_confirmation", published, 3, 0)).toBe(true);
    expect(matchesTodo("awaiting_confirmation", { ...published, confirmation: "PASSED" }, 3, 0)).toBe(false);
    const asked = { ...published, confirmation: "PASSED", withdrawal: "PENDING" } as MonthlyListState;
    expect(matchesTodo("withdrawal_pending", asked, 3, 0)).toBe(true);
    expect(matchesTodo("withdrawal_pending", published, 3, 0)).toBe(false);
  });
});

describe("months", () => {
  it("reads YYYY-MM and refuses anything else", () => {
    expect(parseMonth("2026-09")).toEqual({ year: 2026, month: 9 });
    for (const bad of ["2026-9", "2026-13", "2026-00", "2026/09", "", "x"])
      expect(parseMonth(bad)).toBeNull();
  });
  it("places September–December in the academic year's first year", () => {
    expect(calendarYear("2026-2027", 9)).toBe(2026);
    expect(calendarYear("2026-2027", 12)).toBe(2026);
    expect(calendarYear("2026-2027", 1)).toBe(2027);
    expect(monthParam("2026-2027", 5)).toBe("2027-05");
    expect(calendarYear("bad", 5)).toBeNull();
  });
});

describe("the history's from → to", () => {
  it("names every state that changed, in Chinese, and the publicity period", () => {
    const ready = {
      ...INITIAL_STATE,
      schoolReview: "PASSED",
      supervisorReview: "PASSED",
    } as MonthlyListState;
    expect(stateChanges(ready, published)).toEqual([
      "学校公示状态：学校未公示 → 已公示",
      "公示期：2027-03-01 至 2027-03-05",
    ]);
    expect(stateChanges(published, { ...INITIAL_STATE, confirmation: "REFUSED" })).toEqual([
      "学校审核：通过 → 待审核",
      "主管部门审核：通过 → 待审核",
      "学校公示状态：已公示 → 学校未公示",
      "名单公示确认：待确认 → 公示不通过",
    ]);
    expect(stateChanges(INITIAL_STATE, INITIAL_STATE)).toEqual([]);
  });
});
