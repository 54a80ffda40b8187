import { describe, expect, it } from "vitest";
import { filingStatus, filingYear, trainingYear } from "@/lib/domain/support-records";

describe("备案 due in September (Beijing time)", () => {
  it("is not yet due before September, due in it, overdue from 1 October 00:00 Beijing", () => {
    expect(filingStatus(2026, false, new Date("2026-08-31T15:59:00Z"))).toBe("NOT_YET_DUE");
    expect(filingStatus(2026, false, new Date("2026-08-31T16:00:00Z"))).toBe("DUE");
    expect(filingStatus(2026, false, new Date("2026-09-30T15:59:59Z"))).toBe("DUE");
    expect(filingStatus(2026, false, new Date("2026-09-30T16:00:00Z"))).toBe("OVERDUE");
    expect(filingStatus(2026, true, new Date("2026-12-01T00:00:00Z"))).toBe("FILED");
  });
  it("the filing year turns at midnight Beijing time", () => {
    expect(filingYear(new Date("2026-12-31T15:59:00Z"))).toBe(2026);
    expect(filingYear(new Date("2026-12-31T16:00:00Z"))).toBe(2027);
  });
});

describe("training year", () => {
  it("calendar year: January to December", () => {
    expect(trainingYear("calendar", new Date("2026-03-01T00:00:00Z"))).toEqual({
      from: "2026-01-01",
      to: "2026-12-31",
      label: "2026年（自然年）",
    });
  });
  it("academic year: from 1 September (Beijing) to 31 August", () => {
    expect(trainingYear("academic", new Date("2026-08-31T15:59:00Z")).from).toBe("2025-09-01");
    expect(trainingYear("academic", new Date("2026-08-31T16:00:00Z"))).toEqual({
      from: "2026-09-01",
      to: "2027-08-31",
      label: "2026–2027学年",
    });
  });
});
