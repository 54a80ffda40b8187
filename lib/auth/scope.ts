/**
 * The caller's scope: what part of the data a signed-in user may
 * see. Repositories take a Scope and AND it into every query
 * (lib/db/scope.ts), so a query without a scope cannot be written by accident.
 */
import type { SessionUser } from "@/lib/domain/session-user";

export type Scope =
  | { role: "STUDENT"; userId: string; personId: string }
  | { role: "PARENT"; userId: string }
  | { role: "TEACHER"; userId: string; schoolId: string }
  | { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER"; userId: string; schoolId: string }
  | { role: "SUPERVISOR"; userId: string; regionPath: string };

export class ScopeError extends Error {}

export function scopeOf(user: SessionUser): Scope {
  switch (user.role) {
    case "STUDENT":
      if (!user.personId) throw new ScopeError("student account without person");
      return { role: "STUDENT", userId: user.id, personId: user.personId };
    case "PARENT":
      return { role: "PARENT", userId: user.id };
    case "TEACHER":
      if (!user.schoolId) throw new ScopeError("teacher account without school");
      return { role: "TEACHER", userId: user.id, schoolId: user.schoolId };
    case "SCHOOL_ADMIN":
    case "SCHOOL_LEADER":
      if (!user.schoolId) throw new ScopeError("school account without school");
      return { role: user.role, userId: user.id, schoolId: user.schoolId };
    case "SUPERVISOR":
      if (!user.regionPath) throw new ScopeError("supervisor account without region");
      return { role: "SUPERVISOR", userId: user.id, regionPath: user.regionPath };
  }
}
