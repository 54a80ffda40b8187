/**
 * A signed-in user as lib/auth/session.ts resolves it, for calling services
 * directly in tests. Takes a fixture's user row (or just the fields a test
 * cares about); what the row does not say is empty: no school, region or
 * person, and a current password. `extra` sets the rest (a supervisor's
 * `regionPath`, a student's `personId`, `mustChangePassword`).
 */
import type { SessionUser } from "@/lib/auth/session";

export type SessionUserSource = Pick<SessionUser, "id" | "role"> & {
  displayName?: string;
  schoolId?: string | null;
  regionId?: string | null;
  personId?: string | null;
};

export function sessionUser(user: SessionUserSource, extra: Partial<SessionUser> = {}): SessionUser {
  return {
    id: user.id,
    role: user.role,
    displayName: user.displayName ?? "x",
    schoolId: user.schoolId ?? null,
    regionId: user.regionId ?? null,
    personId: user.personId ?? null,
    regionPath: null,
    mustChangePassword: false,
    ...extra,
  };
}
