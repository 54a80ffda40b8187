/**
 * The access-control matrix (role × action → allowed, with its scope rule).
 * Every server action and route handler calls `authorize(action)` (or
 * `requirePageAccess(action)` for pages) before it touches data; the
 * repositories then AND the returned Scope into their queries.
 */
import { redirect } from "next/navigation";
import type { Role } from "@/lib/domain/codes";
import { scopeOf, type Scope } from "../scope";
import type { SessionUser } from "@/lib/domain/session-user";
import { getSessionUser, redirectToSignIn } from "../session";
import { ADMIN_ACCESS } from "./admin";
import { DETERMINATION_ACCESS } from "./determination";
import { LOAN_ACCESS } from "./loans";
import { NOTIFICATION_ACCESS } from "./notifications";
import { FEE_WAIVER_ACCESS } from "./fee-waiver";
import { PORTAL_ACCESS } from "./portal";
import { SUPERVISOR_ACCESS } from "./supervisor";
import { SUPPORT_ACCESS } from "./support";
import { TEACHER_ACCESS } from "./teacher";
import type { AccessRule, ScopeRule } from "./types";

export type { AccessRule, ScopeRule } from "./types";

export const ACCESS = {
  ...PORTAL_ACCESS,
  ...TEACHER_ACCESS,
  ...ADMIN_ACCESS,
  ...DETERMINATION_ACCESS,
  ...SUPERVISOR_ACCESS,
  ...LOAN_ACCESS,
  ...FEE_WAIVER_ACCESS,
  ...SUPPORT_ACCESS,
  ...NOTIFICATION_ACCESS,
} as const;
export type Action = keyof typeof ACCESS;

/** The scope rule under which `role` may perform `action`, or null when it may not. */
export function ruleFor(role: Role, action: Action): ScopeRule | null {
  const rule: AccessRule = ACCESS[action];
  return rule.allow[role] ?? null;
}

export const isAllowed = (role: Role, action: Action): boolean => ruleFor(role, action) !== null;

export type Authorized = { ok: true; user: SessionUser; scope: Scope; rule: ScopeRule };
/** A refusal carries the failure code of lib/domain/result.ts, so it can be returned as a service failure. */
export type Refused = {
  ok: false;
  status: 401 | 403;
  code: "UNAUTHENTICATED" | "FORBIDDEN";
  message: string;
};

export const SIGNED_OUT_MESSAGE = "登录已失效，请重新登录。";
export const FORBIDDEN_MESSAGE = "您没有权限进行此操作。";

/** Pure decision for a known user (used by authorize and by the access test). */
export function decide(user: SessionUser | null, action: Action): Authorized | Refused {
  if (!user) return { ok: false, status: 401, code: "UNAUTHENTICATED", message: SIGNED_OUT_MESSAGE };
  if (user.mustChangePassword)
    return { ok: false, status: 403, code: "FORBIDDEN", message: "请先修改初始密码。" };
  const rule = ruleFor(user.role, action);
  if (!rule) return { ok: false, status: 403, code: "FORBIDDEN", message: FORBIDDEN_MESSAGE };
  return { ok: true, user, scope: scopeOf(user), rule };
}

/** For server actions and route handlers: the signed-in caller and their scope, or why not. */
export async function authorize(action: Action): Promise<Authorized | Refused> {
  return decide(await getSessionUser(), action);
}

/** For pages: the caller and scope, or a redirect to /login, /change-password or /forbidden. */
export async function requirePageAccess(action: Action): Promise<Authorized> {
  const user = await getSessionUser();
  if (!user) return redirectToSignIn();
  if (user.mustChangePassword) redirect("/change-password");
  const r = decide(user, action);
  if (!r.ok) redirect("/forbidden");
  return r;
}
