/**
 * Server-side session checks. Every page, server action and route handler of
 * the app calls `requireUser` (or `getSessionUser`): the token is verified by
 * next-auth, then the account is re-read from the database so that disabled
 * accounts and sessions ended by "sign out everywhere" / a password change
 * stop working at once.
 */
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/lib/db/generated/enums";
import type { SessionUser } from "@/lib/domain/session-user";
import { resolveSession, type SessionToken } from "@/lib/security/sessions";
import { decodeSessionToken } from "./jwt";
import { secureCookiesFor } from "./options";

export type { SessionUser } from "@/lib/domain/session-user";

export const STAFF_ROLES: readonly Role[] = ["TEACHER", "SCHOOL_ADMIN", "SCHOOL_LEADER", "SUPERVISOR"];
export const APPLICANT_ROLES: readonly Role[] = ["STUDENT", "PARENT"];

/**
 * The signed-in user of this request. React's `cache` makes the layout, the
 * page and its components share one check per request (rendering only; server
 * actions and route handlers call it once anyway).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Version, disabled flag, idle timeout and absolute lifetime: lib/security/sessions.ts.
  return resolveSession(await readSessionToken());
});

/**
 * The verified claims of this request's session cookie (null when absent,
 * altered or expired). Reads the token the way next-auth's `getServerSession`
 * does — same cookie (chunks joined), same decoding — without what that
 * call adds on every request and cannot use in a page (running the callbacks
 * and re-encoding a refreshed token whose cookie a page cannot set).
 */
export async function readSessionToken(): Promise<SessionToken | null> {
  const jar = await cookies();
  const token = await getToken({
    // getToken reads `req.cookies` (anything with getAll()) and, for bearer tokens, `req.headers`: none here.
    req: { cookies: jar, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: process.env.NEXTAUTH_SECRET,
    secureCookie: secureCookiesFor(await headers()),
    decode: decodeSessionToken,
  });
  return token ? { uid: token.uid, sv: token.sv, sid: token.sid } : null;
}

/**
 * The signed-in user, or a redirect: to /login when signed out, to
 * /change-password while an initial password is still in use, to /forbidden
 * when the role may not open the page.
 */
export async function requireUser(
  roles?: readonly Role[],
  opts: { allowPasswordChange?: boolean } = {},
): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) return redirectToSignIn();
  if (user.mustChangePassword && !opts.allowPasswordChange) redirect("/change-password");
  if (roles && !roles.includes(user.role)) redirect("/forbidden");
  return user;
}

/**
 * To the sign-in page; when the browser still holds a session cookie that no
 * longer counts (idle timeout, absolute lifetime, signed out elsewhere,
 * password changed), the page says so.
 */
export async function redirectToSignIn(): Promise<never> {
  const jar = await cookies();
  const stale = jar.getAll().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name));
  redirect(stale ? "/login?notice=expired" : "/login");
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return role === "STUDENT" || role === "PARENT" ? "/portal" : "/console";
}
