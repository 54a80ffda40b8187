/**
 * The access-control matrix, proven against a real database: for every action
 * of lib/auth/access × every role × {own scope, other scope}, the probe runs
 * the real service as side A's user and the outcome must match the table
 * (allowed only for a listed role and only on its own side). An action
 * without a probe fails here.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS, ruleFor, type Action } from "@/lib/auth/access";
import { ROLES } from "@/lib/domain/codes";
import { buildAccessWorld, type World } from "../support/access-world";
import { ADMIN_PROBES } from "./access/admin.probes";
import { DETERMINATION_PROBES } from "./access/determination.probes";
import { LOAN_PROBES } from "./access/loans.probes";
import { NOTIFICATION_PROBES } from "./access/notifications.probes";
import { FEE_WAIVER_PROBES } from "./access/fee-waiver.probes";
import { PORTAL_PROBES } from "./access/portal.probes";
import { SUPERVISOR_PROBES } from "./access/supervisor.probes";
import { SUPPORT_PROBES } from "./access/support.probes";
import { SUPPORT_RECORDS_PROBES } from "./access/support-records.probes";
import { TEACHER_PROBES } from "./access/teacher.probes";
import type { Probe } from "./access/types";

const PROBES: Partial<Record<Action, Probe>> = {
  ...PORTAL_PROBES,
  ...TEACHER_PROBES,
  ...ADMIN_PROBES,
  ...DETERMINATION_PROBES,
  ...SUPERVISOR_PROBES,
  ...LOAN_PROBES,
  ...FEE_WAIVER_PROBES,
  ...SUPPORT_PROBES,
  ...SUPPORT_RECORDS_PROBES,
  ...NOTIFICATION_PROBES,
};
const actions = Object.keys(ACCESS) as Action[];

let world: World;
beforeAll(async () => {
  world = await buildAccessWorld();
});

it("every action in the matrix has a probe", () => {
  expect(actions.filter((a) => !PROBES[a])).toEqual([]);
});

describe.each(actions)("%s", (action) => {
  it.each(ROLES.flatMap((role) => (["own", "other"] as const).map((side) => ({ role, side }))))(
    "$role on $side scope",
    async ({ role, side }) => {
      const probe = PROBES[action];
      if (!probe) return; // reported by the coverage test above
      const expected = ruleFor(role, action) !== null && side === "own";
      const done = await probe({
        world,
        role,
        caller: world.A.users[role],
        target: side === "own" ? world.A : world.B,
      });
      expect(done).toBe(expected);
    },
  );
});
