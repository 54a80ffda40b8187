import "server-only";
import type { Action } from "@/lib/auth/access";
import type { Failure } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { schoolContext, type SchoolScope } from "./context";

export type Permitted = { ok: true; scope: SchoolScope; schoolId: string };

/**
 * @deprecated Use `schoolContext(user, action)` of lib/services/context.ts (this is a thin wrapper over it,
 * kept only until the admin services that still call it move to the context).
 */
export function permitSchool(user: SessionUser, action: Action): Permitted | Failure {
  const context = schoolContext(user, action);
  return context.ok ? { ok: true, scope: context.data.scope, schoolId: context.data.schoolId } : context;
}
