import { describe, expect, it } from "vitest";
import { passwordExpired, sessionEnd, sessionSettings } from "@/lib/security/session-policy";

const T = new Date("2026-10-01T08:00:00Z");
const min = (m: number) => new Date(T.getTime() + m * 60_000);
const s = sessionSettings({});

describe("sessionSettings", () => {
  it("defaults: staff idle 30 min, applicants 60, absolute 8 h, staff passwords 180 days", () => {
    expect(s).toEqual({
      staffIdleMinutes: 30,
      applicantIdleMinutes: 60,
      absoluteHours: 8,
      staffPasswordMaxAgeDays: 180,
    });
  });
  it("reads the environment and ignores nonsense", () => {
    expect(sessionSettings({ STAFF_IDLE_MINUTES: "15", STAFF_PASSWORD_MAX_AGE_DAYS: "0" })).toMatchObject({
      staffIdleMinutes: 15,
      staffPasswordMaxAgeDays: 0,
    });
    expect(sessionSettings({ STAFF_IDLE_MINUTES: "-1", SESSION_ABSOLUTE_HOURS: "abc" })).toMatchObject({
      staffIdleMinutes: 30,
      absoluteHours: 8,
    });
  });
});

describe("sessionEnd", () => {
  const rec = (lastSeenMin: number, endedAt: Date | null = null) => ({
    createdAt: T,
    lastSeenAt: min(lastSeenMin),
    endedAt,
  });
  it("ends a staff session after 30 idle minutes, an applicant's after 60", () => {
    expect(sessionEnd(rec(0), "TEACHER", min(29), s)).toBeNull();
    expect(sessionEnd(rec(0), "TEACHER", min(30), s)).toBe("idle");
    expect(sessionEnd(rec(0), "SUPERVISOR", min(31), s)).toBe("idle");
    expect(sessionEnd(rec(0), "PARENT", min(59), s)).toBeNull();
    expect(sessionEnd(rec(0), "STUDENT", min(60), s)).toBe("idle");
  });
  it("ends any session at the absolute lifetime however active", () => {
    expect(sessionEnd(rec(479), "TEACHER", min(479.5), s)).toBeNull();
    expect(sessionEnd(rec(479), "TEACHER", min(480), s)).toBe("expired");
  });
  it("honours a sign-out", () => {
    expect(sessionEnd(rec(0, min(1)), "STUDENT", min(2), s)).toBe("ended");
  });
});

describe("passwordExpired", () => {
  const days = (d: number) => new Date(T.getTime() + d * 86_400_000);
  it("expires staff passwords after the configured days, never applicants'", () => {
    expect(passwordExpired("TEACHER", T, days(179), s)).toBe(false);
    expect(passwordExpired("SCHOOL_ADMIN", T, days(180), s)).toBe(true);
    expect(passwordExpired("PARENT", T, days(900), s)).toBe(false);
    expect(passwordExpired("TEACHER", T, days(900), { ...s, staffPasswordMaxAgeDays: 0 })).toBe(false);
  });
});
