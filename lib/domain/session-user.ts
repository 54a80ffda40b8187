import type { Role } from "./codes";

/** The signed-in account as every layer sees it (read from the session record by lib/security/sessions.ts). */
export type SessionUser = {
  id: string;
  role: Role;
  displayName: string;
  schoolId: string | null;
  regionId: string | null;
  personId: string | null;
  /** Materialised path of the supervisor's region ("/440000/440100/"), for subtree scoping. */
  regionPath: string | null;
  mustChangePassword: boolean;
  /** The staff password is older than STAFF_PASSWORD_MAX_AGE_DAYS (mustChangePassword is then true too). */
  passwordExpired?: boolean;
};
