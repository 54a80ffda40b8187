/**
 * Server-side session checks. Every page, server action and route handler of
 * the app calls `requireUser` (or `getSessionUser`): the token is verified by
 * next-auth, then the account is re-read from the database so that disabled
 * accounts and sessions ended by "sign out everywhere" / a password change
 * stop working at once.
 */
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { findSessionUser } from "@/lib/db/auth.repo";
import type { Role } from "@/lib/db/generated/enums";
import { authOptions } from "./options";

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
};

export const STAFF_ROLES: readonly Role[] = ["TEACHER", "SCHOOL_ADMIN", "SCHOOL_LEADER", "SUPERVISOR"];
export const APPLICANT_ROLES: readonly Role[] = ["STUDENT", "PARENT"];

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  if (!session?.uid) return null;
  const row = await findSessionUser(session.uid);
  if (!row || row.disabled || row.sessionVersion !== session.sv) return null;
  return {
    id: row.id,
    role: row.role,
    displayName: row.displayName,
    schoolId: row.schoolId,
    regionId: row.regionId,
    personId: row.personId,
    regionPath: row.region?.path ?? null,
    mustChangePassword: row.mustChangePassword,
  };
}

/**
 * The signed-in user, or a redirect: to /login when signed out, to
 * /change-password while an initial password is still in use, to /forbidden
 * when the role may not open the page.
 */
export async function requireUser(roles?: readonly Role[], opts: { allowPasswordChange?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && !opts.allowPasswordChange) redirect("/change-password");
  if (roles && !roles.includes(user.role)) redirect("/forbidden");
  return user;
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return role === "STUDENT" || role === "PARENT" ? "/portal" : "/console";
}
