import type { Action } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/domain/codes";
import type { Side, World } from "../../support/access-world";

export type ProbeContext = {
  world: World;
  /** The caller's role; `caller` is side A's user of that role. */
  role: Role;
  caller: SessionUser;
  /** Whose objects the action is aimed at: side A (own scope) or side B (other scope, id tampering). */
  target: Side;
};

/**
 * Performs one action through the real service (or route handler) as
 * `caller` against `target`'s objects, creating whatever objects it needs.
 * Resolves true when the action was carried out (or data was returned),
 * false when it was refused. A refusal must reveal nothing of the target.
 */
export type Probe = (ctx: ProbeContext) => Promise<boolean>;

export type ProbeTable<A extends Action = Action> = Partial<Record<A, Probe>>;
