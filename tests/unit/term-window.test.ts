import { describe, expect, it } from "vitest";
import { applicationWindow, countdown, effectiveDates } from "@/lib/domain/term-window";
import { beijingEndOfDay, beijingStartOfDay } from "@/lib/domain/time";

const term = {
  applyStart: beijingStartOfDay("2026-09-22"),
  applyEnd: beijingEndOfDay("2026-09-30"),
  verifyDeadline: beijingEndOfDay("2026-10-10"),
  reviewDeadline: beijingEndOfDay("2026-10-20"),
};

describe("application window", () => {
  it("is closed before the start, with the dates in Beijing time", () => {
    const w = applicationWindow(term, new Date("2026-09-21T15:59:59Z")); // 23:59:59 Beijing on 09-21
    expect(w.status).toBe("before");
    expect(w.message).toContain("2026-09-22 00:00 至 2026-09-30 23:59");
  });
  it("opens at Beijing midnight of the first day", () => {
    expect(applicationWindow(term, new Date("2026-09-21T16:00:00Z")).status).toBe("open");
  });
  it("stays open through the last day and closes after it", () => {
    expect(applicationWindow(term, new Date("2026-09-30T15:59:00Z")).status).toBe("open");
    const w = applicationWindow(term, new Date("2026-09-30T16:00:00Z"));
    expect(w.status).toBe("closed");
    expect(w.message).toContain("申请已截止");
  });
  it("uses a school's extension over the term's default", () => {
    const extended = effectiveDates(term, { applyEnd: beijingEndOfDay("2026-10-08") });
    expect(applicationWindow(extended, new Date("2026-10-05T04:00:00Z")).status).toBe("open");
    expect(effectiveDates(term, { applyEnd: null }).applyEnd).toEqual(term.applyEnd);
  });
});

describe("countdown", () => {
  const now = new Date("2026-09-25T00:00:00Z");
  it.each([
    [3 * 86_400_000 + 5 * 3_600_000 + 59_000, "3天5小时"],
    [5 * 3_600_000 + 12 * 60_000, "5小时12分钟"],
    [12 * 60_000 + 30_000, "12分钟"],
    [20_000, "1分钟"],
    [0, "已截止"],
    [-1, "已截止"],
  ])("%i ms → %s", (ms, text) => {
    expect(countdown(now, new Date(now.getTime() + ms))).toBe(text);
  });
});
