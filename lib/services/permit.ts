import "server-only";
import { decide, type Action } from "@/lib/auth/access";
import type { Scope } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";

export type Permitted = { ok: true; scope: Scope; schoolId: string };
export type NotPermitted = { ok: false; message: string };

/**
 * Services of the school aid office check the access matrix themselves
 * (defence in depth behind authorize()): the caller's role must be allowed
 * the action, and the school they act on is always their own.
 */
export function permitSchool(user: SessionUser, action: Action): Permitted | NotPermitted {
  const r = decide(user, action);
  if (!r.ok) return { ok: false, message: r.message };
  const scope = r.scope;
  if (scope.role !== "SCHOOL_ADMIN" && scope.role !== "SCHOOL_LEADER" && scope.role !== "TEACHER")
    return { ok: false, message: "您没有权限进行此操作。" };
  return { ok: true, scope, schoolId: scope.schoolId };
}
