/**
 * Session and password-age rules (SECURITY.md). Pure: the numbers come from
 * the environment through {@link sessionSettings}, the decisions are unit-tested.
 *
 *   STAFF_IDLE_MINUTES          idle timeout for staff (default 30)
 *   APPLICANT_IDLE_MINUTES      idle timeout for students and parents (default 60)
 *   SESSION_ABSOLUTE_HOURS      absolute lifetime of any session (default 8)
 *   STAFF_PASSWORD_MAX_AGE_DAYS staff must change their password after this many days (default 180; 0 = never)
 */
import "server-only";
import type { Role } from "@/lib/domain/codes";

export type SessionSettings = {
  staffIdleMinutes: number;
  applicantIdleMinutes: number;
  absoluteHours: number;
  staffPasswordMaxAgeDays: number;
};

const STAFF: readonly Role[] = ["TEACHER", "SCHOOL_ADMIN", "SCHOOL_LEADER", "SUPERVISOR"];
export const isStaffRole = (role: Role) => STAFF.includes(role);

function num(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const v = Number(raw);
  return Number.isFinite(v) && v >= min ? v : fallback;
}

export function sessionSettings(env: Record<string, string | undefined> = process.env): SessionSettings {
  return {
    staffIdleMinutes: num(env, "STAFF_IDLE_MINUTES", 30, 1),
    applicantIdleMinutes: num(env, "APPLICANT_IDLE_MINUTES", 60, 1),
    absoluteHours: num(env, "SESSION_ABSOLUTE_HOURS", 8, 1),
    staffPasswordMaxAgeDays: num(env, "STAFF_PASSWORD_MAX_AGE_DAYS", 180, 0),
  };
}

export type SessionEnd = "ended" | "idle" | "expired";

/** Why a session record no longer counts at `now`, or null while it is valid. */
export function sessionEnd(
  rec: { createdAt: Date; lastSeenAt: Date; endedAt: Date | null },
  role: Role,
  now: Date,
  s: SessionSettings = sessionSettings(),
): SessionEnd | null {
  if (rec.endedAt && rec.endedAt.getTime() <= now.getTime()) return "ended";
  if (now.getTime() - rec.createdAt.getTime() >= s.absoluteHours * 3_600_000) return "expired";
  const idle = (isStaffRole(role) ? s.staffIdleMinutes : s.applicantIdleMinutes) * 60_000;
  if (now.getTime() - rec.lastSeenAt.getTime() >= idle) return "idle";
  return null;
}

/** Whether a staff member's password is older than the configured maximum age. */
export function passwordExpired(
  role: Role,
  passwordChangedAt: Date,
  now: Date,
  s: SessionSettings = sessionSettings(),
): boolean {
  if (!isStaffRole(role) || s.staffPasswordMaxAgeDays <= 0) return false;
  return now.getTime() - passwordChangedAt.getTime() >= s.staffPasswordMaxAgeDays * 86_400_000;
}

/** Activity is written at most this often per session (keeps request overhead low). */
export const TOUCH_INTERVAL_MS = 60_000;
