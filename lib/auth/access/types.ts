import type { Role } from "@/lib/domain/codes";

/**
 * How far a role's permission for an action reaches. The rule is enforced by
 * the repositories, which AND the caller's Scope (lib/db/scope.ts) into every
 * query; this table says which rule applies so the access test can prove it.
 */
export type ScopeRule =
  /** a student: their own person/application only */
  | "self"
  /** a parent: children bound to them only */
  | "bound-child"
  /** a teacher: students and applications of the classes assigned to them */
  | "own-classes"
  /** an admin or leader: their school only */
  | "school"
  /** a supervisor: schools in their region subtree */
  | "region"
  /** any signed-in member of the school community of the object (e.g. a publicity page) */
  | "school-community";

export type AccessRule = {
  /** What the action does, in English, for the matrix listing in SECURITY.md. */
  description: string;
  /** Roles allowed, each with its scope rule. A role not listed is refused. */
  allow: Partial<Record<Role, ScopeRule>>;
};

export type AccessTable = Record<string, AccessRule>;
